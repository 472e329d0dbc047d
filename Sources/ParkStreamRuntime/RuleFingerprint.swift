import ParkMetrics
import ParkRules
import StreamEngine

/// A rule's identity in a pipeline checkpoint: its kind, its id and a 64-bit fingerprint of its
/// definition (every field that changes what it evaluates or publishes), so a restore can tell
/// which rules changed. Stable across processes and builds: it hashes a canonical text, in which
/// sets and per-park overrides are sorted.
struct RuleFingerprint: Hashable, Sendable {
    /// Threshold rules and completeness rules have separate state.
    enum Kind: UInt8, Hashable, Sendable {
        case target = 0
        case completeness = 1
    }

    var kind: Kind
    var id: String
    var fingerprint: UInt64

    /// One per rule, in file order.
    static func of(_ rules: RuleSet) -> [RuleFingerprint] {
        rules.targets.map { RuleFingerprint(kind: .target, id: $0.id, text: canonicalText($0)) }
            + rules.completeness.map { RuleFingerprint(kind: .completeness, id: $0.id, text: canonicalText($0)) }
    }

    init(kind: Kind, id: String, fingerprint: UInt64) {
        self.kind = kind
        self.id = id
        self.fingerprint = fingerprint
    }

    private init(kind: Kind, id: String, text: [String]) {
        self.init(
            kind: kind, id: id,
            fingerprint: PartitionEngine.checkpointChecksum(ArraySlice(text.joined(separator: "\u{1F}").utf8)))
    }

    private static func canonicalText(_ rule: TargetRule) -> [String] {
        let overrides = rule.overrides.sorted { $0.key < $1.key }.map { park, override in
            [
                park.rawValue, text(override.when), text(override.clear),
                override.forDuration.map { String($0.seconds) } ?? "", override.severity?.rawValue ?? "",
            ].joined(separator: ",")
        }
        return [
            rule.id, rule.metric.name, rule.window.description, rule.growth?.rawValue ?? "",
            rule.when.description, text(rule.clear), String(rule.forDuration.seconds), rule.severity.rawValue,
            text(rule.parks), overrides.joined(separator: ";"), text(rule.activeFrom),
        ]
    }

    private static func canonicalText(_ rule: CompletenessRule) -> [String] {
        let check =
            switch rule.check {
            case .absent(let duration): "absent " + String(duration.seconds)
            case .dueDay(let day): "due_day " + String(day)
            }
        return [
            rule.id, rule.metric.name, check, rule.severity.rawValue, text(rule.parks),
            text(rule.activeFrom),
        ]
    }

    private static func text(_ condition: Condition?) -> String { condition?.description ?? "" }

    private static func text(_ time: Timestamp?) -> String { time.map { String($0.microseconds) } ?? "" }

    private static func text(_ parks: ParkSelector) -> String {
        switch parks {
        case .all: "*"
        case .only(let parks): parks.sorted().map(\.rawValue).joined(separator: ",")
        }
    }
}
