import HJ212
import NIOCore
import Synchronization

/// One simulated monitor: sends a packet, waits for its reply, sends the next (closed loop, as
/// devices that wait for the data reply do), and notes each reply's latency.
final class BenchDevice: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let mn: String
    let packets: Int
    let results: BenchResults
    /// Time between a reply and the next packet (zero: at once).
    let pause: TimeAmount
    private var framer = HJ212Framer()
    private var sent = 0
    private var sentAt = ContinuousClock.now
    private var latencies: [Duration] = []

    init(mn: String, packets: Int, pause: TimeAmount, results: BenchResults) {
        self.mn = mn
        self.packets = packets
        self.pause = pause
        self.results = results
        latencies.reserveCapacity(packets)
    }

    /// Packet `index`: an hourly packet (CN 2061, ST 32, Flag A) of this device.
    static func packet(mn: String, index: Int) -> [UInt8] {
        let day = 1 + index / 24
        let hour = index % 24
        let dataTime = "201706" + (day < 10 ? "0\(day)" : "\(day)") + (hour < 10 ? "0\(hour)" : "\(hour)") + "0000"
        let cod = index % 10 == 0 ? 61.5 : 21.5
        let segment =
            "QN=\(dataTime)\(index % 1000 + 1000);ST=32;CN=2061;PW=123456;MN=\(mn);Flag=5;CP=&&DataTime=\(dataTime);"
            + "w01018-Min=\(cod - 1),w01018-Avg=\(cod),w01018-Max=\(cod + 1),w01018-Flag=N;"
            + "w21003-Min=1.1,w21003-Avg=1.2,w21003-Max=1.3,w21003-Flag=N;"
            + "w21011-Min=0.2,w21011-Avg=0.21,w21011-Max=0.22,w21011-Flag=N;"
            + "w21001-Min=9,w21001-Avg=9.5,w21001-Max=10,w21001-Flag=N;"
            + "w01001-Min=7,w01001-Avg=7.2,w01001-Max=7.4,w01001-Flag=N;w00000-Cou=1234.5,w00000-Flag=N&&"
        return HJ212Frame.encode(segment) ?? []
    }

    /// Sent to every device once all are connected, so that all of them talk at once.
    struct Start: Sendable {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is Start { sendNext(context: context) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let replies = framer.append(buffer.readableBytesView).filter { $0.verdict == .ok }
        for _ in replies {
            latencies.append(.now - sentAt)
            if sent < packets, pause == .zero {
                sendNext(context: context)
            } else if sent < packets {
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: pause) {
                    let (device, context) = loopBound.value
                    device.sendNext(context: context)
                }
            } else {
                results.finished(latencies)
                context.close(promise: nil)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        results.failed("\(mn): \(error)")
        context.close(promise: nil)
    }

    private func sendNext(context: ChannelHandlerContext) {
        let bytes = Self.packet(mn: mn, index: sent)
        sent += 1
        sentAt = .now
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
    }
}

/// What all devices measured, collected across event loops.
final class BenchResults: Sendable {
    private let state = Mutex<(latencies: [Duration], done: Int, errors: [String])>(([], 0, []))

    func finished(_ latencies: [Duration]) {
        state.withLock {
            $0.latencies += latencies
            $0.done += 1
        }
    }

    func failed(_ error: String) {
        state.withLock { $0.errors.append(error) }
    }

    var snapshot: (latencies: [Duration], done: Int, errors: [String]) { state.withLock { $0 } }
}
