/// A strict RFC 8259 scanner over the bytes of one line.
///
/// It checks everything the contract asks of the bytes (grammar, UTF-8, escapes, surrogates, raw
/// control characters, nesting depth) and hands back the location of values, so that only the
/// fields an event needs are ever turned into Swift values. Nesting is handled iteratively
/// (`skipContainer`), so no input can overflow the stack.
struct JSONScanner {
    /// Arrays and objects may nest this deep, counting the event object itself.
    static let maxDepth = 64

    let base: UnsafePointer<UInt8>
    let count: Int
    var position = 0
    /// The first key repeated inside a nested object, if any (reported once the JSON is known to be valid).
    var duplicate: String?

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    // MARK: - Whitespace and single bytes

    @inline(__always)
    mutating func skipWhitespace() {
        while position < count {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    /// The byte at the current position; throws at the end of the input.
    @inline(__always)
    func peek() throws(MetricEventError) -> UInt8 {
        guard position < count else { throw endOfInput(at: position) }
        return base[position]
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(MetricEventError) {
        guard try peek() == byte else { throw unexpected(at: position) }
        position += 1
    }

    @inline(never)
    func endOfInput(at offset: Int) -> MetricEventError {
        .syntax("unexpected end of input at byte \(offset)")
    }

    /// `unexpected 'x' at byte 12`, with a special word for the non-JSON numbers people send.
    @inline(never)
    func unexpected(at offset: Int) -> MetricEventError {
        guard offset < count else { return endOfInput(at: offset) }
        let byte = base[offset]
        if byte == UInt8(ascii: "N") || byte == UInt8(ascii: "I") {
            return .syntax("NaN and Infinity are not JSON numbers (byte \(offset))")
        }
        if byte >= 0x80 {
            return .encoding("unexpected byte 0x\(Self.hex(byte)) outside a string at byte \(offset)")
        }
        if byte >= 0x21 && byte < 0x7F {
            return .syntax("unexpected '\(Character(Unicode.Scalar(byte)))' at byte \(offset)")
        }
        return .syntax("unexpected byte 0x\(Self.hex(byte)) at byte \(offset)")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    // MARK: - Values

    /// Scans any JSON value at the current position; `depth` is the nesting of its container.
    @inline(__always)
    mutating func scanValue(depth: Int) throws(MetricEventError) -> JSONToken {
        let start = position
        switch try peek() {
        case UInt8(ascii: "\""):
            return try scanString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let number = try scanNumber()
            return JSONToken(kind: .number, start: start, end: position, number: number)
        case UInt8(ascii: "{"):
            try skipContainer(depth: depth)
            return JSONToken(kind: .object, start: start, end: position)
        case UInt8(ascii: "["):
            try skipContainer(depth: depth)
            return JSONToken(kind: .array, start: start, end: position)
        case UInt8(ascii: "t"):
            try scanLiteral("true")
            return JSONToken(kind: .bool, start: start, end: position)
        case UInt8(ascii: "f"):
            try scanLiteral("false")
            return JSONToken(kind: .bool, start: start, end: position)
        case UInt8(ascii: "n"):
            try scanLiteral("null")
            return JSONToken(kind: .null, start: start, end: position)
        default:
            throw unexpected(at: position)
        }
    }

    mutating func scanLiteral(_ word: StaticString) throws(MetricEventError) {
        let bytes = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount {
            guard position < count else { throw endOfInput(at: position) }
            guard base[position] == bytes[index] else { throw unexpected(at: position) }
            position += 1
        }
    }

    /// Checks a number against `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?` and, on the way,
    /// computes its value when Clinger's fast path applies (NaN when it does not).
    @inline(__always)
    mutating func scanNumber() throws(MetricEventError) -> Double {
        let negative = base[position] == UInt8(ascii: "-")
        if negative {
            position += 1
            if position < count, base[position] == UInt8(ascii: "I") {
                throw .syntax("NaN and Infinity are not JSON numbers (byte \(position - 1))")
            }
        }
        var significand: UInt64 = 0
        var digits = 0
        var exponent = 0
        let first = try peek()
        if first == UInt8(ascii: "0") {
            position += 1
        } else if isDigit(first) {
            while position < count, isDigit(base[position]) {
                JSONNumber.accumulate(base[position] &- UInt8(ascii: "0"), &significand, &digits)
                position += 1
            }
        } else {
            throw unexpected(at: position)
        }
        if position < count, base[position] == UInt8(ascii: ".") {
            position += 1
            guard isDigit(try peek()) else { throw unexpected(at: position) }
            while position < count, isDigit(base[position]) {
                JSONNumber.accumulate(base[position] &- UInt8(ascii: "0"), &significand, &digits)
                exponent -= 1
                position += 1
            }
        }
        if position < count, base[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            let sign = try peek()
            if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            guard isDigit(try peek()) else { throw unexpected(at: position) }
            var written = 0
            while position < count, isDigit(base[position]) {
                written = min(written * 10 + Int(base[position] &- UInt8(ascii: "0")), 1_000_000)
                position += 1
            }
            exponent += sign == UInt8(ascii: "-") ? -written : written
        }
        return JSONNumber.fastValue(significand, digits: digits, exponent: exponent, negative: negative) ?? .nan
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

}
