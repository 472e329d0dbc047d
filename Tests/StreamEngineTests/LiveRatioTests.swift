import ParkMetrics
import StreamEngine
import Testing

@Suite("Live derived ratios follow every input that moves them")
struct LiveRatioTests {
    static let windows: [Window] = [.month, .ytd, .yoy]

    /// Energy intensity anchored at May 2017 (the latest month with added value), queried live
    /// after each event as the rules do, against the plain aggregate.
    @Test func aRatioFollowsLateTelemetryAndRevisionsButNotTheCurrentMonth() {
        var engine = PartitionEngine()
        let jinshan = park("jinshan")
        var events = [
            telemetry("e1", "jinshan", .energyConsumption, Shanghai.instant(2016, 5, 20), 40),
            monthly("a1", "jinshan", .addedValue, 2016, 5, 100, at: Shanghai.instant(2016, 6, 5)),
            telemetry("e2", "jinshan", .energyConsumption, Shanghai.instant(2017, 5, 31, 23, 0), 30),
            telemetry("e3", "jinshan", .energyConsumption, Shanghai.instant(2017, 6, 1, 0, 2), 7),
            monthly("a2", "jinshan", .addedValue, 2017, 5, 90, at: Shanghai.instant(2017, 6, 1, 0, 3)),
        ]
        for event in events { _ = engine.ingest(event) }
        let anchored = live(&engine, jinshan)
        #expect(anchored == plain(engine, jinshan))
        #expect(anchored[2] == Aggregate(value: (30.0 / 90 - 40.0 / 100) / (40.0 / 100), count: 2))

        // The current month does not move a ratio anchored at the last one.
        events = [telemetry("e4", "jinshan", .energyConsumption, Shanghai.instant(2017, 6, 1, 0, 5), 9)]
        #expect(step(&engine, jinshan, events) == anchored)
        // Late telemetry in the anchor month does; so does a revised denominator.
        let late = telemetry("e5", "jinshan", .energyConsumption, Shanghai.instant(2017, 5, 31, 23, 58), 6)
        let afterLate = step(&engine, jinshan, [late])
        #expect(afterLate != anchored)
        #expect(afterLate[0] == Aggregate(value: 36.0 / 90, count: 3))
        let revised = monthly("a3", "jinshan", .addedValue, 2017, 5, 120, at: Shanghai.instant(2017, 6, 2))
        #expect(step(&engine, jinshan, [revised])[0] == Aggregate(value: 36.0 / 120, count: 3))
        // A month of added value with energy behind it moves the anchor.
        let june = monthly("a4", "jinshan", .addedValue, 2017, 6, 50, at: Shanghai.instant(2017, 6, 2, 1))
        #expect(step(&engine, jinshan, [june])[0] == Aggregate(value: 16.0 / 50, count: 3))
        // Anchored at the current month, the ratio moves with it.
        let more = telemetry("e6", "jinshan", .energyConsumption, Shanghai.instant(2017, 6, 2, 2), 4)
        #expect(step(&engine, jinshan, [more])[0] == Aggregate(value: 20.0 / 50, count: 4))
    }

    /// Ingests `events`, then returns the live values, having checked them against the plain ones.
    private func step(_ engine: inout PartitionEngine, _ park: ParkID, _ events: [MetricEvent]) -> [Aggregate?] {
        for event in events { #expect(engine.ingest(event) == .accepted) }
        let values = live(&engine, park)
        #expect(values == plain(engine, park))
        return values
    }

    private func live(_ engine: inout PartitionEngine, _ park: ParkID) -> [Aggregate?] {
        let index = engine.index(of: park)!
        return Self.windows.map { engine.liveAggregate(parkIndex: index, metric: .energyIntensity, window: $0) }
    }

    private func plain(_ engine: PartitionEngine, _ park: ParkID) -> [Aggregate?] {
        Self.windows.map { engine.aggregate(park: park, metric: .energyIntensity, window: $0) }
    }
}
