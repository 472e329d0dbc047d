import ParkMetrics

/// Writes one JSON object field by field, in the order given.
struct JSONWriter {
    private var text = "{"

    mutating func field(_ name: String, raw: String, first: Bool = false) {
        if !first { text += "," }
        text += Self.quoted(name) + ":" + raw
    }

    mutating func field(_ name: String, string: String, first: Bool = false) {
        field(name, raw: Self.quoted(string), first: first)
    }

    /// Finite numbers in shortest round-trip form; JSON has no NaN or infinity, so those are null.
    mutating func field(_ name: String, number: Double, first: Bool = false) {
        field(name, raw: number.isFinite ? ShortestNumber.format(number) : "null", first: first)
    }

    var object: String { text + "}" }

    /// `"…"` with `"`, `\` and control characters escaped (`\n`, `\t`, `\r`, `\b`, `\f`, else `\u00XX`).
    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
