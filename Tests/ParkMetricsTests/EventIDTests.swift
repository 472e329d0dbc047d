import ParkMetrics
import Testing

@Suite("EventID: inline and spilled ids")
struct EventIDTests {
    /// Lengths on both sides of the 39 bytes kept inline, in one- and multi-byte characters.
    static let ids = [
        "a", String(repeating: "x", count: 38), String(repeating: "x", count: 39), String(repeating: "x", count: 40),
        String(repeating: "é", count: 19) + "x", String(repeating: "é", count: 20), String(repeating: "😀", count: 128),
    ]

    @Test(arguments: ids)
    func keepsItsTextAndBytes(_ text: String) {
        let id = EventID(text)
        #expect(id.description == text)
        #expect(id.utf8Count == text.utf8.count)
        #expect(id.withUTF8 { Array($0) } == Array(text.utf8))
    }

    @Test func equalIdsAreEqualAndHashAlike() {
        for (left, right) in zip(Self.ids, Self.ids.dropFirst()) {
            #expect(EventID(left) == EventID(left))
            #expect(EventID(left) != EventID(right))
        }
        let ids = Self.ids.map { EventID($0) }
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids + Self.ids.map { EventID($0) }).count == ids.count)
        #expect(EventID(String(repeating: "x", count: 39)) != EventID(String(repeating: "x", count: 39) + "\0"))
        // Bytes decide, short or long: "é" composed and decomposed are equal Strings, not equal ids.
        for padding in [0, 40] {
            let composed = EventID(String(repeating: "x", count: padding) + "\u{E9}")
            let decomposed = EventID(String(repeating: "x", count: padding) + "e\u{301}")
            #expect(composed != decomposed)
        }
    }

    @Test(arguments: ids)
    func decodesAndEncodesWhole(_ text: String) throws {
        var decoder = MetricEventDecoder()
        let line = TestSupport.replacing("event_id", with: "\"\(text)\"")
        let event = try decoder.decode(line)
        #expect(event.eventID == EventID(text))
        #expect(try decoder.decode(MetricEventEncoder().encode(event)) == event)
    }
}
