import ParkMetrics

/// The park's statistics office: each month's figures, reported early in the next month, once for
/// every monthly metric of the catalog. Investment is first reported for January–February together
/// (January is not published separately), growth rates and idle-asset revitalization only for the
/// live year, and one revision a year corrects March's added value in May's report.
final class StatisticsStream: EventStream {
    private let park: ParkProfile
    private let figures: MonthlyFigures
    private let liveStart: Int
    private var pending: [MetricEvent] = []
    private var reports: [(time: Timestamp, period: Int)]
    private var random: SeededRandom

    init(park: ParkProfile, index: Int, figures: MonthlyFigures, configuration: SimulationConfiguration) {
        self.park = park
        self.figures = figures
        let zone = ParkZone.shanghai
        self.liveStart = zone.monthOrdinal(of: configuration.start)
        self.random = SeededRandom(seed: configuration.seed, stream: "\(park.id)/office")
        let first = configuration.includeHistory ? liveStart - 12 : liveStart
        var reports: [(Timestamp, Int)] = []
        for period in first..<(liveStart + 12) {
            var day = 4 + index % 4
            for case .lateReport(let month, let lateDay) in park.shortfalls where month.ordinal == period {
                day = lateDay
            }
            let time = zone.startOfMonth(ordinal: period + 1) + .seconds((day - 1) * 86_400 + 9 * 3600)
            if time < configuration.end { reports.append((time, period)) }
        }
        self.reports = reports.sorted { $0.0 < $1.0 }
        refill()
    }

    var nextTime: Timestamp? { pending.first?.observedAt }

    func next() -> MetricEvent {
        let event = pending.removeFirst()
        if pending.isEmpty { refill() }
        return event
    }

    private func refill() {
        guard !reports.isEmpty else { return }
        let (time, period) = reports.removeFirst()
        pending = events(for: period, at: time)
        if pending.isEmpty { refill() }
    }

    private func events(for period: Int, at time: Timestamp) -> [MetricEvent] {
        let month = period % 12 + 1
        let live = period >= liveStart
        let av = figures.addedValue(monthOrdinal: period)
        var amounts: [(Metric, Double)] = [
            (.addedValue, av), (.mainBusinessRevenue, figures.revenue(monthOrdinal: period)),
            (.taxRevenue, (av * 0.118).rounded()), (.rdExpenditure, (av * 0.021).rounded()),
            (.leadingIndustryAddedValue, (av * 0.61).rounded()),
            (.employees, (park.employees2016 * (1 + 0.002 * Double(period - liveStart + 12))).rounded()),
        ]
        if month >= 2 {
            let investment =
                month == 2
                ? figures.investment(monthOrdinal: period - 1) + figures.investment(monthOrdinal: period)
                : figures.investment(monthOrdinal: period)
            amounts += [
                (.fixedAssetInvestment, investment), (.leadingIndustryInvestment, (investment * 0.56).rounded()),
                (.externalCapitalUsed, (investment * 0.31).rounded()),
            ]
        }
        if live {
            let growth = figures.ytdGrowth({ self.figures.addedValue(monthOrdinal: $0) }, through: period)
            let revenueGrowth = figures.ytdGrowth({ self.figures.revenue(monthOrdinal: $0) }, through: period)
            // The official added-value growth is real (price-adjusted): a little under the nominal one.
            amounts += [
                (.addedValueGrowth, Self.rate(growth - 0.006)), (.mainBusinessRevenueGrowth, Self.rate(revenueGrowth)),
                (
                    .idleAssetsRevitalization,
                    Self.rate(0.05 + 0.4 * Double(month) / 12 + random.around(0, spread: 0.004))
                ),
            ]
            if month >= 2 {
                let investmentGrowth = figures.ytdGrowth({ self.figures.investment(monthOrdinal: $0) }, through: period)
                amounts.append(
                    (.fixedAssetInvestmentGrowth, Self.rate(investmentGrowth + random.around(0, spread: 0.003))))
            }
        }
        let periodValue = YearMonth(ordinal: period)
        var events = amounts.map { metric, value in
            MetricEvent(
                eventID: "\(park.id)-stats-\(metric.name)-\(periodValue)", parkID: park.id, metric: metric,
                observedAt: time, value: value, period: periodValue, source: "stats")
        }
        if live, month == 5 {
            // A revision: March's added value, corrected upward in May's report.
            let march = YearMonth(ordinal: period - 2)
            events.append(
                MetricEvent(
                    eventID: "\(park.id)-stats-added_value-\(march)-r1", parkID: park.id, metric: .addedValue,
                    observedAt: time, value: (figures.addedValue(monthOrdinal: period - 2) * 1.012).rounded(),
                    period: march, source: "stats"))
        }
        return events
    }

    private static func rate(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
