import ParkMetrics
import PropertyBased
import Testing

/// The same event decodes the same whatever the key order, the whitespace between tokens, the
/// escaping of strings and the spelling of numbers: the canonical fast paths and the general
/// paths agree.
@Suite("MetricEventDecoder: layout independence")
struct LayoutPropertyTests {
    /// A JSON string for `text`, escaping at random characters that need no escape.
    static func jsonString(_ text: String, _ random: inout SeededRandom) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += Bool.random(using: &random) ? "\\\\" : "\\u005C"
            case "/" where Bool.random(using: &random): out += "\\/"
            case _ where scalar.value < 0x20 || Int.random(in: 0..<8, using: &random) == 0:
                if scalar.value > 0xFFFF {
                    let value = scalar.value - 0x10000
                    out += hex(0xD800 + (value >> 10)) + hex(0xDC00 + (value & 0x3FF))
                } else {
                    out += hex(scalar.value)
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: Bool.random())
        return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }

    static func whitespace(_ random: inout SeededRandom) -> String {
        String(
            (0..<Int.random(in: 0...2, using: &random)).map { _ in
                [" ", "\t", "\r", "\n"].randomElement(using: &random) ?? " "
            })
    }

    /// `value` spelled another way that reads back as the same double.
    static func number(_ value: Double, _ random: inout SeededRandom) -> String {
        let shortest = ShortestNumber.format(value)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: return shortest
        case 1: return shortest.contains("e") ? String(shortest.map { $0 == "e" ? "E" : $0 }) : shortest + "e0"
        default:
            return String(describing: value) == shortest ? shortest : shortest + (shortest.contains(".") ? "0" : "")
        }
    }

    @Test func keyOrderWhitespaceAndEscapesDoNotMatter() async {
        await propertyCheck(count: 1000, input: Gen.uint64()) { seed in
            var generator = EventGenerator(seed: seed)
            let event = generator.event()
            var random = generator.random
            var members: [(key: String, value: String)] = [
                ("event_id", Self.jsonString(event.eventID.description, &random)),
                ("park_id", Self.jsonString(event.parkID.rawValue, &random)),
                ("metric", Self.jsonString(event.metric.name, &random)),
                (
                    "observed_at",
                    Self.jsonString(event.observedAt.rfc3339(offsetSeconds: generator.offsetSeconds()), &random)
                ),
                ("value", Self.number(event.value, &random)),
                ("weight", Self.number(event.weight, &random)),
                ("unknown", "[{\"a\":null},1.5e-3,\"x\",true]"),
            ]
            if let period = event.period { members.append(("period", Self.jsonString(period.description, &random))) }
            if let source = event.source { members.append(("source", Self.jsonString(source, &random))) }
            members.shuffle(using: &random)
            var line = Self.whitespace(&random) + "{"
            for (index, member) in members.enumerated() {
                if index > 0 { line += Self.whitespace(&random) + "," }
                line += Self.whitespace(&random) + Self.jsonString(member.key, &random) + Self.whitespace(&random) + ":"
                line += Self.whitespace(&random) + member.value
            }
            line += Self.whitespace(&random) + "}" + Self.whitespace(&random)
            var decoder = MetricEventDecoder()
            #expect(throws: Never.self) {
                let decoded = try decoder.decode(line)
                #expect(decoded == event, "\(line)")
            }
        }
    }
}
