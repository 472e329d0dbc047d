import KafkaClient
import ParkMetrics
import ParkRules
import StreamEngine

/// Recomputes aggregates and alerts from an NDJSON file of metric events, exactly as the workers
/// would from the topic: events are spread over `partitions` with Kafka's murmur2 partitioner on
/// `park_id`, and each partition runs its own `PartitionPipeline` in file order.
///
/// It uses every core: the file is read in windows; each window's lines are decoded in parallel
/// parts, then each partition's events of the window run through its pipeline in parallel with the
/// other partitions'. The result is the same as one pass in file order (partitions share nothing).
public struct FileReplay: Sendable {
    public var rules: RuleSet
    public var partitions: Int32
    public var selection: ReplaySelection
    public var configuration: EngineConfiguration
    /// Whether to note the aggregates the rules judge (``ReplayResult/series``), for reports.
    public var recordsSeries = false
    /// Bytes read per window (decoded events of a window are held in memory).
    var windowBytes = 16 << 20

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
        var decoders = Array(repeating: MetricEventDecoder(), count: 2 * LineParts.cores)
        var rejected: [MetricEventDecoder.LineError] = []
        var read = 0
        var start = 0
        var nextLine = 1
        while start < input.count {
            let end = LineParts.lineEnd(in: input, after: min(input.count, start + windowBytes))
            let parts = LineParts.split(input, start..<end, into: decoders.count, firstLine: nextLine)
            let decoded = decode(input, parts, decoders: &decoders)
            for part in decoded {
                rejected += part.rejected
                read += part.read + part.rejected.count
            }
            run(decoded, through: &lanes, path: path)
            start = end
            nextLine = parts.last.map { $0.firstLine + $0.lines } ?? nextLine
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
        var events: [[(line: Int, event: MetricEvent)]]
        var rejected: [MetricEventDecoder.LineError] = []
        var read = 0
    }

    private func decode(
        _ input: UnsafeRawBufferPointer, _ parts: [LineParts.Part], decoders: inout [MetricEventDecoder]
    ) -> [DecodedPart] {
        let partitions = self.partitions
        return LineParts.decode(
            input, parts, decoders: &decoders,
            into: { DecodedPart(events: Array(repeating: [], count: Int(partitions))) }
        ) { part, line, outcome in
            switch consume outcome {
            case .success(let event):
                let partition = KafkaPartitioner.partition(forKey: event.parkID.rawValue.utf8, partitions: partitions)
                part.events[Int(partition)].append((line.number, event))
                part.read += 1
            case .failure(let error):
                part.rejected.append(error)
            }
        }
    }

    /// Each partition's events of the window through its accumulator, the partitions in parallel.
    private func run(_ decoded: [DecodedPart], through lanes: inout [ReplayAccumulator], path: String) {
        Parallel.forEach(&lanes) { partition, lane in
            for part in decoded {
                for (line, event) in part.events[partition] {
                    lane.process(event, partition: Int32(partition), line: line, source: .file(path: path, line: line))
                }
            }
        }
    }
}
