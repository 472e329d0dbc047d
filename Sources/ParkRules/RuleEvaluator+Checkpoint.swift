import ParkMetrics

/// The evaluator in a checkpoint: count of rules with state · per rule, ordered by id: rule id ·
/// count · per park, in order: park · lifecycle state. Keyed by rule id, not position, so a
/// reordered rules file restores the same state; each id is written once.
extension RuleEvaluator {
    /// Writes the state `readState(from:)` restores; the same state always gives the same bytes.
    package func writeState(to out: inout BinaryWriter) {
        let byRule = Dictionary(grouping: lifecycles.dictionary) { rules.targets[$0.key.rule].id }
        out.count(byRule.count)
        for (id, entries) in byRule.sorted(by: { $0.key < $1.key }) {
            out.string(id)
            out.count(entries.count)
            for (key, lifecycle) in entries.sorted(by: { $0.key.park < $1.key.park }) {
                out.park(key.park)
                lifecycle.writeState(to: &out)
            }
        }
    }

    /// Restores the state `writeState(to:)` wrote into this (fresh) evaluator of the same rules.
    package mutating func readState<Failure>(from input: inout BinaryReader<Failure>) throws(Failure) {
        var positions: [String: Int] = [:]
        for (position, rule) in rules.targets.enumerated() where positions[rule.id] == nil {
            positions[rule.id] = position
        }
        for _ in 0..<(try input.count(minimumBytes: 2)) {
            let id = try input.string(limit: 1024)
            guard let position = positions.removeValue(forKey: id) else {
                throw .corrupt("state of rule \"\(id)\", which the rules do not have (or repeated)")
            }
            let rule = rules.targets[position]
            for _ in 0..<(try input.count(minimumBytes: 5)) {
                let park = try input.park()
                let key = Key(rule: position, park: park)
                guard rule.applies(to: park), lifecycles.slot(of: key) == nil else {
                    throw .corrupt("state of rule \"\(id)\" for park \(park) not applicable or repeated")
                }
                var lifecycle = AlertLifecycle(rule: rule, park: park)
                try lifecycle.readState(from: &input)
                _ = lifecycles.slot(of: key) { lifecycle }
            }
        }
    }
}
