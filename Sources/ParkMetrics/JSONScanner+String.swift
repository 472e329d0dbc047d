extension JSONScanner {
    /// Scans a string at the current `"`, checking UTF-8, escapes and surrogates.
    @inline(__always)
    mutating func scanString() throws(MetricEventError) -> JSONToken {
        let start = position + 1
        var index = start
        var escaped = false
        while true {
            index = skipPlainBytes(from: index)
            guard index < count else { throw endOfInput(at: index) }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return JSONToken(kind: .string, escaped: escaped, start: start, end: index)
            }
            if byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\\") {
                index += 1
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
                index = try scanEscape(at: index)
            } else if byte < 0x20 {
                throw .syntax("raw control character 0x\(Self.hex(byte)) in a string at byte \(index)")
            } else {
                index = try scanUTF8(at: index)
            }
        }
    }

    /// Skips bytes that need no attention (printable ASCII other than `"` and `\\`) eight at a
    /// time, and returns the offset of the first byte that does (or of the last few bytes).
    @inline(__always)
    private func skipPlainBytes(from start: Int) -> Int {
        var index = start
        #if _endian(little)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                // Per byte: zero after the XOR (a quote or backslash), below 0x20, or 0x80 and above.
                // The lowest flagged byte is always a true one, which is all that is needed here.
                let flagged =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                    | word
                let mask = flagged & highs
                if mask != 0 { return index + mask.trailingZeroBitCount >> 3 }
                index += 8
            }
        #endif
        return index
    }

    /// Checks the escape at `index` (a backslash) and returns the offset after it.
    @inline(never)
    private func scanEscape(at index: Int) throws(MetricEventError) -> Int {
        guard index + 1 < count else { throw endOfInput(at: index + 1) }
        switch base[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index + 2
        case UInt8(ascii: "u"):
            let unit = try hexQuad(at: index + 2)
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw .encoding("lone low surrogate \\u\(Self.hexUnit(unit)) at byte \(index)")
            }
            guard unit >= 0xD800 && unit <= 0xDBFF else { return index + 6 }
            guard index + 7 < count, base[index + 6] == UInt8(ascii: "\\"), base[index + 7] == UInt8(ascii: "u")
            else {
                throw .encoding("lone high surrogate \\u\(Self.hexUnit(unit)) at byte \(index)")
            }
            let low = try hexQuad(at: index + 8)
            guard low >= 0xDC00 && low <= 0xDFFF else {
                throw .encoding("lone high surrogate \\u\(Self.hexUnit(unit)) at byte \(index)")
            }
            return index + 12
        default:
            throw .syntax("invalid escape in a string at byte \(index)")
        }
    }

    private func hexQuad(at index: Int) throws(MetricEventError) -> UInt16 {
        var value: UInt16 = 0
        for offset in index..<index + 4 {
            guard offset < count else { throw endOfInput(at: offset) }
            guard let digit = Self.hexValue(base[offset]) else {
                throw .syntax("invalid \\u escape in a string at byte \(index - 2)")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func hexUnit(_ unit: UInt16) -> String {
        hex(UInt8(unit >> 8)) + hex(UInt8(unit & 0xFF))
    }

    /// Checks one multi-byte UTF-8 sequence at `index` (Unicode Table 3-7) and returns the offset after it.
    @inline(never)
    private func scanUTF8(at index: Int) throws(MetricEventError) -> Int {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw invalidUTF8(at: index)
        }
        guard index + length <= count else { throw invalidUTF8(at: index) }
        let second = base[index + 1]
        guard second >= low && second <= high else { throw invalidUTF8(at: index) }
        for offset in index + 2..<index + length where base[offset] & 0xC0 != 0x80 {
            throw invalidUTF8(at: index)
        }
        return index + length
    }

    private func invalidUTF8(at index: Int) -> MetricEventError {
        .encoding("invalid UTF-8 at byte \(index)")
    }
}
