import ParkMetrics

// MARK: - Alert transitions in checkpoints

extension BinaryWriter {
    /// Every field of `value`, the alert id included (it encodes a repeat count kept nowhere else):
    /// alert id · rule id · park · metric · window · state · severity · value · threshold ·
    /// condition · started at · event time · resolved at? · period?.
    package mutating func transition(_ value: AlertTransition) {
        string(value.alertID)
        string(value.ruleID)
        park(value.parkID)
        metric(value.metric)
        string(value.window)
        byte(value.state == .firing ? 0 : 1)
        byte(UInt8(truncatingIfNeeded: Severity.allCases.firstIndex(of: value.severity) ?? 0))
        double(value.value)
        double(value.threshold)
        string(value.condition)
        timestamp(value.startedAt)
        timestamp(value.eventTime)
        optionalTimestamp(value.resolvedAt)
        guard let period = value.period else { return byte(0) }
        byte(1)
        yearMonth(period)
    }
}

extension BinaryReader {
    /// What `BinaryWriter.transition` wrote, bit for bit.
    package mutating func transition() throws(Failure) -> AlertTransition {
        let alertID = try string(limit: 1024)
        let ruleID = try string(limit: 1024)
        let parkID = try park()
        let metric = try metric()
        let window = try string(limit: 256)
        let state: AlertTransition.State
        switch try byte() {
        case 0: state = .firing
        case 1: state = .resolved
        case let other: throw .corrupt("alert state \(other)")
        }
        let rank = Int(try byte())
        guard rank < Severity.allCases.count else { throw .corrupt("severity \(rank)") }
        var transition = AlertTransition(
            ruleID: ruleID, parkID: parkID, metric: metric, window: window, state: state,
            severity: Severity.allCases[rank], value: try double(), threshold: try double(),
            condition: try string(limit: 1024), startedAt: try timestamp(), eventTime: try timestamp())
        transition.resolvedAt = try optionalTimestamp()
        switch try byte() {
        case 0: break
        case 1: transition.period = try yearMonth()
        case let flag: throw .corrupt("period flag \(flag)")
        }
        transition.alertID = alertID
        return transition
    }
}
