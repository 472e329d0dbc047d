import KafkaClient
import ParkMetrics
import ParkRules
import StreamEngine

/// Recomputes aggregates and alerts from an NDJSON file of metric events, exactly as the workers
/// would from the topic: events are spread over `partitions` with Kafka's murmur2 partitioner on
/// `park_id`, and each partition runs its own `PartitionPipeline` in file order.
public struct FileReplay: Sendable {
    public var rules: RuleSet
    public var partitions: Int32
    public var selection: ReplaySelection
    public var configuration: EngineConfiguration
    /// Whether to note the aggregates the rules judge (``ReplayResult/series``), for reports.
    public var recordsSeries = false

    public init(
        rules: RuleSet, partitions: Int32 = 12, selection: ReplaySelection = ReplaySelection(),
        configuration: EngineConfiguration = EngineConfiguration()
    ) {
        self.rules = rules
        self.partitions = partitions
        self.selection = selection
        self.configuration = configuration
    }

    /// Replays `input` (named `path` in alert sources); `progress` sees the lines read so far.
    public func run(_ input: [UInt8], path: String, progress: (Int) -> Void = { _ in }) -> ReplayResult {
        input.withUnsafeBytes { run($0, path: path, progress: progress) }
    }

    /// Replays the bytes of `input` in place (a file's contents need not be copied into an array).
    public func run(_ input: UnsafeRawBufferPointer, path: String, progress: (Int) -> Void = { _ in }) -> ReplayResult {
        var pipelines = (0..<partitions).map { _ in
            var pipeline = PartitionPipeline(rules: rules, configuration: configuration)
            if recordsSeries { pipeline.series = RuleSeries(zone: configuration.zone) }
            return pipeline
        }
        var stamped: [(time: Timestamp, partition: Int32, order: Int, event: AlertEvent)] = []
        var result = ReplayResult(aggregates: AggregateTable(rows: [], zone: configuration.zone), alerts: [])
        var decoder = MetricEventDecoder()
        decoder.decodeLines(input) { line, decoded in
            result.read += 1
            if result.read % 65_536 == 0 { progress(result.read) }
            let event: MetricEvent
            switch decoded {
            case .success(let value): event = value
            case .failure(let error):
                result.rejected.append(error)
                return
            }
            guard selection.contains(event) else {
                result.outsideSelection += 1
                return
            }
            let partition = KafkaPartitioner.partition(forKey: event.parkID.rawValue.utf8, partitions: partitions)
            let step = pipelines[Int(partition)].process(event)
            switch step.outcome {
            case .accepted: result.accepted += 1
            case .duplicate: result.duplicates += 1
            case .late: result.late.append((line.number, event))
            case .invalid: break
            }
            for transition in step.transitions {
                let alert = AlertEvent(
                    transition: transition, source: .file(path: path, line: line.number),
                    offsetSeconds: Int(configuration.zone.utcOffsetSeconds))
                stamped.append((transition.eventTime, partition, stamped.count, alert))
            }
        }
        progress(result.read)
        result.aggregates = pipelines.reduce(AggregateTable(rows: [], zone: configuration.zone)) {
            $0.merged(with: $1.engine.aggregateTable())
        }
        if recordsSeries {
            result.series = pipelines.compactMap(\.series).reduce(RuleSeries(zone: configuration.zone)) {
                $0.merged(with: $1)
            }
        }
        result.alerts = stamped.sorted { ($0.time, $0.partition, $0.order) < ($1.time, $1.partition, $1.order) }.map(
            \.event)
        return result
    }
}
