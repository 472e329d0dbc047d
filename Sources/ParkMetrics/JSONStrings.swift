/// Turns scanned JSON strings into bytes and Swift strings. The scanner has already checked them.
enum JSONStrings {
    /// The UTF-8 bytes a string token stands for, escapes decoded.
    static func bytes(of token: JSONToken, in base: UnsafePointer<UInt8>) -> [UInt8] {
        let raw = UnsafeBufferPointer(start: base + token.start, count: token.end - token.start)
        guard token.escaped else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            let code = raw[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(quad(raw, index))
                index += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = UInt32(quad(raw, index + 2))
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                appendUTF8(scalar, to: &out)
            default: out.append(code)  // \" \\ \/
            }
        }
        return out
    }

    /// The Swift string a string token stands for.
    static func string(of token: JSONToken, in base: UnsafePointer<UInt8>) -> String {
        guard token.escaped else {
            let raw = UnsafeBufferPointer(start: base + token.start, count: token.end - token.start)
            return String(decoding: raw, as: UTF8.self)
        }
        return String(decoding: bytes(of: token, in: base), as: UTF8.self)
    }

    private static func quad(_ raw: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt16 {
        var value: UInt16 = 0
        for offset in index..<index + 4 {
            value = value << 4 | UInt16(JSONScanner.hexValue(raw[offset]) ?? 0)
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// A short, printable rendering of a value for error messages: at most 64 characters,
    /// control characters escaped, quoted when `quoted`.
    static func excerpt(_ text: String, quoted: Bool = true) -> String {
        var out = ""
        var length = 0
        for scalar in text.unicodeScalars {
            if length == 64 {
                out += "…"
                break
            }
            length += 1
            if scalar.value < 0x20 || scalar == "\"" || scalar == "\\" {
                out += scalar.escaped(asASCII: false)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return quoted ? "\"" + out + "\"" : out
    }
}
