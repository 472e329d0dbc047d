import ParkMetrics
import StreamEngine

/// Random event streams for property tests: two parks in Asia/Shanghai from December 2015 to
/// March 2017 (so year-on-year has a baseline), out of order, late, re-sent, revised, clustered
/// around local midnights and month and year ends, with zero denominators now and then.
///
/// Values are dyadic rationals (k/64, k/16, k/4) and weights small integers, so every sum the
/// engine or the oracle forms is exact: summation order cannot change a bit, and results must be
/// identical, not merely close.
struct StreamGenerator {
    var random: SeededRandom
    let parks = ["jinshan", "baoshan"]
    static let telemetryMetrics: [Metric] = Metric.allCases.filter { $0.kind.isTelemetry }
    static let monthlyMetrics: [Metric] = Metric.allCases.filter { $0.kind.isMonthly }

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A stream of about `count` events.
    mutating func stream(count: Int) -> [MetricEvent] {
        var events: [MetricEvent] = []
        var telemetrySent: [MetricEvent] = []
        var clocks = Dictionary(uniqueKeysWithValues: parks.map { ($0, Shanghai.instant(2015, 12, 31, 23, 30)) })
        var serial = 0
        let boundaries = [(2015, 12), (2016, 1), (2016, 2), (2016, 3), (2016, 12), (2017, 1), (2017, 2), (2017, 3)]
        for _ in 0..<count {
            serial += 1
            let name = parks[below(parks.count)]
            let roll = below(100)
            if roll < 6, let copy = telemetrySent.randomElement(using: &random) {
                events.append(copy)  // an exact re-send: a duplicate, or late
                continue
            }
            if roll < 28 {
                events.append(monthlyEvent(name, serial))
                continue
            }
            var clock = clocks[name]!
            switch below(20) {
            case 0:  // jump to just before a local midnight at a month or year end
                let (year, month) = boundaries[below(boundaries.count)]
                let target = Shanghai.instant(year, month, 1) - .minutes(Int64(below(12)))
                if target > clock { clock = target }
            case 1: clock = clock + .days(Int64(1 + below(40)))
            default: clock = clock + .seconds(Int64(below(900)))
            }
            clocks[name] = clock
            // Out of order by up to 15 minutes: within lateness or late; or a tie with the previous.
            var at = chance(30) ? clock - .seconds(Int64(below(900))) : clock
            var metric = Self.telemetryMetrics[below(Self.telemetryMetrics.count)]
            if chance(10), let previous = telemetrySent.last(where: { $0.parkID.rawValue == name }) {
                at = previous.observedAt
                metric = previous.metric
            }
            let event = telemetry(
                "\(name)-t\(serial)", name, metric, at, value(metric), weight: Double(1 + below(4)))
            telemetrySent.append(event)
            events.append(event)
        }
        return events
    }

    private mutating func value(_ metric: Metric) -> Double {
        switch metric.kind {
        case .telemetryRate, .telemetryGauge: return Double(below(65)) / 64
        case .telemetrySum: return chance(10) ? 0 : Double(below(4000)) / 16
        default: return 0
        }
    }

    private mutating func monthlyEvent(_ name: String, _ serial: Int) -> MetricEvent {
        let favoured: [Metric] = [.addedValue, .energyConsumption, .rdExpenditure, .fixedAssetInvestment]
        var metric = Self.monthlyMetrics[below(Self.monthlyMetrics.count)]
        if chance(50) { metric = favoured[below(3) == 0 ? 3 : (below(2) == 0 ? 0 : 2)] }
        let months = [(2015, 12), (2016, 1), (2016, 2), (2016, 3), (2016, 12), (2017, 1), (2017, 2), (2017, 3)]
        let (year, month) = months[below(months.count)]
        let value: Double
        switch metric.kind {
        case .monthlyAmount: value = chance(12) ? 0 : Double(below(40_000)) / 4
        default: value = Double(below(129)) / 64 - 0.5
        }
        // observed_at after the month, revisions at random instants (equal ones too, for ties).
        let at = Shanghai.instant(year, month, 1) + .days(Int64(30 + below(3)))
        return monthly("\(name)-m\(serial)", name, metric, year, month, value, at: at)
    }
}
