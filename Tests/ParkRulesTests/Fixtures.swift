import ParkMetrics
import ParkRules

/// Shared helpers for the ParkRules tests.
enum Fixtures {
    static let jinshan = ParkID(rawValue: "jinshan")!
    static let baoshan = ParkID(rawValue: "baoshan")!
    static let qixian = ParkID(rawValue: "qixian")!

    /// An instant written as RFC 3339.
    static func time(_ text: String) -> Timestamp {
        Timestamp(rfc3339: text)!
    }

    /// `base` plus `minutes`.
    static func plus(_ base: Timestamp, minutes: Int64) -> Timestamp {
        Timestamp(microseconds: base.microseconds + minutes * 60_000_000)
    }

    /// The only threshold rule of a one-rule file.
    static func target(_ yaml: String) throws -> TargetRule {
        let set = try RuleSet(yaml: yaml)
        return set.targets[0]
    }

    /// The only completeness rule of a one-rule file.
    static func completeness(_ yaml: String) throws -> CompletenessRule {
        let set = try RuleSet(yaml: yaml)
        return set.completeness[0]
    }
}
