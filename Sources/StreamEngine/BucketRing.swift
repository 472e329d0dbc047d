/// A fixed ring of time buckets: bucket `index` lives in slot `index mod slots`, so memory is
/// O(slots) whatever the event count. Adding to a slot that holds an older bucket recycles it; an
/// index older than the ring reaches back is ignored (it is outside every window the ring answers).
///
/// The slot count is a power of two (masking, not division) and the latest bucket's start is
/// cached, so the common in-order event costs no division at all.
struct BucketRing: Hashable, Sendable {
    /// The buckets; `index == Int64.min` marks a slot never used.
    private(set) var buckets: [Bucket]
    /// Bucket width in µs: bucket `index` holds instants `index·width ..< (index+1)·width`.
    let width: Int64
    /// The most recently placed bucket index and its first instant (a cache: derived data).
    private var cachedIndex: Int64 = .min
    private var cachedStart: Int64 = .min

    /// A ring of at least `minimumSlots` slots (rounded up to a power of two).
    init(minimumSlots: Int, width: Int64) {
        var slots = 1
        while slots < minimumSlots { slots *= 2 }
        buckets = Array(repeating: Bucket(), count: minimumSlots == 0 ? 0 : slots)
        self.width = width
    }

    /// A ring restored from a checkpoint.
    init(buckets: [Bucket], width: Int64) {
        self.buckets = buckets
        self.width = width
    }

    var slotCount: Int { buckets.count }

    static func == (lhs: BucketRing, rhs: BucketRing) -> Bool {
        lhs.buckets == rhs.buckets && lhs.width == rhs.width
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(buckets)
        hasher.combine(width)
    }

    /// Adds to the bucket holding `instant` (µs).
    @inline(__always)
    mutating func add(at instant: Int64, value: Double, weight: Double) {
        let offset = instant &- cachedStart
        if cachedIndex != .min, offset >= 0, offset < width {
            add(index: cachedIndex, value: value, weight: weight, at: instant)
            return
        }
        let index = instant.floorDivided(by: width)
        cachedIndex = index
        cachedStart = index &* width
        add(index: index, value: value, weight: weight, at: instant)
    }

    /// Adds to bucket `index`.
    @inline(__always)
    mutating func add(index: Int64, value: Double, weight: Double, at instant: Int64) {
        let slot = Int(truncatingIfNeeded: index) & (buckets.count - 1)
        let held = buckets[slot].index
        if held == index {
            buckets[slot].tally.add(value: value, weight: weight, at: instant)
        } else if held < index {
            buckets[slot].index = index
            buckets[slot].tally = Tally()
            buckets[slot].tally.add(value: value, weight: weight, at: instant)
        }
    }

    /// The buckets `low...high`, merged oldest first (only those still in the ring).
    func total(from low: Int64, through high: Int64) -> Tally {
        var result = Tally()
        guard high >= low, !buckets.isEmpty else { return result }
        var index = max(low, high - Int64(buckets.count) + 1)
        while index <= high {
            let bucket = buckets[Int(truncatingIfNeeded: index) & (buckets.count - 1)]
            if bucket.index == index { result.merge(bucket.tally) }
            index += 1
        }
        return result
    }
}

/// One time bucket of a ring.
struct Bucket: Hashable, Sendable {
    var index: Int64 = .min
    var tally = Tally()
}
