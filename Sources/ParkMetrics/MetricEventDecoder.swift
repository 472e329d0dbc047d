/// Decodes and validates one metric event v1 from the bytes of one line (ARCHITECTURE.md §4).
///
/// Strict: the line must be exactly one RFC 8259 JSON object with only whitespace around it, in
/// valid UTF-8, nested at most 64 levels deep, at most 64 KiB long. Keys are matched as bytes and
/// only `event_id`, `park_id` and `source` become strings (park IDs are interned). Errors name the
/// first rule broken, in this order: JSON syntax and encoding (the whole line is read first, so a
/// syntax error always wins), a duplicate key, not an object, then the fields in the order
/// `event_id`, `park_id`, `metric`, `observed_at`, `value`, `weight`, `period`, `unit`, `source`.
///
/// Duplicate keys are refused, in the event object and in nested objects of unknown fields alike:
/// RFC 8259 leaves their meaning open, and parsers differ on which value wins, so accepting them
/// would let two readers of the same event disagree. Escaped and unescaped spellings of the same
/// key (`"a"`, `"\u0061"`) are the same key.
///
/// The decoder keeps small caches (interned park IDs and sources, the last day number), hence
/// `mutating`; use one decoder per thread or task. The caches only ever hold valid values, so they
/// change speed, never outcomes.
public struct MetricEventDecoder: Sendable {
    /// The longest line accepted, in bytes, excluding its newline.
    public static let maxLineBytes = 65_536
    /// The deepest nesting of arrays and objects accepted, counting the event object itself.
    public static let maxDepth = JSONScanner.maxDepth

    private var caches = DecoderCaches()

    /// A decoder with empty caches.
    public init() {}

    /// Decodes one line (without its newline).
    public mutating func decode(_ bytes: UnsafeRawBufferPointer) throws(MetricEventError) -> MetricEvent {
        guard bytes.count <= Self.maxLineBytes else {
            throw MetricEventError(
                field: nil, code: .tooLong,
                reason: "line is \(bytes.count) bytes, over the limit of \(Self.maxLineBytes)")
        }
        guard let start = bytes.baseAddress, bytes.count > 0 else { throw .syntax("unexpected end of input at byte 0") }
        let base = start.assumingMemoryBound(to: UInt8.self)
        var scanner = JSONScanner(base: base, count: bytes.count)
        var fields = EventFields()
        try Self.scanEvent(&scanner, into: &fields)
        return try fields.validate(in: base, caches: &caches)
    }

    /// Decodes one line (without its newline).
    public mutating func decode(_ bytes: [UInt8]) throws(MetricEventError) -> MetricEvent {
        let result = bytes.withUnsafeBytes { self.result($0) }
        return try result.get()
    }

    /// Decodes one line (without its newline).
    @available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *)
    public mutating func decode(_ bytes: Span<UInt8>) throws(MetricEventError) -> MetricEvent {
        let result = bytes.withUnsafeBufferPointer { self.result(UnsafeRawBufferPointer($0)) }
        return try result.get()
    }

    /// Decodes one line of text (without its newline).
    public mutating func decode(_ line: String) throws(MetricEventError) -> MetricEvent {
        var line = line
        let result = line.withUTF8 { self.result(UnsafeRawBufferPointer($0)) }
        return try result.get()
    }

    /// Decodes one line (without its newline), the outcome as a value.
    public mutating func result(_ bytes: UnsafeRawBufferPointer) -> Result<MetricEvent, MetricEventError> {
        do throws(MetricEventError) {
            return .success(try decode(bytes))
        } catch {
            return .failure(error)
        }
    }

    // MARK: - The event object

    /// Reads the whole line as JSON, recording the event's fields; a syntax error always wins.
    private static func scanEvent(_ scanner: inout JSONScanner, into fields: inout EventFields) throws(MetricEventError)
    {
        var pending: MetricEventError?
        var unknownKeys: Set<[UInt8]> = []
        scanner.skipWhitespace()
        guard try scanner.peek() == UInt8(ascii: "{") else {
            let token = try scanner.scanValue(depth: 0)
            try finish(&scanner)
            throw MetricEventError(
                field: nil, code: .notObject, reason: "an event must be a JSON object, not \(token.typeName)")
        }
        scanner.position += 1
        scanner.skipWhitespace()
        if try scanner.peek() == UInt8(ascii: "}") {
            scanner.position += 1
        } else {
            var predicted = 0
            while true {
                guard try scanner.peek() == UInt8(ascii: "\"") else { throw scanner.unexpected(at: scanner.position) }
                // Fast path: the keys of a canonical event come in a known order, so the next key is
                // first compared as raw bytes with `"name":`; anything else takes the general path.
                var key = JSONToken.absent
                var name = scanner.matchKey(from: predicted)
                if name == nil {
                    key = try scanner.scanString()
                    scanner.skipWhitespace()
                    try scanner.expect(UInt8(ascii: ":"))
                    name = Self.fieldName(of: key, in: scanner.base)
                }
                scanner.skipWhitespace()
                if let name { predicted = name.rawValue + 1 }
                let value =
                    try name != nil && scanner.position < scanner.count
                    && scanner.base[scanner.position] == UInt8(ascii: "\"")
                    ? scanner.scanString() : scanner.scanValue(depth: 1)
                if let name {
                    if fields.has(name), pending == nil {
                        pending = .field(name.wireName, .duplicateKey, "duplicate key")
                    }
                    fields[name] = value
                } else if !unknownKeys.insert(JSONStrings.bytes(of: key, in: scanner.base)).inserted, pending == nil {
                    pending = .field(JSONStrings.string(of: key, in: scanner.base), .duplicateKey, "duplicate key")
                }
                if let nested = scanner.duplicate, pending == nil {
                    let field = name?.wireName ?? JSONStrings.string(of: key, in: scanner.base)
                    pending = .field(
                        field, .duplicateKey, "duplicate key \(JSONStrings.excerpt(nested)) in a nested object")
                }
                scanner.skipWhitespace()
                let separator = try scanner.peek()
                scanner.position += 1
                if separator == UInt8(ascii: "}") { break }
                guard separator == UInt8(ascii: ",") else { throw scanner.unexpected(at: scanner.position - 1) }
                scanner.skipWhitespace()
            }
        }
        try finish(&scanner)
        if let pending { throw pending }
    }

    private static func fieldName(of key: JSONToken, in base: UnsafePointer<UInt8>) -> EventFields.Name? {
        guard key.escaped else { return EventFields.Name.matching(base, start: key.start, end: key.end) }
        let bytes = JSONStrings.bytes(of: key, in: base)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { EventFields.Name.matching($0, start: 0, end: buffer.count) }
        }
    }

    /// Only whitespace may follow the value.
    private static func finish(_ scanner: inout JSONScanner) throws(MetricEventError) {
        scanner.skipWhitespace()
        guard scanner.position == scanner.count else {
            throw .syntax("unexpected data after the JSON value at byte \(scanner.position)")
        }
    }
}
