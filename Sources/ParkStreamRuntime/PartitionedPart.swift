import KafkaClient
import ParkMetrics

extension KafkaPartitioner {
    /// The partition of `park` among `partitions`: murmur2 of its id, as `publish` keys events and
    /// as replay, the alerts sink and the Java client place them.
    static func partition(of park: ParkID, partitions: Int32) -> Int32 {
        partition(forKey: park.rawValue.utf8, partitions: partitions)
    }
}

/// What a `PartitionedPart` keeps of a valid line.
protocol PartitionedElement {
    init(line: MetricEventDecoder.Line, event: MetricEvent)
}

/// One part of an NDJSON window decoded in parallel (`WindowedDecoding`): its valid events by the
/// partition of their park, each partition's in input order, and its rejected lines in input order.
/// Replay runs each partition's events through its pipeline; publish sends a partition at a time.
struct PartitionedPart<Element: PartitionedElement> {
    var byPartition: [[Element]]
    var rejected: [(line: MetricEventDecoder.Line, error: MetricEventDecoder.LineError)] = []

    init(partitions: Int32) {
        byPartition = Array(repeating: [], count: Int(partitions))
    }

    /// Lines read: valid and rejected (blank lines are not read).
    var lines: Int { byPartition.reduce(rejected.count) { $0 + $1.count } }

    /// Empties the part for the next window, keeping its buffers.
    mutating func reset() {
        for index in byPartition.indices { byPartition[index].removeAll(keepingCapacity: true) }
        rejected.removeAll(keepingCapacity: true)
    }
}

extension WindowedDecoding {
    /// Windows of `input` whose parts keep each valid line as an `Element` under its park's
    /// partition among `partitions`.
    static func byPartition<Element>(_ input: UnsafeRawBufferPointer, windowBytes: Int, partitions: Int32)
        -> WindowedDecoding<PartitionedPart<Element>> where Output == PartitionedPart<Element>
    {
        WindowedDecoding(
            input, windowBytes: windowBytes, into: { PartitionedPart(partitions: partitions) }, reset: { $0.reset() }
        ) { part, line, outcome in
            switch consume outcome {
            case .success(let event):
                let partition = KafkaPartitioner.partition(of: event.parkID, partitions: partitions)
                part.byPartition[Int(partition)].append(Element(line: line, event: event))
            case .failure(let error):
                part.rejected.append((line, error))
            }
        }
    }
}
