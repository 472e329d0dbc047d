import KafkaClient
import ParkStreamRuntime
import Testing

@Suite("topic layout")
struct TopicLayoutTests {
    @Test("13 months of input, dead letters, alerts and HJ 212 frames; compacted outputs; big checkpoints fit")
    func settingsForARealCluster() throws {
        var layout = TopicLayout()
        layout.group = "g"
        layout.partitions = 24
        let specs = Dictionary(uniqueKeysWithValues: layout.specs(replicationFactor: 3).map { ($0.name, $0) })
        #expect(
            specs.keys.sorted() == [
                "g-checkpoints", "park.aggregates", "park.alerts", "park.hj212.raw", "park.metrics",
                "park.metrics.dlq",
            ])
        let thirteenMonths = 395 * 24 * 3600 * 1000
        for name in ["park.metrics", "park.metrics.dlq", "park.alerts", "park.hj212.raw"] {
            let retention = try #require(specs[name]?.configs["retention.ms"].flatMap { Int($0) })
            #expect(retention >= thirteenMonths, "\(name)")
        }
        for name in ["park.aggregates", "g-checkpoints"] {
            #expect(specs[name]?.configs["cleanup.policy"] == "compact", "\(name)")
        }
        // About 2 MiB for 100 parks (bench/engine-bench.md), 14 MiB for 1000; the worker's producer
        // sends up to the same limit.
        let maxBytes = try #require(specs["g-checkpoints"]?.configs["max.message.bytes"].flatMap { Int($0) })
        #expect(maxBytes == TopicLayout.checkpointMaxBytes)
        #expect(maxBytes >= 16 * 1024 * 1024)
        for spec in specs.values {
            #expect(spec.partitions == 24 && spec.replicationFactor == 3)
            #expect(spec.configs["min.insync.replicas"] == "2", "\(spec.name): acks=all means two copies")
        }
        // One or two replicas cannot keep two in sync.
        #expect(layout.specs(replicationFactor: 1).allSatisfy { $0.configs["min.insync.replicas"] == nil })
    }
}
