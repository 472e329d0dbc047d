import HJ212
import ParkMetrics
import PropertyBased
import Testing

/// The framer's output depends only on the bytes, never on where the stream was cut, and every
/// byte comes out in exactly one frame; no byte sequence crashes it or the session behind it.
@Suite("HJ212Framer properties")
struct FramerPropertyTests {
    /// A stream of good packets, broken packets and garbage, with the number of good ones.
    static func stream(_ random: inout SeededRandom) -> (bytes: [UInt8], good: Int) {
        var bytes: [UInt8] = []
        var good = 0
        for index in 0..<Int.random(in: 1...12, using: &random) {
            let packet = Fixtures.frame(
                Fixtures.hourly(dataTime: "201706081\(index % 10)0000", Fixtures.compliant))
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes += Array("garbage #\r\n".utf8.prefix(Int.random(in: 1...11, using: &random)))
            case 1: bytes += packet.prefix(Int.random(in: 1..<packet.count, using: &random))
            case 2:
                var broken = packet
                broken[Int.random(in: 6..<(broken.count - 6), using: &random)] ^= 0x04
                bytes += broken
            default:
                bytes += packet
                good += 1
                continue
            }
            // What follows a broken piece must be able to resynchronize on it.
        }
        return (bytes, good)
    }

    static func cut(_ bytes: [UInt8], _ random: inout SeededRandom) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...40, using: &random))
            pieces.append(Array(bytes[start..<end]))
            start = end
        }
        return pieces
    }

    @Test func randomCutPointsGiveTheSameFrames() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let (bytes, _) = Self.stream(&random)
            var whole = HJ212Framer()
            let expected = whole.append(bytes) + whole.finish()
            var pieces = HJ212Framer()
            var actual: [RawFrame] = []
            for piece in Self.cut(bytes, &random) { actual += pieces.append(piece) }
            actual += pieces.finish()
            #expect(actual == expected)
            #expect(actual.flatMap(\.bytes) == bytes, "every byte in exactly one frame, in order")
        }
    }

    @Test func everyIntactPacketIsFoundWhateverSurroundsIt() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let (bytes, good) = Self.stream(&random)
            var framer = HJ212Framer()
            let frames = framer.append(bytes) + framer.finish()
            #expect(frames.filter { $0.verdict == .ok }.count >= good)
        }
    }

    @Test func noByteSequenceCrashesTheSession() async {
        let alphabet = Array("##0123456789ABCDEFabcdef=;,&-\r\nQNSTCMPWFlagw".utf8) + [0x00, 0xFF, 0xE6]
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...600, using: &random) {
                bytes.append(
                    Bool.random(using: &random)
                        ? alphabet.randomElement(using: &random) ?? 0 : UInt8.random(in: 0...255, using: &random))
            }
            if Bool.random(using: &random) {
                var packet = Fixtures.frame(Fixtures.hourly(Fixtures.compliant))
                packet[Int.random(in: 0..<packet.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                bytes.insert(contentsOf: packet, at: Int.random(in: 0...bytes.count, using: &random))
            }
            var session = DeviceSession(registry: Fixtures.registry)
            var records: [SessionRecord] = []
            for piece in Self.cut(bytes, &random) { records += session.receive(piece) }
            records += session.finish()
            #expect(records.flatMap(\.bytes) == bytes)
        }
    }
}
