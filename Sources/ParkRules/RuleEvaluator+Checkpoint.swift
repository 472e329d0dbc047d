import ParkMetrics

/// The evaluator in a checkpoint: count · per lifecycle, ordered by rule id, then park: rule id ·
/// park · lifecycle state. Keyed by rule id, not position, so a reordered rules file restores the
/// same state.
extension RuleEvaluator {
    /// Writes the state `readState(from:)` restores; the same state always gives the same bytes.
    package func writeState(to out: inout BinaryWriter) {
        let entries = lifecycles.map { (id: rules.targets[$0.key.rule].id, park: $0.key.park, lifecycle: $0.value) }
            .sorted { ($0.id, $0.park) < ($1.id, $1.park) }
        out.count(entries.count)
        for entry in entries {
            out.string(entry.id)
            out.park(entry.park)
            entry.lifecycle.writeState(to: &out)
        }
    }

    /// Restores the state `writeState(to:)` wrote into this (fresh) evaluator of the same rules.
    package mutating func readState<Failure>(from input: inout BinaryReader<Failure>) throws(Failure) {
        var positions: [String: Int] = [:]
        for (position, rule) in rules.targets.enumerated() where positions[rule.id] == nil {
            positions[rule.id] = position
        }
        for _ in 0..<(try input.count(minimumBytes: 6)) {
            let id = try input.string(limit: 1024)
            let park = try input.park()
            guard let position = positions[id], rules.targets[position].applies(to: park) else {
                throw .corrupt("state of rule \"\(id)\" for park \(park), which the rules do not have")
            }
            let key = Key(rule: position, park: park)
            guard lifecycles[key] == nil else { throw .corrupt("repeated state of rule \"\(id)\" for park \(park)") }
            var lifecycle = AlertLifecycle(rule: rules.targets[position], park: park)
            try lifecycle.readState(from: &input)
            lifecycles[key] = lifecycle
        }
    }
}
