import ParkMetrics
import StreamEngine
import Testing

@Suite("Event time: lateness and deduplication")
struct EventTimeTests {
    let noon = Shanghai.instant(2017, 6, 8, 12)

    @Test func lateIsBehindTheParksWatermark() {
        var engine = PartitionEngine()
        #expect(engine.ingest(telemetry("a", "jinshan", .energyConsumption, noon, 5)) == .accepted)
        #expect(engine.watermark(of: park("jinshan")) == noon - .minutes(10))
        let atWatermark = noon - .minutes(10)
        #expect(engine.ingest(telemetry("b", "jinshan", .energyConsumption, atWatermark, 1)) == .accepted)
        let before = engine.aggregate(park: park("jinshan"), metric: .energyConsumption, window: .day)
        let behind = atWatermark - .microseconds(1)
        #expect(engine.ingest(telemetry("c", "jinshan", .energyConsumption, behind, 100)) == .late)
        #expect(engine.aggregate(park: park("jinshan"), metric: .energyConsumption, window: .day) == before)
        #expect(before == Aggregate(value: 6, count: 2))
        // Another park has its own watermark; another metric of the same park shares it.
        #expect(engine.ingest(telemetry("c", "baoshan", .energyConsumption, behind, 1)) == .accepted)
        #expect(engine.lastObserved(park: park("jinshan"), metric: .energyConsumption) == noon)
        #expect(engine.lastObserved(park: park("jinshan"), metric: .wastewaterCompliance) == nil)
        #expect(engine.ingest(telemetry("d", "jinshan", .wastewaterCompliance, behind, 1)) == .late)
    }

    @Test func monthlyEventsAreNeverLateAndDoNotMoveTheClock() {
        var engine = PartitionEngine()
        _ = engine.ingest(telemetry("a", "jinshan", .energyConsumption, noon, 5))
        let old = monthly("m", "jinshan", .addedValue, 2015, 1, 7, at: Shanghai.instant(2015, 2, 5))
        #expect(engine.ingest(old) == .accepted)
        let future = monthly("f", "jinshan", .addedValue, 2017, 6, 7, at: noon + .days(40))
        #expect(engine.ingest(future) == .accepted)
        #expect(engine.clock(of: park("jinshan")) == noon)
        #expect(engine.streamTime == noon + .days(40))
    }

    @Test func duplicatesCountOnce() {
        var engine = PartitionEngine()
        let event = telemetry("ww01-1", "jinshan", .wastewaterCompliance, noon, 1)
        #expect(engine.ingest(event) == .accepted)
        #expect(engine.ingest(event) == .duplicate)
        var other = event
        other.parkID = park("baoshan")
        #expect(engine.ingest(other) == .accepted)
        _ = engine.ingest(telemetry("ww01-2", "jinshan", .wastewaterCompliance, noon + .minutes(9), 0))
        #expect(engine.ingest(event) == .duplicate)
        #expect(
            engine.aggregate(park: park("jinshan"), metric: .wastewaterCompliance, window: .hours1)
                == Aggregate(value: 0.5, count: 2))
        // Once the park's clock is a horizon past it, a copy is late, not a duplicate.
        _ = engine.ingest(telemetry("ww01-3", "jinshan", .wastewaterCompliance, noon + .minutes(11), 1))
        #expect(engine.ingest(event) == .late)
    }

    @Test func dedupMemoryIsBoundedByTheHorizon() {
        var engine = PartitionEngine()
        var peak = 0
        for second in 0..<20_000 {
            let at = noon + .seconds(Int64(second))
            _ = engine.ingest(telemetry("e\(second)", "jinshan", .energyConsumption, at, 1))
            peak = max(peak, engine.rememberedEventIDs)
        }
        // One event a second, 600 s of lateness: at most about three horizons of ids.
        #expect(peak <= 3 * 600 + 1)
        #expect(engine.rememberedEventIDs >= 600)
    }

    @Test func contractBreakersAreInvalidAndChangeNothing() {
        var engine = PartitionEngine()
        #expect(engine.ingest(telemetry("a", "jinshan", .energyIntensity, noon, 1)) == .invalid)
        var noPeriod = monthly("b", "jinshan", .addedValue, 2017, 5, 1, at: noon)
        noPeriod.period = nil
        #expect(engine.ingest(noPeriod) == .invalid)
        var withPeriod = telemetry("c", "jinshan", .energyConsumption, noon, 1)
        withPeriod.period = YearMonth(year: 2017, month: 6)
        #expect(engine.ingest(withPeriod) == .invalid)
        #expect(engine.parks.isEmpty)
        #expect(engine.streamTime == nil)
    }

    @Test func zeroLatenessStillDeduplicates() {
        var engine = PartitionEngine(configuration: EngineConfiguration(allowedLateness: .zero))
        let event = telemetry("a", "jinshan", .energyConsumption, noon, 1)
        #expect(engine.ingest(event) == .accepted)
        #expect(engine.ingest(event) == .duplicate)
        #expect(engine.ingest(telemetry("b", "jinshan", .energyConsumption, noon - .microseconds(1), 1)) == .late)
    }
}

extension Window {
    static let hours1 = Window.sliding(.seconds(3600))
}
