import KafkaClient
import Logging
import ParkMetrics
import ParkRules
import StreamEngine

/// Recomputes aggregates and alerts from the metrics topic itself, as `FileReplay` does from a
/// file: an assign-only consumer (no group, nothing committed) reads every partition from the
/// first offset at or after `selection.from` (offsets for times, with the scan fallback the
/// embedded cluster needs) to the end offsets seen at the start, and each partition runs its own
/// `PartitionPipeline` in offset order. A file holding the same events in the same per-partition
/// order replays to the same result, but for the alerts' sources.
public struct TopicReplay {
    public var client: KafkaClientConfiguration
    public var topic: String
    public var rules: RuleSet
    public var selection: ReplaySelection
    public var configuration: EngineConfiguration
    public var logger: Logger

    public init(
        client: KafkaClientConfiguration, topic: String, rules: RuleSet, selection: ReplaySelection = ReplaySelection(),
        configuration: EngineConfiguration = EngineConfiguration(), logger: Logger
    ) {
        self.client = client
        self.topic = topic
        self.rules = rules
        self.selection = selection
        self.configuration = configuration
        self.logger = logger
    }

    /// Replays the topic; `progress` sees the messages read so far and the total to read.
    public func run(progress: (Int, Int64) -> Void = { _, _ in }) throws -> ReplayResult {
        let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(client: client), logger: logger)
        guard let numbers = try consumer.metadata(topic: topic).topic(topic)?.partitions else {
            throw KafkaError(code: .unknownTopicOrPartition, reason: "topic \(topic) does not exist")
        }
        let partitions = numbers.map { KafkaTopicPartition(topic: topic, partition: $0) }
        var ends: [Int32: Int64] = [:]
        var starts: [KafkaTopicPartition: KafkaOffset] = [:]
        let from = try selection.from.map {
            try consumer.offsets(forTimestamp: $0.milliseconds, partitions: partitions)
        }
        for partition in partitions {
            let (low, high) = try consumer.watermarks(partition)
            let start = max(low, from?[partition] ?? low)
            if high > start {
                ends[partition.partition] = high
                starts[partition] = KafkaOffset(rawValue: start)
            }
        }
        let total = starts.reduce(Int64(0)) { $0 + (ends[$1.key.partition] ?? 0) - $1.value.rawValue }
        var replay = ReplayAccumulator(rules: rules, selection: selection, configuration: configuration)
        try consumer.assign(starts)
        var decoder = MetricEventDecoder()
        var read = 0
        while !ends.isEmpty {
            let batch = try consumer.poll(maxMessages: 10_000, timeout: .milliseconds(200))
            try batch.withUnsafeBytes { bytes in
                for record in batch.records {
                    guard let end = ends[record.partition], record.offset < end else { continue }
                    read += 1
                    let source = AlertSource.kafka(topic: topic, partition: record.partition, offset: record.offset)
                    switch decoder.result(UnsafeRawBufferPointer(rebasing: bytes[record.value])) {
                    case .success(let event):
                        replay.process(event, partition: record.partition, line: Int(record.offset), source: source)
                    case .failure(let error):
                        replay.reject(MetricEventDecoder.LineError(line: Int(record.offset), error: error))
                    }
                    if record.offset + 1 >= end { ends[record.partition] = nil }
                }
            }
            progress(read, total)
        }
        try consumer.close()
        return replay.finish()
    }
}
