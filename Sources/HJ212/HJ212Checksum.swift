/// The HJ 212-2017 packet checksum over the data segment.
///
/// The register starts at 0xFFFF; for each byte `b` it becomes `(crc >> 8) ^ b`, then eight times
/// shifts right by one, XOR-ing 0xA001 when the bit shifted out was 1. This is not CRC-16/MODBUS
/// (which XORs the byte into the low half, `crc ^ b`): on the standard's annex example MODBUS gives
/// 0759 where HJ 212 gives 1C80.
public enum HJ212Checksum {
    /// The checksum of `bytes`.
    public static func compute(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc = (crc >> 8) ^ UInt16(byte)
            for _ in 0..<8 {
                let carry = crc & 1
                crc >>= 1
                if carry != 0 { crc ^= 0xA001 }
            }
        }
        return crc
    }

    /// The four upper-case hex digits HJ 212 writes after the data segment.
    public static func hex(_ value: UInt16) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [12, 8, 4, 0].map { digits[Int((value >> UInt16($0)) & 0xF)] }
    }

    /// The value of four hex digits in either case; nil when any is not a hex digit.
    public static func parseHex(_ bytes: some Collection<UInt8>) -> UInt16? {
        guard bytes.count == 4 else { return nil }
        var value: UInt16 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
