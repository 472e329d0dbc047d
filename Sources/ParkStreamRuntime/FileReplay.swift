import Dispatch
import KafkaClient
import ParkMetrics
import ParkRules
import StreamEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        var decoders = Array(repeating: MetricEventDecoder(), count: 2 * ProcessInfoCores.active)
        var rejected: [MetricEventDecoder.LineError] = []
        var read = 0
        var start = 0
        var nextLine = 1
        while start < input.count {
            let end = Self.lineEnd(in: input, after: min(input.count, start + windowBytes))
            let parts = Self.split(input, start..<end, into: decoders.count, firstLine: nextLine)
            var decoded = decode(input, parts, decoders: &decoders)
            for part in decoded {
                rejected += part.rejected
                read += part.read + part.rejected.count
            }
            run(&decoded, through: &lanes, path: path)
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

    /// A part of a window: its bytes and the number of its first line.
    struct Part {
        var range: Range<Int>
        var firstLine: Int
        var lines: Int
    }

    /// A part's decoded events, by partition, and its bad lines.
    struct DecodedPart {
        var events: [[(line: Int, event: MetricEvent)]]
        var rejected: [MetricEventDecoder.LineError] = []
        var read = 0
    }

    private func decode(_ input: UnsafeRawBufferPointer, _ parts: [Part], decoders: inout [MetricEventDecoder])
        -> [DecodedPart]
    {
        let partitions = self.partitions
        var decoded = parts.map { _ in DecodedPart(events: Array(repeating: [], count: Int(partitions))) }
        decoded.withUnsafeMutableBufferPointer { results in
            decoders.withUnsafeMutableBufferPointer { decoders in
                nonisolated(unsafe) let shared = (results: results, decoders: decoders, input: input)
                DispatchQueue.concurrentPerform(iterations: parts.count) { index in
                    let part = parts[index]
                    shared.decoders[index].decodeLines(shared.input, part: part.range, firstNumber: part.firstLine) {
                        line, outcome in
                        switch consume outcome {
                        case .success(let event):
                            let partition = KafkaPartitioner.partition(
                                forKey: event.parkID.rawValue.utf8, partitions: partitions)
                            shared.results[index].events[Int(partition)].append((line.number, event))
                        case .failure(let error):
                            shared.results[index].rejected.append(error)
                        }
                    }
                    shared.results[index].read = shared.results[index].events.reduce(0) { $0 + $1.count }
                }
            }
        }
        return decoded
    }

    private func run(_ decoded: inout [DecodedPart], through lanes: inout [ReplayAccumulator], path: String) {
        lanes.withUnsafeMutableBufferPointer { lanes in
            decoded.withUnsafeMutableBufferPointer { decoded in
                nonisolated(unsafe) let shared = (lanes: lanes, decoded: decoded)
                DispatchQueue.concurrentPerform(iterations: lanes.count) { partition in
                    for part in shared.decoded.indices {
                        for (line, event) in shared.decoded[part].events[partition] {
                            shared.lanes[partition].process(
                                event, partition: Int32(partition), line: line, source: .file(path: path, line: line))
                        }
                        shared.decoded[part].events[partition] = []
                    }
                }
            }
        }
    }

    // MARK: - Splitting

    /// The offset just after the first newline at or after `offset` (or the input's end).
    static func lineEnd(in input: UnsafeRawBufferPointer, after offset: Int) -> Int {
        guard offset < input.count, offset > 0, let base = input.baseAddress else { return input.count }
        if input[offset - 1] == 0x0A { return offset }
        guard let newline = memchr(base + offset, 0x0A, input.count - offset) else { return input.count }
        return base.distance(to: UnsafeRawPointer(newline)) + 1
    }

    /// `window` cut into at most `count` parts at line ends, each with its first line's number.
    static func split(_ input: UnsafeRawBufferPointer, _ window: Range<Int>, into count: Int, firstLine: Int) -> [Part]
    {
        var parts: [Part] = []
        var start = window.lowerBound
        var line = firstLine
        let size = max(1, window.count / count)
        while start < window.upperBound {
            let end = min(window.upperBound, lineEnd(in: input, after: min(window.upperBound, start + size)))
            let lines = newlines(in: input, start..<end) + (end == input.count && input[end - 1] != 0x0A ? 1 : 0)
            parts.append(Part(range: start..<end, firstLine: line, lines: lines))
            line += lines
            start = end
        }
        return parts
    }

    private static func newlines(in input: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        guard let base = input.baseAddress else { return 0 }
        var count = 0
        var offset = range.lowerBound
        while offset < range.upperBound, let found = memchr(base + offset, 0x0A, range.upperBound - offset) {
            count += 1
            offset = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        return count
    }
}

/// The cores this process may use.
enum ProcessInfoCores {
    static var active: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
