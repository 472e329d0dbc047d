import ParkMetrics
import StreamEngine

/// The metric events an assessment is computed from, aggregated as the workers aggregate them
/// (one `PartitionEngine`: revisions, deduplication and lateness as ARCHITECTURE.md §5 says; every
/// aggregate depends on its own park's events only, so one engine equals one per partition).
public struct AssessmentInput: Sendable {
    /// The aggregates of everything accepted.
    public private(set) var engine: PartitionEngine
    /// Non-blank lines read.
    public private(set) var read = 0
    /// Events that count (a revision that is replaced later still counts here).
    public private(set) var accepted = 0
    /// Telemetry ids seen before (counted once).
    public private(set) var duplicates = 0
    /// Telemetry behind its park's watermark: not counted, as the workers would not count it.
    public private(set) var late: [(line: Int, event: MetricEvent)] = []
    /// Lines that are not valid metric events v1, with the line, field and rule.
    public private(set) var rejected: [MetricEventDecoder.LineError] = []

    /// No events yet.
    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        engine = PartitionEngine(configuration: configuration)
    }

    /// Adds one validated event.
    @discardableResult
    public mutating func add(_ event: MetricEvent, line: Int = 0) -> IngestOutcome {
        let outcome = engine.ingest(event)
        switch outcome {
        case .accepted: accepted += 1
        case .duplicate: duplicates += 1
        case .late: late.append((line, event))
        case .invalid: break
        }
        return outcome
    }

    /// Decodes NDJSON `bytes` (metric events v1) and adds every valid line; bad lines are kept in
    /// `rejected` and never stop the good ones after them.
    public mutating func add(ndjson bytes: UnsafeRawBufferPointer) {
        var decoder = MetricEventDecoder()
        decoder.decodeLines(bytes) { line, decoded in
            read += 1
            switch decoded {
            case .success(let event): add(event, line: line.number)
            case .failure(let error): rejected.append(error)
            }
        }
    }

    /// ``add(ndjson:)`` over the bytes of a string (tests, small inputs).
    public mutating func add(ndjson text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeBytes { add(ndjson: $0) }
        bytes.removeAll()
    }
}
