import ParkMetrics
import StreamEngine
import Testing

@Suite("Checkpoints")
struct CheckpointTests {
    static let configuration = OraclePropertyTests.configuration

    @Test("split anywhere, checkpoint, restore, continue == never stopped", arguments: Array(UInt64(1)...40))
    func roundTrip(seed: UInt64) throws {
        var generator = StreamGenerator(seed: seed &+ 1000)
        let events = generator.stream(count: 220)
        var random = SeededRandom(seed: seed)
        let split = Int(random.next() % UInt64(events.count + 1))

        var uninterrupted = PartitionEngine(configuration: Self.configuration)
        let expected = events.map { uninterrupted.ingest($0) }

        var first = PartitionEngine(configuration: Self.configuration)
        var outcomes = events[..<split].map { first.ingest($0) }
        let bytes = first.checkpoint()
        var restored = try PartitionEngine(checkpoint: bytes)
        #expect(restored.checkpoint() == bytes, "seed \(seed): restore then checkpoint is the identity")
        #expect(restored.configuration == Self.configuration)
        outcomes += events[split...].map { restored.ingest($0) }

        #expect(outcomes == expected, "seed \(seed) split \(split)")
        #expect(restored.checkpoint() == uninterrupted.checkpoint(), "seed \(seed) split \(split)")
        #expect(restored.aggregateTable() == uninterrupted.aggregateTable())
        #expect(restored.streamTime == uninterrupted.streamTime)
        for park in uninterrupted.parks {
            #expect(restored.watermark(of: park) == uninterrupted.watermark(of: park))
            for metric in Metric.allCases {
                #expect(
                    restored.lastObserved(park: park, metric: metric)
                        == uninterrupted.lastObserved(park: park, metric: metric))
                for window in OraclePropertyTests.windows {
                    #expect(
                        restored.aggregate(park: park, metric: metric, window: window)
                            == uninterrupted.aggregate(park: park, metric: metric, window: window))
                }
            }
        }
    }

    @Test func emptyEngineRoundTrips() throws {
        let bytes = PartitionEngine().checkpoint()
        let restored = try PartitionEngine(checkpoint: bytes)
        #expect(restored.configuration == EngineConfiguration())
        #expect(restored.checkpoint() == bytes)
        #expect(bytes.count < 64)
    }

    @Test func outOfRangeConfigurationsStillRestore() throws {
        let windows = (1...40).map { Duration.minutes(Int64($0)) }
        var engine = PartitionEngine(
            configuration: EngineConfiguration(
                allowedLateness: .days(400), slidingWindows: windows, bucketsPerWindow: 100_000))
        _ = engine.ingest(telemetry("a", "jinshan", .energyConsumption, Shanghai.instant(2017, 1, 1), 1))
        let restored = try PartitionEngine(checkpoint: engine.checkpoint())
        #expect(restored.configuration.bucketsPerWindow == EngineConfiguration.maximumBucketsPerWindow)
        #expect(restored.configuration.slidingWindows.count == EngineConfiguration.maximumSlidingWindows)
        #expect(restored.configuration.allowedLateness == EngineConfiguration.maximumLateness)
        #expect(restored.checkpoint() == engine.checkpoint())
        #expect(
            restored.aggregate(park: park("jinshan"), metric: .energyConsumption, window: .sliding(.minutes(32))) != nil
        )
        #expect(
            engine.aggregate(park: park("jinshan"), metric: .energyConsumption, window: .sliding(.minutes(33))) == nil)
    }

    private func sample() -> [UInt8] {
        var generator = StreamGenerator(seed: 7)
        var engine = PartitionEngine(configuration: Self.configuration)
        for event in generator.stream(count: 100) { _ = engine.ingest(event) }
        return engine.checkpoint()
    }

    private func code(_ bytes: [UInt8]) -> StreamEngineError.Code? {
        do {
            _ = try PartitionEngine(checkpoint: bytes)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func refusesOtherMagic() {
        var bytes = sample()
        bytes[0] = UInt8(ascii: "X")
        #expect(code(bytes) == .badMagic)
        #expect(code(Array("{\"json\":true}".utf8)) == .badMagic)
    }

    @Test func refusesUnknownVersion() throws {
        var bytes = sample()
        bytes[4] = 2
        bytes[5] = 0
        let error = #expect(throws: StreamEngineError.self) { try PartitionEngine(checkpoint: bytes) }
        #expect(error?.code == .unsupportedVersion)
        #expect(error?.reason == "checkpoint format version 2; this build reads version 1")
    }

    @Test func refusesEveryTruncation() {
        let bytes = sample()
        for length in [0, 2, 5, 6, 13, bytes.count / 2, bytes.count - 9, bytes.count - 1] {
            #expect(code(Array(bytes[..<length])) == .truncated, "length \(length)")
        }
    }

    @Test func refusesDamage() {
        let bytes = sample()
        var random = SeededRandom(seed: 99)
        for _ in 0..<50 {
            var damaged = bytes
            let position = 6 + Int(random.next() % UInt64(bytes.count - 6))
            damaged[position] ^= UInt8(1 + random.next() % 255)
            let result = code(damaged)
            #expect(result == .checksumMismatch || result == .truncated || result == .corrupt)
        }
        #expect(code(bytes + [0]) != nil)
    }
}
