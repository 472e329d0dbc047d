/// Converts JSON number text to `Double`, correctly rounded.
///
/// The fast path is Clinger's: when the decimal significand fits in 53 bits and the power of ten is
/// at most 22, both are exact doubles and one IEEE multiplication or division rounds correctly.
/// Everything else goes to `Double(String)` (the C library's `strtod`, correctly rounded).
enum JSONNumber {
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The double `base[start..<end]` spells, or nil when the text is not a JSON number.
    /// Overflow gives an infinity, which callers refuse as "not a finite number".
    static func parse(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Double? {
        var index = start
        let negative = index < end && base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var significand: UInt64 = 0
        var digits = 0  // significant digits taken into `significand`
        var exponent = 0
        let integerStart = index
        while index < end, let digit = digitValue(base[index]) {
            accumulate(digit, &significand, &digits)
            index += 1
        }
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits == 1 || base[integerStart] != UInt8(ascii: "0") else { return nil }
        if index < end, base[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < end, let digit = digitValue(base[index]) {
                accumulate(digit, &significand, &digits)
                exponent -= 1
                index += 1
            }
            guard index > fractionStart else { return nil }
        }
        if index < end, base[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
                exponentNegative = base[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            var written = 0
            while index < end, let digit = digitValue(base[index]) {
                written = min(written * 10 + Int(digit), 1_000_000)
                index += 1
            }
            guard index > exponentStart else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard index == end else { return nil }
        if let value = fastValue(significand, digits: digits, exponent: exponent, negative: negative) { return value }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        guard let parsed = Double(text) else { return nil }
        return parsed + 0  // -0 is 0
    }

    /// The exact double for `significand` × 10^`exponent` when Clinger's fast path applies (or the
    /// number is zero), nil when only a full conversion can round it correctly. `-0` is 0.
    @inline(__always)
    static func fastValue(_ significand: UInt64, digits: Int, exponent: Int, negative: Bool) -> Double? {
        guard digits <= 19 else { return nil }
        if significand == 0 { return 0 }
        guard significand <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        var value = Double(significand)
        value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
        return negative ? -value : value
    }

    @inline(__always)
    private static func digitValue(_ byte: UInt8) -> UInt8? {
        let digit = byte &- UInt8(ascii: "0")
        return digit < 10 ? digit : nil
    }

    /// Adds a digit to the significand; leading zeros are not significant, and past 19 digits the
    /// count alone grows, which sends the number to the slow path.
    @inline(__always)
    static func accumulate(_ digit: UInt8, _ significand: inout UInt64, _ digits: inout Int) {
        if significand == 0 && digit == 0 { return }
        digits += 1
        if digits <= 19 { significand = significand &* 10 &+ UInt64(digit) }
    }
}
