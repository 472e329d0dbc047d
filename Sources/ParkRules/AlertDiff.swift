import ParkMetrics

/// Which alerts candidate rules add, drop or shift against a baseline (`parkstream replay
/// --diff-against`). Pure and deterministic.
///
/// Alerts are matched by identity, the rule id and the park, then paired in time within each
/// identity: first the intervals with the same start, firing and resolution (unchanged), then, in
/// start order, each remaining baseline alert with the first remaining candidate alert whose span
/// `[started_at, resolved_at]` shares an instant with its own (shifted). What stays unpaired was
/// added (candidate only) or dropped (baseline only). Two baseline alerts that one candidate alert
/// covers therefore show as one shift and one drop.
public struct AlertDiff: Hashable, Sendable {
    /// The changes, ordered by rule id, park, then the earlier start of their two sides.
    public private(set) var changes: [AlertChange]
    /// Alerts equal in both (same identity, start, firing and resolution).
    public private(set) var unchanged: Int
    /// Alerts in the baseline.
    public let baselineCount: Int
    /// Alerts in the candidate.
    public let candidateCount: Int

    /// Compares two sets of alerts (any order).
    public init(baseline: [AlertInterval], candidate: [AlertInterval]) {
        baselineCount = baseline.count
        candidateCount = candidate.count
        changes = []
        unchanged = 0
        let groupedBaseline = Dictionary(grouping: baseline, by: Identity.init)
        let groupedCandidate = Dictionary(grouping: candidate, by: Identity.init)
        for identity in Set(groupedBaseline.keys).union(groupedCandidate.keys) {
            compare(
                (groupedBaseline[identity] ?? []).sorted(by: AlertInterval.precedes),
                (groupedCandidate[identity] ?? []).sorted(by: AlertInterval.precedes))
        }
        changes.sort(by: AlertChange.precedes)
    }

    /// Whether the two sides raise the same alerts at the same times.
    public var isEmpty: Bool { changes.isEmpty }

    /// How many changes are of `kind`.
    public func count(_ kind: AlertChange.Kind) -> Int { changes.count { $0.kind == kind } }

    private struct Identity: Hashable {
        var ruleID: String
        var parkID: ParkID

        init(_ interval: AlertInterval) {
            ruleID = interval.ruleID
            parkID = interval.parkID
        }
    }

    /// Pairs one identity's alerts, both sorted by start.
    private mutating func compare(_ baseline: [AlertInterval], _ candidate: [AlertInterval]) {
        var baselineLeft: [AlertInterval] = []
        var candidateLeft = candidate
        for old in baseline {
            if let index = candidateLeft.firstIndex(where: { $0.hasSameTimes(as: old) }) {
                candidateLeft.remove(at: index)
                unchanged += 1
            } else {
                baselineLeft.append(old)
            }
        }
        for old in baselineLeft {
            if let index = candidateLeft.firstIndex(where: { $0.overlaps(old) }) {
                changes.append(.shifted(from: old, to: candidateLeft.remove(at: index)))
            } else {
                changes.append(.dropped(old))
            }
        }
        for new in candidateLeft { changes.append(.added(new)) }
    }
}
