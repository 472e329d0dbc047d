import ParkMetrics

/// Deterministic alert ids.
///
/// An alert's id is the 64-bit FNV-1a hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3)
/// of the UTF-8 bytes of `rule_id + "/" + park_id + "/" + started_at`, where `started_at` is the
/// decimal count of microseconds since the epoch (zone-free), printed as 16 lowercase hex digits.
/// Neither rule ids nor park ids contain `/`, so different triples give different inputs. The
/// firing and the resolved event of one alert share its id; a later alert of the same rule and park
/// starts later, so it gets another. Only when events share a timestamp can an alert start at the
/// very instant an earlier one of the same rule and park started (fired and resolved at once); the
/// k-th such repeat (k ≥ 1) appends `"/" + k` to the input, so ids stay unique and deterministic.
public enum AlertID {
    /// The id of the alert of `ruleID` on `parkID` that started at `startedAt` (`repeat`: see above).
    public static func make(ruleID: String, parkID: ParkID, startedAt: Timestamp, repeat: Int = 0) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var input = ruleID + "/" + parkID.rawValue + "/" + String(startedAt.microseconds)
        if `repeat` > 0 { input += "/" + String(`repeat`) }
        for byte in input.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hex(hash)
    }

    /// 16 lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 {
            bytes[15 - index] = digits[Int((value >> (UInt64(index) * 4)) & 0xf)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
