import KafkaClient
import Logging
import ParkMetrics

/// Archives a time range of the metrics topic as NDJSON, each message's bytes as they are, merged
/// across partitions by message timestamp while each partition keeps its offset order, so that
/// replaying the file gives what replaying the topic gives. Real clusters keep limited retention;
/// year-on-year growth needs 13 months.
public struct TopicExport {
    public var client: KafkaClientConfiguration
    public var topic: String
    public var selection: ReplaySelection
    public var logger: Logger

    public init(client: KafkaClientConfiguration, topic: String, selection: ReplaySelection, logger: Logger) {
        self.client = client
        self.topic = topic
        self.selection = selection
        self.logger = logger
    }

    /// What an export wrote and skipped.
    public struct Summary: Sendable {
        public var written = 0
        public var outsideSelection = 0
        /// Messages that are not metric events (`partition/offset: reason`).
        public var invalid: [String] = []
    }

    /// Writes the range through `write` (one call per line, newline included).
    public func run(write: ([UInt8]) throws -> Void) throws -> Summary {
        var range = try TopicRange(client: client, topic: topic, from: selection.from, logger: logger)
        var summary = Summary()
        var decoder = MetricEventDecoder()
        var queues: [Int32: [(timestamp: Int64, line: [UInt8])]] = [:]
        try range.read { record, _, bytes in
            let value = bytes.value(of: record)
            switch decoder.result(value) {
            case .success(let event) where selection.contains(event):
                queues[record.partition, default: []].append(
                    (record.timestamp ?? event.observedAt.milliseconds, Array(value) + [0x0A]))
            case .success:
                summary.outsideSelection += 1
            case .failure(let error):
                summary.invalid.append("\(record.partition)/\(record.offset): \(error)")
            }
        }
        // A k-way merge by timestamp that never reorders a partition.
        var heads = queues.mapValues { _ in 0 }
        let order = queues.keys.sorted()
        while true {
            var next: (partition: Int32, timestamp: Int64)?
            for partition in order {
                guard let index = heads[partition], let queue = queues[partition], index < queue.count else { continue }
                if next == nil || queue[index].timestamp < next?.timestamp ?? .max {
                    next = (partition, queue[index].timestamp)
                }
            }
            guard let chosen = next, let index = heads[chosen.partition], let queue = queues[chosen.partition] else {
                break
            }
            try write(queue[index].line)
            heads[chosen.partition] = index + 1
            summary.written += 1
        }
        return summary
    }
}
