import ParkMetrics
import StreamEngine
import Testing

@Suite("Engine against the naive oracle")
struct OraclePropertyTests {
    static let configuration = EngineConfiguration(
        slidingWindows: [.minutes(10), .hours(1), .hours(24), .days(7)], bucketsPerWindow: 60)
    static let windows: [Window] =
        configuration.slidingWindows.map { .sliding($0) } + [.day, .month, .ytd, .yoy, .latest]
    static let seeds: [UInt64] = Array(1...60)

    @Test("outcomes, calendar windows, sliding windows and the table agree on random streams", arguments: seeds)
    func randomStreams(seed: UInt64) {
        var generator = StreamGenerator(seed: seed)
        let events = generator.stream(count: 260)
        var engine = PartitionEngine(configuration: Self.configuration)
        var oracle = Oracle()
        var checkpoints = Set([events.count - 1, events.count / 3, events.count / 2])
        for (position, event) in events.enumerated() {
            let outcome = engine.ingest(event)
            let expected = oracle.ingest(event)
            #expect(outcome == expected, "seed \(seed) event \(position) \(event.eventID)")
            if checkpoints.remove(position) != nil { compareLive(engine, oracle, seed: seed) }
        }
        let parks = engine.parks
        #expect(engine.aggregateTable().rows == oracle.table(parks: parks), "seed \(seed)")
    }

    @Test("live aggregates, kept between events, equal the plain ones bit for bit", arguments: seeds)
    func liveAggregates(seed: UInt64) {
        var generator = StreamGenerator(seed: seed)
        var engine = PartitionEngine(configuration: Self.configuration)
        for (position, event) in generator.stream(count: 260).enumerated() {
            guard engine.ingest(event) != .invalid else { continue }
            let park = engine.ingestedPark
            for metric in [event.metric] + PartitionEngine.affectedRatios(of: event.metric) {
                for window in Self.windows {
                    let live = engine.liveAggregate(parkIndex: park, metric: metric, window: window)
                    let plain = engine.aggregate(park: event.parkID, metric: metric, window: window)
                    #expect(
                        live?.value.bitPattern == plain?.value.bitPattern && live?.count == plain?.count,
                        "seed \(seed) event \(position) \(metric.name) \(window)")
                }
            }
        }
    }

    private func compareLive(_ engine: PartitionEngine, _ oracle: Oracle, seed: UInt64) {
        for park in engine.parks {
            for metric in Metric.allCases {
                for window in Self.windows {
                    var span: (Int64, Int64)?
                    let expected = oracle.live(park, metric, window) { span = ($0, $1) }
                    let actual = engine.aggregate(park: park, metric: metric, window: window)
                    #expect(actual == expected, "seed \(seed) \(park) \(metric.name) \(window)")
                    if case .sliding(let duration) = window, let (start, now) = span {
                        // The documented bound: the answered span starts in (now − W, now − W + W/60].
                        let length = duration.microsecondsRoundedDown
                        #expect(start > now - length && start <= now - length + length / 60)
                    }
                }
            }
        }
    }
}

@Suite("The random streams cover what the oracle test claims")
struct StreamCoverageTests {
    @Test func streamsHoldEveryCase() {
        var outcomes: [IngestOutcome: Int] = [:]
        var windows: [String: Int] = [:]
        var derivedRows = 0
        var slidingValues = 0
        var crossYearDays = 0
        for seed in OraclePropertyTests.seeds {
            var generator = StreamGenerator(seed: seed)
            var engine = PartitionEngine(configuration: OraclePropertyTests.configuration)
            for event in generator.stream(count: 260) {
                outcomes[engine.ingest(event), default: 0] += 1
                if event.metric.kind.isTelemetry, Shanghai.parts(event.observedAt).month == 1,
                    Shanghai.parts(event.observedAt).day == 1
                {
                    crossYearDays += 1
                }
            }
            for row in engine.aggregateTable().rows {
                windows[row.window.description, default: 0] += 1
                if row.metric.kind == .derivedRatio { derivedRows += 1 }
            }
            for park in engine.parks
            where engine.aggregate(park: park, metric: .energyConsumption, window: .sliding(.hours(1))) != nil {
                slidingValues += 1
            }
        }
        #expect(outcomes[.late, default: 0] > 100)
        #expect(outcomes[.duplicate, default: 0] > 50)
        #expect(windows["yoy", default: 0] > 100)
        #expect(derivedRows > 100)
        #expect(slidingValues > 10)
        #expect(crossYearDays > 10)
    }
}
