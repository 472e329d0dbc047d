/// A series' time-bucket rings, all in one array: ring 0 holds local days (the `day` window), ring
/// `1 + i` the buckets of sliding window `i`. Bucket `index` of a ring lives in slot `index mod
/// slots`, so memory is O(slots) whatever the event count. Adding to a slot that holds an older
/// bucket recycles it; an index older than the ring reaches back is ignored (it is outside every
/// window the ring answers).
///
/// One flat array (not one per ring) and power-of-two slot counts keep the per-event cost to a
/// few cache lines, and each ring caches its latest bucket, so an in-order event costs no division.
struct BucketRings: Hashable, Sendable {
    /// Every ring's slots, back to back; `index == Int64.min` marks a slot never used.
    private(set) var buckets: [Bucket] = []
    private(set) var cursors: [RingCursor] = []

    var isAllocated: Bool { !cursors.isEmpty }
    var ringCount: Int { cursors.count }

    /// Allocates the day ring and one ring per sliding window of `layout`.
    init(layout: SeriesLayout) {
        var shapes = [(layout.daysKept, Int64(86_400_000_000), Int64(layout.zoneOffset))]
        shapes += layout.bucketWidths.map { (layout.bucketsPerWindow, $0, Int64(0)) }
        for (minimum, width, shift) in shapes {
            var slots = 1
            while slots < minimum { slots *= 2 }
            cursors.append(RingCursor(base: buckets.count, mask: slots - 1, width: width, shift: shift))
            buckets += repeatElement(Bucket(), count: slots)
        }
    }

    init() {}

    static func == (lhs: BucketRings, rhs: BucketRings) -> Bool {
        lhs.buckets == rhs.buckets && lhs.cursors.map(\.width) == rhs.cursors.map(\.width)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(buckets) }

    /// The bucket index of `instant` (µs) in `ring`.
    func index(ring: Int, of instant: Int64) -> Int64 {
        (instant + cursors[ring].shift).floorDivided(by: cursors[ring].width)
    }

    /// Adds an event observed at `instant` (µs) to every ring.
    @inline(__always)
    mutating func add(at instant: Int64, value: Double, weight: Double) {
        for ring in cursors.indices {
            let index = cursors[ring].place(instant)
            let cursor = cursors[ring]
            let slot = cursor.base &+ (Int(truncatingIfNeeded: index) & cursor.mask)
            if index >= cursor.olderLow, index != cursor.olderHigh { cursors[ring].forgetOlder() }
            let held = buckets[slot].index
            if held == index {
                buckets[slot].tally.add(value: value, weight: weight, at: instant)
            } else if held < index {
                buckets[slot].index = index
                buckets[slot].tally = Tally()
                buckets[slot].tally.add(value: value, weight: weight, at: instant)
            }
        }
    }

    /// The buckets `low...high` of `ring`, merged oldest first (only those still in the ring).
    func total(ring: Int, from low: Int64, through high: Int64) -> Tally {
        var result = Tally()
        guard ring < cursors.count, high >= low else { return result }
        let cursor = cursors[ring]
        var index = max(low, high - Int64(cursor.mask))
        while index <= high {
            let bucket = buckets[cursor.base + (Int(truncatingIfNeeded: index) & cursor.mask)]
            if bucket.index == index { result.merge(bucket.tally) }
            index += 1
        }
        return result
    }

    /// `total(ring:from:through:)`, the same tally bit for bit, for live queries that repeat a
    /// window as events arrive: the merge of every bucket but the newest is kept from the previous
    /// query of the same buckets (until an event lands in one of them) and only the newest is merged
    /// again.
    mutating func windowTotal(ring: Int, from low: Int64, through high: Int64) -> Tally {
        guard ring < cursors.count, high >= low else { return Tally() }
        let cursor = cursors[ring]
        let first = max(low, high - Int64(cursor.mask))
        var result: Tally
        if cursor.olderLow == first, cursor.olderHigh == high {
            result = cursor.older
        } else {
            result = first < high ? total(ring: ring, from: first, through: high - 1) : Tally()
            cursors[ring].keepOlder(result, from: first, newest: high)
        }
        let bucket = buckets[cursor.base + (Int(truncatingIfNeeded: high) & cursor.mask)]
        if bucket.index == high { result.merge(bucket.tally) }
        return result
    }

    // MARK: - Checkpoint access

    /// The used slots of `ring`: (slot within the ring, bucket).
    func usedSlots(ring: Int) -> [(slot: Int, bucket: Bucket)] {
        let cursor = cursors[ring]
        return (0...cursor.mask).compactMap { slot in
            let bucket = buckets[cursor.base + slot]
            return bucket.index == .min ? nil : (slot, bucket)
        }
    }

    /// Slots in `ring`.
    func slotCount(ring: Int) -> Int { cursors[ring].mask + 1 }

    /// Puts a restored bucket back; false when the slot is taken or does not match its index.
    mutating func restore(ring: Int, slot: Int, bucket: Bucket) -> Bool {
        let cursor = cursors[ring]
        guard slot <= cursor.mask, Int(truncatingIfNeeded: bucket.index) & cursor.mask == slot,
            buckets[cursor.base + slot].index == .min
        else { return false }
        buckets[cursor.base + slot] = bucket
        return true
    }
}

/// Where a ring lives in the flat array, how it cuts time, and its latest bucket (a cache).
struct RingCursor: Hashable, Sendable {
    let base: Int
    let mask: Int
    /// Bucket width, µs: bucket `index` holds instants `t` with `⌊(t + shift) / width⌋ == index`.
    let width: Int64
    /// Added before cutting: the zone offset for local days, 0 for sliding windows.
    let shift: Int64
    private var cachedIndex: Int64 = .min
    private var cachedStart: Int64 = 0
    /// The merge of buckets `olderLow..<olderHigh` (a cache of `BucketRings.windowTotal`): valid
    /// until an event lands in one of them; `olderHigh` is the newest bucket of the window queried.
    private(set) var older = Tally()
    private(set) var olderLow: Int64 = .max
    private(set) var olderHigh: Int64 = .min

    init(base: Int, mask: Int, width: Int64, shift: Int64) {
        self.base = base
        self.mask = mask
        self.width = width
        self.shift = shift
    }

    mutating func keepOlder(_ tally: Tally, from low: Int64, newest high: Int64) {
        older = tally
        olderLow = low
        olderHigh = high
    }

    mutating func forgetOlder() {
        olderLow = .max
        olderHigh = .min
    }

    /// The bucket index of `instant`: the cached latest bucket for in-order events, one division
    /// for the rest. The cache keeps the latest bucket, so an out-of-order event does not evict it.
    @inline(__always)
    mutating func place(_ instant: Int64) -> Int64 {
        let offset = instant &+ shift &- cachedStart
        if offset >= 0, offset < width, cachedIndex != .min { return cachedIndex }
        let index = (instant + shift).floorDivided(by: width)
        if index > cachedIndex {
            cachedIndex = index
            cachedStart = index &* width
        }
        return index
    }
}

/// One time bucket of a ring.
struct Bucket: Hashable, Sendable {
    var index: Int64 = .min
    var tally = Tally()
}
