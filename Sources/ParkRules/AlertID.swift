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
        var input = ruleID + "/" + parkID.rawValue + "/" + String(startedAt.microseconds)
        if `repeat` > 0 { input += "/" + String(`repeat`) }
        return FNV1a.hex(FNV1a.hash(input.utf8))
    }
}
