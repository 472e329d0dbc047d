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
        let partitions = self.partitions
        var windows = WindowedDecoding(
            input, windowBytes: windowBytes,
            into: { DecodedPart(events: Array(repeating: [], count: Int(partitions))) },
            reset: { $0.reset() }
        ) { part, line, outcome in
            switch consume outcome {
            case .success(let event):
                let partition = KafkaPartitioner.partition(forKey: event.parkID.rawValue.utf8, partitions: partitions)
                part.events[Int(partition)].append(NumberedEvent(line: line.number, event: event))
                part.read += 1
            case .failure(let error):
                part.rejected.append(error)
            }
        }
        var rejected: [MetricEventDecoder.LineError] = []
        var read = 0
        while let decoded = windows.next() {
            for part in decoded {
                rejected += part.rejected
                read += part.read + part.rejected.count
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

    /// A part's decoded events, by partition, and its bad lines.
    struct DecodedPart {
        var events: [[NumberedEvent]]
        var rejected: [MetricEventDecoder.LineError] = []
        var read = 0

        /// Empties the part for the next window, keeping its buffers.
        mutating func reset() {
            for index in events.indices { events[index].removeAll(keepingCapacity: true) }
            rejected = []
            read = 0
        }
    }

    /// An event and the number of its line. A struct, not a tuple: a tuple's copies go through the
    /// runtime's generic value witnesses.
    struct NumberedEvent {
        var line: Int
        var event: MetricEvent
    }

    /// Each partition's events of the window through its accumulator, the partitions in parallel.
    private func run(_ decoded: [DecodedPart], through lanes: inout [ReplayAccumulator], path: String) {
        Parallel.forEach(&lanes) { partition, lane in
            for part in decoded {
                for entry in part.events[partition] {
                    lane.process(
                        entry.event, partition: Int32(partition), line: entry.line,
                        source: .file(path: path, line: entry.line))
                }
            }
        }
    }
}
