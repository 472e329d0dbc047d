import KafkaClient
import ParkMetrics

/// Validates metric events from NDJSON or CSV and publishes the valid ones to the metrics topic:
/// keyed by `park_id` (murmur2, as the Java client partitions), stamped with `observed_at`,
/// idempotent and acknowledged by all replicas before `publish` returns.
///
/// NDJSON lines are published as they were written (unknown fields kept); CSV records are written
/// as canonical JSON. A bad line never stops the good ones around it.
public struct EventPublisher {
    /// Where valid events go; nil for a dry run (validate only).
    public var producer: KafkaProducer?
    public var topic: String
    /// Called with each rejected line's number, raw bytes and reason, in input order.
    public var onReject: (Int, UnsafeRawBufferPointer, MetricEventDecoder.LineError) -> Void = { _, _, _ in }
    /// Called now and then with the running summary, for progress displays.
    public var onProgress: (PublishSummary) -> Void = { _ in }
    /// Bytes of NDJSON validated per window (in parallel parts) before its lines are sent.
    var windowBytes = 4 << 20

    public init(producer: KafkaProducer?, topic: String) {
        self.producer = producer
        self.topic = topic
    }

    /// Publishes every valid event of `input` and waits until Kafka has acknowledged them.
    public func publish(_ input: UnsafeRawBufferPointer, format: InputFormat, deliveryTimeout: Duration = .seconds(120))
        throws -> PublishSummary
    {
        var summary = PublishSummary()
        let target = try producer?.topic(topic)
        switch format {
        case .ndjson: try publishLines(input, to: target, into: &summary)
        case .csv: try publishCSV(Array(input), to: target, into: &summary)
        }
        onProgress(summary)
        guard let producer else { return summary }
        do {
            try producer.flush(timeout: deliveryTimeout)
        } catch let error as KafkaError where error.code == .timedOut {
            summary.undelivered.append((0, "\(producer.outstanding) events not acknowledged: \(error.reason)"))
        }
        let deliveries = producer.deliverySummary
        summary.delivered = deliveries.delivered
        summary.undelivered += deliveries.failed.map { (Int($0.tag), $0.error?.description ?? "not delivered") }
        return summary
    }

    /// One NDJSON line's verdict, reached in parallel and acted on in input order.
    private enum LineOutcome {
        case valid(line: Int, range: Range<Int>, park: ParkID, timestamp: Int64)
        case rejected(line: Int, range: Range<Int>, error: MetricEventDecoder.LineError)
    }

    /// Validates windows of the input in parallel parts (every core) and publishes each window's
    /// good lines and reports its bad ones in input order; the next window is validated on the
    /// other threads while this one is sent.
    private func publishLines(
        _ bytes: UnsafeRawBufferPointer, to target: KafkaProducerTopic?, into summary: inout PublishSummary
    ) throws {
        var windows = WindowedDecoding(
            bytes, windowBytes: windowBytes, into: { [] }, reset: { $0.removeAll(keepingCapacity: true) }, Self.fold)
        while let window = windows.next() {
            for outcomes in window {
                for outcome in outcomes {
                    summary.read += 1
                    switch outcome {
                    case .valid(let line, let range, let park, let timestamp):
                        try send(
                            park: park, timestamp: timestamp, to: target,
                            value: UnsafeRawBufferPointer(rebasing: bytes[range]), line: line)
                        summary.accepted += 1
                        // Delivery reports served as they come, beside the sending (as kcat does),
                        // not a million at once in the final flush.
                        if summary.accepted % 1024 == 0 { producer?.poll() }
                    case .rejected(let line, let range, let error):
                        summary.rejected.append(error)
                        onReject(line, UnsafeRawBufferPointer(rebasing: bytes[range]), error)
                    }
                    if summary.read % 65_536 == 0 { onProgress(summary) }
                }
            }
            windows.recycle(window)
        }
    }

    /// A line's outcome as its verdict, after the part's verdicts before it.
    private static func fold(
        _ outcomes: inout [LineOutcome], _ line: MetricEventDecoder.Line,
        _ result: consuming Result<MetricEvent, MetricEventDecoder.LineError>
    ) {
        switch consume result {
        case .success(let event):
            outcomes.append(
                .valid(
                    line: line.number, range: line.range, park: event.parkID, timestamp: event.observedAt.milliseconds))
        case .failure(let error):
            outcomes.append(.rejected(line: line.number, range: line.range, error: error))
        }
    }

    private func publishCSV(_ input: [UInt8], to target: KafkaProducerTopic?, into summary: inout PublishSummary) throws
    {
        let lines = LineIndex(input)
        let encoder = MetricEventEncoder()
        var reader: MetricEventCSVReader
        do {
            reader = try MetricEventCSVReader(input)
        } catch {
            summary.rejected.append(error)
            input.withUnsafeBytes { onReject(error.line, lines.line(error.line, in: $0), error) }
            return
        }
        while let result = reader.next() {
            summary.read += 1
            switch result {
            case .success(let event):
                let json = encoder.encode(event)
                // CSV records are tagged by their ordinal: a record may span lines.
                try json.withUnsafeBytes {
                    try send(
                        park: event.parkID, timestamp: event.observedAt.milliseconds, to: target, value: $0,
                        line: summary.read)
                }
                summary.accepted += 1
            case .failure(let error):
                summary.rejected.append(error)
                input.withUnsafeBytes { onReject(error.line, lines.line(error.line, in: $0), error) }
            }
            if summary.read % 65_536 == 0 { onProgress(summary) }
        }
    }

    private func send(
        park: ParkID, timestamp: Int64, to target: KafkaProducerTopic?, value: UnsafeRawBufferPointer, line: Int
    ) throws {
        guard let producer, let target else { return }
        var key = park.rawValue
        try key.withUTF8 { key in
            try producer.send(
                to: target, partition: nil, key: UnsafeRawBufferPointer(key), value: value, timestamp: timestamp,
                tag: UInt64(line))
        }
    }
}

/// Where each physical line of an input starts, to quote rejected CSV lines verbatim.
struct LineIndex {
    private var starts: [Int] = [0]
    private let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
    }

    /// The bytes of 1-based line `number`, without its newline.
    func line(_ number: Int, in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard number >= 1, number <= starts.count else { return UnsafeRawBufferPointer(rebasing: bytes[0..<0]) }
        var end = number < starts.count ? starts[number] - 1 : count
        let start = starts[number - 1]
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<max(start, end)])
    }
}
