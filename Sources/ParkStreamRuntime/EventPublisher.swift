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
        let target = try producer.map { producer in
            KeyedTarget(topic: try producer.topic(topic), partitions: try producer.partitionCount(of: topic))
        }
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

    /// The topic and how many partitions it has: every event goes to its park's partition
    /// (`KafkaPartitioner.partition(of:partitions:)`, as the Java client would choose it).
    private struct KeyedTarget {
        var topic: KafkaProducerTopic
        var partitions: Int32
    }

    /// A valid NDJSON line, ready to send.
    private struct ValidLine: PartitionedElement {
        var line: Int
        var range: Range<Int>
        var park: ParkID
        var timestamp: Int64

        init(line: MetricEventDecoder.Line, event: MetricEvent) {
            self.line = line.number
            range = line.range
            park = event.parkID
            timestamp = event.observedAt.milliseconds
        }
    }

    /// Validates windows of the input in parallel parts (every core) while the window before is
    /// sent. A window's rejected lines are reported in input order, then its valid lines are sent a
    /// partition at a time, each partition's in input order: librdkafka then fills one partition's
    /// queue while its broker threads drain others, instead of every send contending for the lock
    /// of a partition a broker thread is draining (sent in input order, 1 M events took ~25 % more CPU).
    private func publishLines(
        _ bytes: UnsafeRawBufferPointer, to target: KeyedTarget?, into summary: inout PublishSummary
    )
        throws
    {
        let partitions = target?.partitions ?? 1
        var windows = WindowedDecoding<PartitionedPart<ValidLine>>.byPartition(
            bytes, windowBytes: windowBytes, partitions: partitions)
        while let window = windows.next() {
            let readBefore = summary.read
            for part in window {
                summary.read += part.lines
                for (line, error) in part.rejected {
                    summary.rejected.append(error)
                    onReject(line.number, UnsafeRawBufferPointer(rebasing: bytes[line.range]), error)
                }
            }
            for partition in 0..<partitions {
                for part in window {
                    for valid in part.byPartition[Int(partition)] {
                        try send(
                            park: valid.park, partition: partition, timestamp: valid.timestamp, to: target,
                            value: UnsafeRawBufferPointer(rebasing: bytes[valid.range]), line: valid.line)
                        summary.accepted += 1
                        // Delivery reports served as they come, beside the sending (as kcat does),
                        // not a million at once in the final flush.
                        if summary.accepted % 1024 == 0 { producer?.poll() }
                    }
                }
            }
            if summary.read / 65_536 != readBefore / 65_536 { onProgress(summary) }
            windows.recycle(window)
        }
    }

    private func publishCSV(_ input: [UInt8], to target: KeyedTarget?, into summary: inout PublishSummary) throws {
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
                        park: event.parkID,
                        partition: KafkaPartitioner.partition(of: event.parkID, partitions: target?.partitions ?? 1),
                        timestamp: event.observedAt.milliseconds, to: target, value: $0, line: summary.read)
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
        park: ParkID, partition: Int32, timestamp: Int64, to target: KeyedTarget?, value: UnsafeRawBufferPointer,
        line: Int
    ) throws {
        guard let producer, let target else { return }
        var key = park.rawValue
        try key.withUTF8 { key in
            try producer.send(
                to: target.topic, partition: partition, key: UnsafeRawBufferPointer(key), value: value,
                timestamp: timestamp, tag: UInt64(line))
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
