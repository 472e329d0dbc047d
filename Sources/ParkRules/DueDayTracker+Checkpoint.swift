import ParkMetrics

/// A due-day tracker in a checkpoint: stream time? · known parks (count, each in order) · reports
/// seen (count, each as park · period, in order) · firing alerts (count, each as park · period ·
/// transition, in order). The rule's day and the zone are not saved: they come from the rule and
/// the engine's configuration.
extension DueDayTracker {
    /// Writes the state `readState(from:)` restores; the same state always gives the same bytes.
    package func writeState(to out: inout BinaryWriter) {
        out.optionalTimestamp(streamTime)
        out.count(known.count)
        for park in known.sorted() { out.park(park) }
        out.count(seen.count)
        for key in seen.sorted() {
            out.park(key.park)
            out.yearMonth(key.period)
        }
        out.count(firing.count)
        for (key, transition) in firing.sorted(by: { $0.key < $1.key }) {
            out.park(key.park)
            out.yearMonth(key.period)
            out.transition(transition)
        }
    }

    /// Restores the state `writeState(to:)` wrote into this (fresh) tracker of the same rule.
    package mutating func readState<Failure>(from input: inout BinaryReader<Failure>) throws(Failure) {
        streamTime = try input.optionalTimestamp()
        known = []
        for _ in 0..<(try input.count(minimumBytes: 2)) {
            guard known.insert(try input.park()).inserted else { throw .corrupt("repeated known park") }
        }
        seen = []
        for _ in 0..<(try input.count(minimumBytes: 3)) {
            guard seen.insert(Key(park: try input.park(), period: try input.yearMonth())).inserted else {
                throw .corrupt("repeated report in rule \"\(rule.id)\"")
            }
        }
        firing = [:]
        for _ in 0..<(try input.count(minimumBytes: 3)) {
            let key = Key(park: try input.park(), period: try input.yearMonth())
            guard firing[key] == nil else { throw .corrupt("repeated alert in rule \"\(rule.id)\"") }
            firing[key] = try input.transition()
        }
    }
}
