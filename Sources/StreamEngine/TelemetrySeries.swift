/// One park's state for one telemetry metric: calendar months, recent local days, sliding-window
/// bucket rings and the all-time latest value. Memory is bounded by months of history and by the
/// configured buckets, never by the number of events.
struct TelemetrySeries: Hashable, Sendable {
    /// One tally per calendar month (park zone) that has data, oldest first.
    var months: [MonthTally] = []
    /// Ring 0: local days (day number = bucket index); ring `1 + i`: sliding window `i` of
    /// `EngineConfiguration.slidingWindows`. Allocated with the first event.
    var rings = BucketRings()
    /// Every accepted event: the `latest` window of a gauge.
    var latest = Tally()

    /// Whether no event was accepted yet.
    var isEmpty: Bool { latest.count == 0 }

    /// Whether the rings are allocated (on the first event, so unused metrics cost little).
    var isAllocated: Bool { rings.isAllocated }

    mutating func allocate(_ layout: SeriesLayout) {
        rings = BucketRings(layout: layout)
    }

    /// Adds an accepted event observed at `instant` (µs), in local month `month` (ordinal). Returns
    /// whether it changed the months other than by adding to the newest one (it went to an older
    /// month, or began a month).
    @inline(__always)
    mutating func add(value: Double, weight: Double, at instant: Int64, month: Int32) -> Bool {
        latest.add(value: value, weight: weight, at: instant)
        rings.add(at: instant, value: value, weight: weight)
        if let last = months.indices.last, months[last].month == month {
            months[last].tally.add(value: value, weight: weight, at: instant)
            return false
        }
        let position = MonthTally.lowerBound(months, month)
        if position < months.count, months[position].month == month {
            months[position].tally.add(value: value, weight: weight, at: instant)
        } else {
            var tally = Tally()
            tally.add(value: value, weight: weight, at: instant)
            months.insert(MonthTally(month: month, tally: tally), at: position)
        }
        return true
    }

    /// The months `low...high` (ordinals), merged oldest first.
    func total(fromMonth low: Int32, through high: Int32) -> Tally {
        var result = Tally()
        var position = MonthTally.lowerBound(months, low)
        while position < months.count, months[position].month <= high {
            result.merge(months[position].tally)
            position += 1
        }
        return result
    }
}

/// A calendar month's tally.
struct MonthTally: Hashable, Sendable {
    /// `YearMonth.ordinal` in the park's zone.
    var month: Int32
    var tally: Tally

    /// First position whose month is ≥ `month` in a month-sorted array.
    static func lowerBound(_ months: [MonthTally], _ month: Int32) -> Int {
        var low = 0
        var high = months.count
        while low < high {
            let middle = (low + high) / 2
            if months[middle].month < month { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The per-engine constants a series needs to place an event, precomputed from the configuration.
struct SeriesLayout: Hashable, Sendable {
    var bucketWidths: [Int64]
    var bucketsPerWindow: Int
    var daysKept: Int
    var zoneOffset: Int64

    init(_ configuration: EngineConfiguration) {
        zoneOffset = Int64(configuration.zone.utcOffsetSeconds) * 1_000_000
        bucketWidths = configuration.bucketWidths
        bucketsPerWindow = configuration.bucketCount
        daysKept = configuration.daysKept
    }
}
