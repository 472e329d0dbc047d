import HJ212
import NIOCore
import NIOPosix
import Synchronization

/// A monitor's side of one TCP connection to the gateway, for tests: sends bytes, collects replies.
final class DeviceConnection: Sendable {
    let channel: any Channel
    let received: ReceivedBytes

    final class ReceivedBytes: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let received: ReceivedBytes

        init(_ received: ReceivedBytes) {
            self.received = received
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            received.bytes.withLock { $0 += Array(buffer.readableBytesView) }
        }
    }

    init(port: Int, group: any EventLoopGroup) throws {
        let received = ReceivedBytes()
        self.received = received
        channel = try ClientBootstrap(group: group)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(received))
                }
            }
            .connect(host: "127.0.0.1", port: port).wait()
    }

    func send(_ bytes: [UInt8]) throws {
        try channel.writeAndFlush(ByteBuffer(bytes: bytes)).wait()
    }

    /// The replies received so far, as parsed packets.
    var replies: [HJ212Packet] {
        var framer = HJ212Framer()
        return framer.append(received.bytes.withLock { $0 }).compactMap { try? HJ212Packet(segment: $0.segment) }
    }

    /// Waits until `count` replies arrived (or 30 s passed) and returns them.
    func waitForReplies(_ count: Int) -> [HJ212Packet] {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let replies = self.replies
            if replies.count >= count { return replies }
            Thread.sleepMilliseconds(5)
        }
        return replies
    }

    func close() {
        try? channel.close().wait()
    }
}

enum Thread {
    static func sleepMilliseconds(_ milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        nanosleep(&request, nil)
    }
}
