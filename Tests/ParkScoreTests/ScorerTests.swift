import ParkMetrics
import ParkScore
import StreamEngine
import Testing

@Suite("scoring rules")
struct ScorerTests {
    static func park(_ id: String) -> ParkID { ParkID(rawValue: id)! }

    @Test func equalScoresShareARankAndParksWithoutDataAreNotRanked() {
        let (a, b, c, d) = (Self.park("a"), Self.park("b"), Self.park("c"), Self.park("d"))
        let measurements = Measurements(
            year: 2017, parks: [d, c, b, a], through: ["idle_assets_revitalization": YearMonth(year: 2017, month: 6)!],
            values: ["idle_assets_revitalization": [a: 0.5, b: 0.5, c: 0.1]])
        let card = Scorer.score(measurements, weights: .standard)
        #expect(card.parks.map(\.parkID) == [a, b, c, d])
        #expect(card.parks.map(\.rank) == [1, 1, 3, nil])
        // 6 points × (0.6 + 0.4 × 1) for the best, 6 × 0.6 for the worst, nothing for no data.
        #expect(card.parks.map(\.score) == [6, 6, 6 * 0.6, nil])
    }

    @Test func lowerIsBetterInvertsTheScale() {
        let (a, b) = (Self.park("a"), Self.park("b"))
        let measurements = Measurements(
            year: 2017, parks: [a, b], through: [:], values: ["energy_intensity": [a: 0.5, b: 0.8]])
        let card = Scorer.score(measurements, weights: .standard)
        #expect(card.parks.map(\.parkID) == [a, b])
        #expect(card.parks.map(\.score) == [4, 4 * 0.6])
    }

    @Test func growthOfAmountsEqualsTheEngineYearOnYear() throws {
        var input = AssessmentInput()
        input.add(ndjson: HandDataSet.ndjson)
        let measurements = Measurements(input: input, year: 2017)
        let january = YearMonth(year: 2017, month: 1)!
        for (content, metric) in [("added_value_yoy", Metric.addedValue), ("energy_intensity_yoy", .energyIntensity)] {
            for park in measurements.parks {
                let engine = input.engine.calendarAggregate(park: park, metric: metric, window: .yoy, month: january)
                #expect(measurements.value(content, park: park) == engine?.value, "\(content) \(park)")
            }
        }
    }

    @Test func badLinesAreReportedWithTheirLineAndNeverStopTheRest() {
        var input = AssessmentInput()
        input.add(ndjson: HandDataSet.ndjson + "{\"event_id\":\"x\",\"park_id\":\"alpha\"}\nnot json\n")
        #expect(input.rejected.count == 2)
        let lines = HandDataSet.ndjson.split(separator: "\n").count
        #expect(input.rejected.first?.description == "line \(lines + 1): metric: required")
        #expect(input.accepted == lines)
    }
}
