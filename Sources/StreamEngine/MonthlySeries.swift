/// One park's state for one monthly metric: the counting revision of every period with data.
/// Memory is bounded by the number of periods, whatever the number of revisions.
struct MonthlySeries: Hashable, Sendable {
    /// The counting revision of each period, oldest period first.
    var periods: [PeriodValue] = []

    /// Whether no event was accepted yet.
    var isEmpty: Bool { periods.isEmpty }

    /// Adds a revision for `month`; it replaces the counting one unless that was observed later
    /// (ties: the later arrival, this one, wins). Returns whether it counts now.
    @discardableResult
    mutating func add(month: Int32, observedAt: Int64, value: Double) -> Bool {
        let position = lowerBound(month)
        if position < periods.count, periods[position].month == month {
            guard observedAt >= periods[position].observedAt else { return false }
            periods[position].observedAt = observedAt
            periods[position].value = value
        } else {
            periods.insert(PeriodValue(month: month, observedAt: observedAt, value: value), at: position)
        }
        return true
    }

    /// The periods `low...high`, merged oldest first; each counts once and the latest period is the
    /// gauge value.
    func total(fromMonth low: Int32, through high: Int32) -> Tally {
        var result = Tally()
        var position = lowerBound(low)
        while position < periods.count, periods[position].month <= high {
            result.add(value: periods[position].value, weight: 1, at: Int64(periods[position].month))
            position += 1
        }
        return result
    }

    private func lowerBound(_ month: Int32) -> Int {
        var low = 0
        var high = periods.count
        while low < high {
            let middle = (low + high) / 2
            if periods[middle].month < month { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The revision of a period that counts.
struct PeriodValue: Hashable, Sendable {
    /// `YearMonth.ordinal` of the event's `period`.
    var month: Int32
    /// `observed_at` of the counting revision, µs.
    var observedAt: Int64
    var value: Double
}
