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

    /// A JSON string literal (see `JSONText.quoted`).
    static func quoted(_ string: String) -> String {
        JSONText.quoted(string)
    }
}
