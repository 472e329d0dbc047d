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
    /// Whether to note the aggregates the rules judge (``ReplayResult/series``), for reports.
    public var recordsSeries = false

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
        var range = try TopicRange(client: client, topic: topic, from: selection.from, logger: logger)
        let total = range.total
        var replay = ReplayAccumulator(
            rules: rules, selection: selection, configuration: configuration, recordsSeries: recordsSeries)
        var decoder = MetricEventDecoder()
        var read = 0
        try range.read { record, _, bytes in
            read += 1
            let source = AlertSource.kafka(topic: topic, partition: record.partition, offset: record.offset)
            switch decoder.result(bytes.value(of: record)) {
            case .success(let event):
                replay.process(event, partition: record.partition, line: Int(record.offset), source: source)
            case .failure(let error):
                replay.reject(MetricEventDecoder.LineError(line: Int(record.offset), error: error))
            }
            if read % 65_536 == 0 { progress(read, total) }
        }
        progress(read, total)
        return replay.finish()
    }
}
