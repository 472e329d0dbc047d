import ParkMetrics
import StreamEngine
import Testing

@Suite("Aggregation rules")
struct AggregationTests {
    let jinshan = park("jinshan")

    @Test func revisionsReplaceByObservedAtTiesToTheLaterArrival() {
        var engine = PartitionEngine()
        let day = Shanghai.instant(2017, 2, 8)
        _ = engine.ingest(monthly("r1", "jinshan", .addedValue, 2017, 1, 100, at: day))
        _ = engine.ingest(monthly("r2", "jinshan", .addedValue, 2017, 1, 90, at: day - .days(1)))  // older revision
        #expect(engine.aggregate(park: jinshan, metric: .addedValue, window: .month) == Aggregate(value: 100, count: 1))
        _ = engine.ingest(monthly("r3", "jinshan", .addedValue, 2017, 1, 105, at: day))  // tie: later arrival
        #expect(engine.aggregate(park: jinshan, metric: .addedValue, window: .month) == Aggregate(value: 105, count: 1))
        let again = monthly("r3", "jinshan", .addedValue, 2017, 1, 105, at: day)
        #expect(engine.ingest(again) == .accepted)  // a repeated monthly event replaces itself
        _ = engine.ingest(monthly("r4", "jinshan", .addedValue, 2017, 2, 50, at: day + .days(30)))
        #expect(engine.aggregate(park: jinshan, metric: .addedValue, window: .ytd) == Aggregate(value: 155, count: 2))
    }

    @Test func yoyIsUndefinedWithoutABaseline() {
        var engine = PartitionEngine()
        let at = Shanghai.instant(2017, 4, 5)
        _ = engine.ingest(monthly("a", "jinshan", .addedValue, 2017, 3, 120, at: at))
        #expect(engine.aggregate(park: jinshan, metric: .addedValue, window: .yoy) == nil)  // no 2016 data
        _ = engine.ingest(monthly("b", "jinshan", .addedValue, 2016, 3, 0, at: at))
        #expect(engine.aggregate(park: jinshan, metric: .addedValue, window: .yoy) == nil)  // baseline 0
        _ = engine.ingest(monthly("c", "jinshan", .addedValue, 2016, 1, 100, at: at))
        #expect(engine.aggregate(park: jinshan, metric: .addedValue, window: .yoy) == Aggregate(value: 0.2, count: 1))
        // Rates and gauges have no yoy.
        _ = engine.ingest(monthly("d", "jinshan", .employees, 2017, 3, 10, at: at))
        _ = engine.ingest(monthly("e", "jinshan", .employees, 2016, 3, 8, at: at))
        #expect(engine.aggregate(park: jinshan, metric: .employees, window: .yoy) == nil)
        _ = engine.ingest(telemetry("f", "jinshan", .wastewaterCompliance, at, 1))
        #expect(engine.aggregate(park: jinshan, metric: .wastewaterCompliance, window: .yoy) == nil)
    }

    @Test func yoyComparesTheSameMonthsOfLastYear() {
        var engine = PartitionEngine()
        let at = Shanghai.instant(2017, 5, 5)
        for (month, value) in [(1, 10.0), (2, 10), (3, 10), (4, 70)] {
            _ = engine.ingest(monthly("y16-\(month)", "jinshan", .fixedAssetInvestment, 2016, month, value, at: at))
        }
        for (month, value) in [(1, 12.0), (2, 12), (3, 12)] {
            _ = engine.ingest(monthly("y17-\(month)", "jinshan", .fixedAssetInvestment, 2017, month, value, at: at))
        }
        // 1–3月累计: 36 over 30, not over the 100 of 1–4月 2016.
        let yoy = engine.aggregate(park: jinshan, metric: .fixedAssetInvestment, window: .yoy)
        #expect(yoy == Aggregate(value: 0.2, count: 3))
    }

