import ParkMetrics
import StreamEngine

/// The value of every content for every park over the assessment year: what is scored.
///
/// Each content has its own cut-off month N: the latest month of the year in which some park has
/// data for it (statistics arrive a month late, telemetry runs to the end of the input, so one
/// common month would cut some off or compare a partial month). A park's value is computed over
/// January–N and only when the park has data for month N itself: a park whose figure stops
/// earlier would be compared over fewer months, so it is missing instead. Growth compares with
/// January–N of the year before and is missing where that is missing or 0 (never 0 or ∞).
public struct Measurements: Sendable, Hashable {
    /// The assessment year.
    public var year: Int
    /// Every park of the input, sorted by id (parks without data for the year included).
    public var parks: [ParkID]
    /// The cut-off month of each content id; absent when no park has data for it.
    public var through: [String: YearMonth]
    /// The value of each content id for each park that has one.
    public var values: [String: [ParkID: Double]]

    /// Values as given (hand-made tests, other sources).
    public init(year: Int, parks: [ParkID], through: [String: YearMonth], values: [String: [ParkID: Double]]) {
        self.year = year
        self.parks = parks.sorted()
        self.through = through
        self.values = values
    }

    /// The value of `content` for `park`, nil when missing.
    public func value(_ content: String, park: ParkID) -> Double? { values[content]?[park] }

    /// Measures every content of `Indicator.all` for `year` (2…9999) from the aggregates of `input`.
    public init(input: AssessmentInput, year: Int) {
        let engine = input.engine
        let parks = engine.parks.sorted()
        var through: [String: YearMonth] = [:]
        var values: [String: [ParkID: Double]] = [:]
        for content in Indicator.allContents {
            guard let metric = content.metric,
                let cutoff = Self.cutoff(metric, year: year, parks: parks, engine: engine)
            else { continue }
            through[content.id] = cutoff
            var byPark: [ParkID: Double] = [:]
            for park in parks {
                byPark[park] = Self.measure(content.measure, metric, park: park, through: cutoff, engine: engine)
            }
            values[content.id] = byPark
        }
        self.init(year: year, parks: parks, through: through, values: values)
    }

    /// The latest month of `year` in which some park has data for `metric` (derived ratios: both
    /// sides and a denominator ≠ 0).
    static func cutoff(_ metric: Metric, year: Int, parks: [ParkID], engine: PartitionEngine) -> YearMonth? {
        for month in stride(from: 12, through: 1, by: -1) {
            guard let yearMonth = YearMonth(year: year, month: month) else { return nil }
            for park in parks
            where engine.calendarAggregate(park: park, metric: metric, window: .month, month: yearMonth) != nil {
                return yearMonth
            }
        }
        return nil
    }

    /// The level (January through `through`) or its growth on the same months a year earlier.
    static func measure(
        _ measure: IndicatorContent.Measure, _ metric: Metric, park: ParkID, through: YearMonth,
        engine: PartitionEngine
    ) -> Double? {
        guard engine.calendarAggregate(park: park, metric: metric, window: .month, month: through) != nil,
            let level = engine.calendarAggregate(park: park, metric: metric, window: .ytd, month: through)?.value
        else { return nil }
        switch measure {
        case .level:
            return level
        case .growth:
            // (this − last) / last, as the engine's yoy computes it (exact where this / last − 1 is not).
            let earlier = YearMonth(ordinal: through.ordinal - 12)
            guard earlier.year >= 1,
                let base = engine.calendarAggregate(park: park, metric: metric, window: .ytd, month: earlier)?.value,
                base != 0
            else { return nil }
            return (level - base) / base
        }
    }
}
