import ParkMetrics
import PropertyBased
import Testing

/// No byte sequence crashes or hangs the decoder; whatever it accepts is a valid event that
/// encodes and decodes back to itself.
@Suite("MetricEventDecoder fuzz")
struct FuzzTests {
    static let seeds: [[UInt8]] = [
        Array(TestSupport.goodLine.utf8), Array(TestSupport.monthlyLine.utf8),
        Array(#"{"a":[{"b":"\ud83d\ude00","c":-1.5e+3},[],{}],"event_id":"\u00e9"}"#.utf8),
    ]

    static let tokens: [[UInt8]] =
        [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "e", "-", ".", "0", "1e400", "null",
            "true", "NaN", " ", "\u{00}", "\u{1F}", "é", "😀", "\"value\":", "\"period\":\"2017-05\"",
        ].map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE6]]

    static func mutate(_ input: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let index = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            case 1 where !bytes.isEmpty: bytes.remove(at: index)
            case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
            case 3: bytes.insert(contentsOf: tokens.randomElement(using: &random) ?? [], at: index)
            case 4: bytes = Array(bytes.prefix(index))
            default: bytes.insert(contentsOf: bytes[index...].prefix(Int.random(in: 0...20, using: &random)), at: index)
            }
        }
        return bytes
    }

    static func check(_ bytes: [UInt8]) {
        var decoder = MetricEventDecoder()
        guard let event = try? decoder.decode(bytes) else { return }
        let again = try? decoder.decode(MetricEventEncoder().encode(event))
        #expect(again == event, "\(bytes)")
    }

    @Test func mutatedEventsNeverCrash() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            for _ in 0..<100 {
                let seedLine = Self.seeds.randomElement(using: &random) ?? []
                Self.check(Self.mutate(seedLine, &random))
            }
        }
    }

    @Test func randomBytesNeverCrash() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            for _ in 0..<50 {
                let length = Int.random(in: 0...300, using: &random)
                let alphabet = Array("{}[]\":,\\ 0123456789.eE-+tfnrul\"".utf8)
                let bytes = (0..<length).map { _ in
                    Bool.random(using: &random)
                        ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random) ?? 0
                }
                Self.check(bytes)
            }
        }
    }

    @Test func hugeInputsStayBounded() {
        let deep = Array(String(repeating: "[{\"a\":", count: 10_000).utf8)
        #expect(TestSupport.message(deep)?.hasPrefix("json: nesting deeper than 64 levels") == true)
        let long = [UInt8](repeating: UInt8(ascii: " "), count: 70_000)
        #expect(TestSupport.message(long)?.hasPrefix("json: line is 70000 bytes") == true)
        let digits = Array(("{\"value\":" + String(repeating: "9", count: 60_000) + "}").utf8)
        #expect(TestSupport.message(digits) == "event_id: required")
    }
}
