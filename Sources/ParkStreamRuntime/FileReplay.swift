import KafkaClient
import ParkMetrics
import ParkRules
import StreamEngine

/// Recomputes aggregates and alerts from an NDJSON file of metric events, exactly as the workers
/// would from the topic: events are spread over `partitions` with Kafka's murmur2 partitioner on
/// `park_id`, and each partition runs its own `PartitionPipeline` in file order.
///
/// It uses every core: the file is read in windows; each window's lines are decoded in parallel
/// parts while the window before runs, each partition's events of it through its pipeline in
/// parallel with the other partitions'. The result is the same as one pass in file order
/// (partitions share nothing).
public struct FileReplay: Sendable {
    public var rules: RuleSet
    public var partitions: Int32
    public var selection: ReplaySelection
    public var configuration: EngineConfiguration
    /// Whether to note the aggregates the rules judge (``ReplayResult/series``), for reports.
    public var recordsSeries = false
    /// Bytes read per window (decoded events of a window are held in memory).
    var windowBytes = 8 << 20

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
        var lanes = (0..<partitions).map { _ in
            ReplayAccumulator(
                rules: rules, selection: selection, configuration: configuration, recordsSeries: recordsSeries)
        }
        var windows = WindowedDecoding<PartitionedPart<NumberedEvent>>.byPartition(
            input, windowBytes: windowBytes, partitions: partitions)
        var rejected: [MetricEventDecoder.LineError] = []
        var read = 0
        while let decoded = windows.next() {
            for part in decoded {
                rejected += part.rejected.map(\.error)
                read += part.lines
            }
            run(decoded, through: &lanes, path: path)
            windows.recycle(decoded)
            progress(read)
        }
        var result = ReplayAccumulator.merge(lanes.map { $0.finish() }, zone: configuration.zone)
        result.rejected = rejected
        result.read += rejected.count
        return result
    }

    // MARK: - Phases

    /// An event and the number of its line. A struct, not a tuple: a tuple's copies go through the
    /// runtime's generic value witnesses.
    struct NumberedEvent: PartitionedElement {
        var line: Int
        var event: MetricEvent

        init(line: MetricEventDecoder.Line, event: MetricEvent) {
            self.line = line.number
            self.event = event
        }
    }

    /// Each partition's events of the window through its accumulator, the partitions in parallel.
    private func run(
        _ decoded: [PartitionedPart<NumberedEvent>], through lanes: inout [ReplayAccumulator], path: String
    ) {
        Parallel.forEach(&lanes) { partition, lane in
            for part in decoded {
                for entry in part.byPartition[partition] {
                    lane.process(
                        entry.event, partition: Int32(partition), line: entry.line,
                        source: .file(path: path, line: entry.line))
                }
            }
        }
    }
}
