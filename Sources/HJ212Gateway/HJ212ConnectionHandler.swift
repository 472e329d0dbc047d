import HJ212
import Logging
import NIOCore
import ParkMetrics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One device connection: bytes in, through a ``DeviceSession``, records out to the archiver.
/// Lives on its channel's event loop only.
final class HJ212ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var session: DeviceSession
    private let archiver: HJ212Archiver
    private let tracker: ConnectionTracker
    private var peer = "unknown"

    init(session: DeviceSession, archiver: HJ212Archiver, tracker: ConnectionTracker) {
        self.session = session
        self.archiver = archiver
        self.tracker = tracker
    }

    func channelActive(context: ChannelHandlerContext) {
        if let address = context.remoteAddress, let ip = address.ipAddress, let port = address.port {
            peer = address.protocol == .inet6 ? "[\(ip)]:\(port)" : "\(ip):\(port)"
        }
        tracker.opened(context.channel)
        archiver.metrics.connectionOpened()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let since = ContinuousClock.now
        let receivedAt = Self.wallClock()
        var buffer = unwrapInboundIn(data)
        let records = buffer.readWithUnsafeReadableBytes { bytes in
            (bytes.count, session.receive(bytes))
        }
        for record in records {
            archiver.archive(record, peer: peer, receivedAt: receivedAt, since: since, channel: context.channel)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let receivedAt = Self.wallClock()
        for record in session.finish() {
            archiver.archive(record, peer: peer, receivedAt: receivedAt, since: .now, channel: context.channel)
        }
        tracker.closed(context.channel)
        archiver.metrics.connectionClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        archiver.logger.debug("hj212: connection error", metadata: ["hj212.peer": "\(peer)", "error": "\(error)"])
        context.close(promise: nil)
    }

    /// Now, in microseconds since the epoch.
    static func wallClock() -> Timestamp {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Timestamp(microseconds: Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000)
    }
}
