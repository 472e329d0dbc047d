/// A JSON value found in a line: its kind and where its bytes are.
///
/// For a string, `start..<end` is the content between the quotes, still escaped when `escaped`.
/// For a number, it is the number's text, already checked against RFC 8259's grammar.
struct JSONToken: Sendable {
    enum Kind: UInt8, Sendable {
        case string, number, object, array, bool, null
        /// A CSV cell that should have been a number but is not one.
        case badNumber
    }

    var kind: Kind
    var escaped: Bool
    var start: Int
    var end: Int
    /// For a number: its value when the scanner could compute it exactly on the way, else NaN
    /// (then `JSONNumber.parse` reads the text).
    var number: Double

    init(kind: Kind, escaped: Bool = false, start: Int, end: Int, number: Double = .nan) {
        self.kind = kind
        self.escaped = escaped
        self.start = start
        self.end = end
        self.number = number
    }

    /// A placeholder (made afresh, not a lazily initialized static: it is used per field).
    static var absent: JSONToken { JSONToken(kind: .null, start: 0, end: 0) }

    /// `a string`, `a number`, … for messages such as `value: must be a number, not a string`.
    var typeName: String {
        switch kind {
        case .string, .badNumber: "a string"
        case .number: "a number"
        case .object: "an object"
        case .array: "an array"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
