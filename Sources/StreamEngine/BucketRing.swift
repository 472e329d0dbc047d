/// A fixed ring of time buckets: bucket `index` lives in slot `index mod slots`, so memory is
/// O(slots) whatever the event count. Adding to a slot that holds an older bucket recycles it; an
/// index older than the ring reaches back is ignored (it is outside every window the ring answers).
struct BucketRing: Hashable, Sendable {
    /// Bucket index held by each slot (`Int64.min`: never used).
    private(set) var indices: [Int64]
    private(set) var tallies: [Tally]
    /// Bucket width in µs: bucket `index` holds instants `index·width ..< (index+1)·width`.
    let width: Int64

    init(slots: Int, width: Int64) {
        indices = Array(repeating: .min, count: slots)
        tallies = Array(repeating: Tally(), count: slots)
        self.width = width
    }

    init(indices: [Int64], tallies: [Tally], width: Int64) {
        self.indices = indices
        self.tallies = tallies
        self.width = width
    }

    var slotCount: Int { indices.count }

    @inline(__always)
    mutating func add(index: Int64, value: Double, weight: Double, at instant: Int64) {
        let slot = Self.slot(of: index, slots: indices.count)
        let held = indices[slot]
        if held == index {
            tallies[slot].add(value: value, weight: weight, at: instant)
        } else if held < index {
            indices[slot] = index
            tallies[slot] = Tally()
            tallies[slot].add(value: value, weight: weight, at: instant)
        }
    }

    /// The buckets `low...high`, merged oldest first (only those still in the ring).
    func total(from low: Int64, through high: Int64) -> Tally {
        var result = Tally()
        guard high >= low else { return result }
        let n = Int64(indices.count)
        var index = max(low, high - n + 1)
        while index <= high {
            let slot = Self.slot(of: index, slots: indices.count)
            if indices[slot] == index { result.merge(tallies[slot]) }
            index += 1
        }
        return result
    }

    @inline(__always)
    private static func slot(of index: Int64, slots: Int) -> Int {
        let remainder = Int(index % Int64(slots))
        return remainder < 0 ? remainder + slots : remainder
    }
}
