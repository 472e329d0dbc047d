import ParkMetrics

/// An absence tracker in a checkpoint: stream time? · count · per park, in order: park · last seen ·
/// firing transition? (presence byte, then the transition).
extension AbsenceTracker {
    /// Writes the state `readState(from:)` restores; the same state always gives the same bytes.
    package func writeState(to out: inout BinaryWriter) {
        out.optionalTimestamp(streamTime)
        out.count(parks.count)
        for park in parks.keys.sorted() {
            guard let state = parks[park] else { continue }
            out.park(park)
            out.timestamp(state.lastSeen)
            if let firing = state.firing {
                out.byte(1)
                out.transition(firing)
            } else {
                out.byte(0)
            }
        }
    }

    /// Restores the state `writeState(to:)` wrote into this (fresh) tracker of the same rule.
    package mutating func readState<Failure>(from input: inout BinaryReader<Failure>) throws(Failure) {
        streamTime = try input.optionalTimestamp()
        parks = SlottedTable()
        for _ in 0..<(try input.count(minimumBytes: 4)) {
            let park = try input.park()
            guard parks.slot(of: park) == nil else { throw .corrupt("repeated park \(park) in rule \"\(rule.id)\"") }
            var state = ParkState(lastSeen: try input.timestamp())
            switch try input.byte() {
            case 0: break
            case 1: state.firing = try input.transition()
            case let flag: throw .corrupt("firing flag \(flag)")
            }
            _ = parks.slot(of: park) { state }
        }
    }
}