    @Test func derivedRatiosAreRatiosOfSums() {
        var engine = PartitionEngine()
        let january = Shanghai.instant(2017, 1, 10)
        let february = Shanghai.instant(2017, 2, 10)
        _ = engine.ingest(telemetry("e1", "jinshan", .energyConsumption, january, 10))
        _ = engine.ingest(telemetry("e2", "jinshan", .energyConsumption, february, 30))
        _ = engine.ingest(monthly("a1", "jinshan", .addedValue, 2017, 1, 100, at: february))
        _ = engine.ingest(monthly("a2", "jinshan", .addedValue, 2017, 2, 100, at: february + .days(28)))
        // Months: 0.1 and 0.3; the YTD ratio is 40/200 = 0.2, their average would also be 0.2, so
        // make the months unequal in size to tell them apart.
        _ = engine.ingest(monthly("a3", "jinshan", .addedValue, 2017, 2, 300, at: february + .days(29)))
        #expect(
            engine.aggregate(park: jinshan, metric: .energyIntensity, window: .ytd) == Aggregate(value: 0.1, count: 4))
        #expect(
            engine.aggregate(park: jinshan, metric: .energyIntensity, window: .month) == Aggregate(value: 0.1, count: 2)
        )
        #expect(engine.aggregate(park: jinshan, metric: .energyIntensity, window: .day) == nil)
        #expect(
            PartitionEngine.affectedRatios(of: .addedValue) == [
                .energyIntensity, .rdIntensity, .leadingIndustryVaShare,
            ])
    }

    @Test func ratesWeighTheirSamples() {
        var engine = PartitionEngine()
        let at = Shanghai.instant(2017, 6, 8, 10)
        _ = engine.ingest(telemetry("a", "jinshan", .wastewaterCompliance, at, 1, weight: 3))
        _ = engine.ingest(telemetry("b", "jinshan", .wastewaterCompliance, at + .minutes(5), 0, weight: 1))
        #expect(
            engine.aggregate(park: jinshan, metric: .wastewaterCompliance, window: .hours1)
                == Aggregate(value: 0.75, count: 2))
        // Weight is ignored on sums.
        _ = engine.ingest(telemetry("c", "jinshan", .energyConsumption, at, 2, weight: 5))
        #expect(
            engine.aggregate(park: jinshan, metric: .energyConsumption, window: .day) == Aggregate(value: 2, count: 1))
    }

    @Test func gaugesTakeTheLatestObservation() {
        var engine = PartitionEngine()
        let at = Shanghai.instant(2017, 10, 30, 8)
        _ = engine.ingest(telemetry("a", "jinshan", .heatingCoverage, at, 0.9))
        _ = engine.ingest(telemetry("b", "jinshan", .heatingCoverage, at - .minutes(5), 0.5))  // older: ignored
        #expect(
            engine.aggregate(park: jinshan, metric: .heatingCoverage, window: .latest)
                == Aggregate(value: 0.9, count: 2))
        _ = engine.ingest(telemetry("c", "jinshan", .heatingCoverage, at, 1))  // tie: later arrival
        #expect(engine.aggregate(park: jinshan, metric: .heatingCoverage, window: .latest)?.value == 1)
    }

    @Test func calendarWindowsCutAtShanghaiMidnight() {
        var engine = PartitionEngine()
        // 2016-12-31T23:59:59+08:00 is 15:59:59Z; 2017-01-01T00:00:00+08:00 starts a new year.
        _ = engine.ingest(telemetry("a", "jinshan", .energyConsumption, Shanghai.instant(2016, 12, 31, 23, 59, 59), 1))
        _ = engine.ingest(telemetry("b", "jinshan", .energyConsumption, Shanghai.instant(2017, 1, 1), 2))
        #expect(
            engine.aggregate(park: jinshan, metric: .energyConsumption, window: .day) == Aggregate(value: 2, count: 1))
        #expect(
            engine.aggregate(park: jinshan, metric: .energyConsumption, window: .ytd) == Aggregate(value: 2, count: 1))
        #expect(
            engine.aggregate(park: jinshan, metric: .energyConsumption, window: .hours1)
                == Aggregate(value: 3, count: 2))
        let december = YearMonth(year: 2016, month: 12)!
        #expect(
            engine.calendarAggregate(park: jinshan, metric: .energyConsumption, window: .month, month: december)
                == Aggregate(value: 1, count: 1))
    }

    @Test func unknownParksAndWindowsHaveNoValue() {
        var engine = PartitionEngine()
        _ = engine.ingest(telemetry("a", "jinshan", .energyConsumption, Shanghai.instant(2017, 1, 1), 2))
        #expect(engine.aggregate(park: park("nowhere"), metric: .energyConsumption, window: .day) == nil)
        #expect(engine.aggregate(park: jinshan, metric: .energyConsumption, window: .sliding(.hours(2))) == nil)
        #expect(engine.aggregate(park: jinshan, metric: .energyConsumption, window: .latest) == nil)
    }
}
