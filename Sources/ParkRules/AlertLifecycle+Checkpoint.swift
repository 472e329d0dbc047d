import ParkMetrics

/// The state of one lifecycle in a checkpoint: phase (0 inactive; 1 pending, then its start;
/// 2 firing, then the transition fired) · clock? · start of the latest alert? · its repeats.
/// The target is not saved: it is rebuilt from the rule and the park.
extension AlertLifecycle {
    /// Writes the state `readState(from:)` restores.
    package func writeState(to out: inout BinaryWriter) {
        switch phase {
        case .inactive:
            out.byte(0)
        case .pending(let since):
            out.byte(1)
            out.timestamp(since)
        case .firing(let transition):
            out.byte(2)
            out.transition(transition)
        }
        out.optionalTimestamp(clock)
        out.optionalTimestamp(lastStart)
        out.count(lastStartRepeats)
    }

    /// Restores the state `writeState(to:)` wrote into this (inactive) lifecycle of the same target.
    package mutating func readState<Failure>(from input: inout BinaryReader<Failure>) throws(Failure) {
        switch try input.byte() {
        case 0:
            phase = .inactive
        case 1:
            phase = .pending(since: try input.timestamp())
        case 2:
            let fired = try input.transition()
            guard fired.state == .firing, fired.ruleID == target.ruleID, fired.parkID == target.parkID else {
                throw .corrupt("firing alert \(fired.alertID) does not belong to rule \"\(target.ruleID)\"")
            }
            phase = .firing(fired)
        case let tag:
            throw .corrupt("alert phase \(tag)")
        }
        clock = try input.optionalTimestamp()
        lastStart = try input.optionalTimestamp()
        let repeats = try input.varint()
        guard repeats <= UInt64(Int32.max) else { throw .corrupt("\(repeats) repeats of an alert start") }
        lastStartRepeats = Int(repeats)
    }
}
