/// Every bad input of issue 3 ("Bad input (each a test)") with the exact message it must get.
enum BadInputCases {
    typealias Case = (name: String, line: [UInt8], message: String)

    static func text(_ name: String, _ line: String, _ message: String) -> Case {
        (name, Array(line.utf8), message)
    }

    static func field(_ name: String, _ field: String, _ json: String?, _ message: String) -> Case {
        text(name, TestSupport.replacing(field, with: json), message)
    }

    static func monthly(_ name: String, _ field: String, _ json: String?, _ message: String) -> Case {
        text(name, TestSupport.replacing(field, with: json, in: TestSupport.monthlyLine), message)
    }

    static let good = TestSupport.goodLine

    static let all: [Case] = syntax + fields + values + time + period + other

    static let syntax: [Case] = [
        text("not JSON", "hello", "json: unexpected 'h' at byte 0"),
        text("empty line", "", "json: unexpected end of input at byte 0"),
        text("truncated", String(good.prefix(57)), "json: unexpected end of input at byte 57"),
        text("truncated inside a value", String(good.prefix(119)), "json: unexpected end of input at byte 119"),
        text("not an object (array)", "[1,2]", "json: an event must be a JSON object, not an array"),
        text("not an object (string)", #""event""#, "json: an event must be a JSON object, not a string"),
        text("not an object (number)", "42", "json: an event must be a JSON object, not a number"),
        text("two objects on a line", good + good, "json: unexpected data after the JSON value at byte 166"),
        text("trailing comma", "{\"a\":1,}", "json: unexpected '}' at byte 7"),
        text("single quotes", "{'a':1}", "json: unexpected ''' at byte 1"),
        text("leading zero", TestSupport.replacing("value", with: "01"), "json: unexpected '1' at byte 138"),
        text(
            "NaN", TestSupport.replacing("value", with: "NaN"), "json: NaN and Infinity are not JSON numbers (byte 137)"
        ),
        text(
            "Infinity", TestSupport.replacing("value", with: "Infinity"),
            "json: NaN and Infinity are not JSON numbers (byte 137)"),
        text(
            "-Infinity", TestSupport.replacing("value", with: "-Infinity"),
            "json: NaN and Infinity are not JSON numbers (byte 137)"),
        text(
            "raw control character", "{\"event_id\":\"a\tb\"}",
            "json: raw control character 0x09 in a string at byte 14"),
        text("bad escape", #"{"event_id":"a\x"}"#, #"json: invalid escape in a string at byte 14"#),
        text("escaped lone high surrogate", #"{"event_id":"\ud800"}"#, #"json: lone high surrogate \uD800 at byte 13"#),
        text("escaped lone low surrogate", #"{"event_id":"\uDC00x"}"#, #"json: lone low surrogate \uDC00 at byte 13"#),
        (
            "invalid UTF-8 byte", Array(#"{"event_id":""#.utf8) + [0xFF] + Array(#""}"#.utf8),
            "json: invalid UTF-8 at byte 13"
        ),
        (
            "overlong UTF-8", Array(#"{"event_id":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8),
            "json: invalid UTF-8 at byte 13"
        ),
        (
            "encoded surrogate", Array(#"{"event_id":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),
            "json: invalid UTF-8 at byte 13"
        ),
        (
            "truncated UTF-8", Array(#"{"event_id":""#.utf8) + [0xE6, 0xB0] + Array(#""}"#.utf8),
            "json: invalid UTF-8 at byte 13"
        ),
        (
            "byte order mark in a line", [0xEF, 0xBB, 0xBF] + Array(good.utf8),
            "json: unexpected byte 0xEF outside a string at byte 0"
        ),
        text(
            "line over 64 KiB",
            TestSupport.replacing("note", with: "\"" + String(repeating: "x", count: 65_536) + "\""),
            "json: line is 65712 bytes, over the limit of 65536"),
        text(
            "deep nesting",
            TestSupport.replacing("deep", with: String(repeating: "[", count: 64) + String(repeating: "]", count: 64)),
            "json: nesting deeper than 64 levels at byte 236"),
        text(
            "very deep nesting", String(repeating: "[", count: 60_000),
            "json: nesting deeper than 64 levels at byte 64"),
        text("duplicate key", TestSupport.goodLine.dropLast() + #","value":0.5}"#, "value: duplicate key"),
        text(
            "duplicate key, escaped spelling", TestSupport.goodLine.dropLast() + #","\u0076alue":0.5}"#,
            "value: duplicate key"),
        text(
            "duplicate unknown key", TestSupport.replacing("x", with: "1").dropLast() + #","x":2}"#, "x: duplicate key"),
        text(
            "duplicate key in a nested object", TestSupport.replacing("x", with: #"[{"a":1,"a":2}]"#),
            #"x: duplicate key "a" in a nested object"#),
        text(
            "duplicate key nested in a known field", TestSupport.replacing("weight", with: #"{"a":1,"a":2}"#),
            #"weight: duplicate key "a" in a nested object"#),
        text("syntax error wins over a duplicate key", #"{"a":1,"a":2"#, "json: unexpected end of input at byte 12"),
    ]
}
