import KafkaClient
import ParkMetrics
import ParkRules
import StreamEngine

/// One partition's records of a batch and what they produced. A partition's slices run in order
/// (`PartitionLanes`); slices of different partitions share nothing and run in parallel, their
/// outputs written per partition in order (ARCHITECTURE.md §2: per-partition order is what counts).
struct PartitionSlice {
    var number: Int32
    /// The batch the records are in (kept alive until the outputs are written).
    let batch: KafkaMessageBatch
    /// The batch's sequence number in the worker, for its per-batch figures.
    let batchSequence: Int
    /// Positions in the batch's records.
    var records: [Int] = []
    var output = Output()

    /// What the records produced, applied by the worker afterwards.
    struct Output {
        var events = 0
        var duplicates = 0
        /// Rejected input: the record's position, the reason code for the counters, the reason
        /// text, and whether its dead letter is still to be written (not before a restore).
        var rejected: [(record: Int, code: String, reason: String, write: Bool)] = []
        /// Alert transitions not yet written, in order.
        var alerts: [AlertEvent] = []
    }

    /// A batch's records grouped by partition, each partition's in order; `sequence` is the batch's
    /// number in the worker.
    static func slices(of batch: KafkaMessageBatch, sequence: Int) -> [PartitionSlice] {
        var slices: [PartitionSlice] = []
        var slot: [Int32: Int] = [:]
        // A partition's records come in runs (a fetch response's worth): look the slot up once a run.
        var last: (partition: Int32, index: Int) = (-1, -1)
        for (position, record) in batch.records.enumerated() {
            if record.partition == last.partition {
                slices[last.index].records.append(position)
            } else if let index = slot[record.partition] {
                slices[index].records.append(position)
                last = (record.partition, index)
            } else {
                last = (record.partition, slices.count)
                slot[record.partition] = slices.count
                slices.append(
                    PartitionSlice(number: record.partition, batch: batch, batchSequence: sequence, records: [position])
                )
            }
        }
        return slices
    }

    /// Runs the slice's records through the partition's pipeline. Pure apart from the slice and `work`.
    mutating func run(_ work: inout PartitionWork, topic: String, utcOffsetSeconds: Int) {
        let batch = batch
        batch.withUnsafeBytes { bytes in
            for position in records {
                run(
                    batch.records[position], at: position, bytes: bytes, work: &work, topic: topic,
                    utcOffsetSeconds: utcOffsetSeconds)
            }
        }
    }

    @inline(__always)
    private mutating func run(
        _ record: KafkaRecord, at position: Int, bytes: KafkaRecordBytes, work: inout PartitionWork,
        topic: String, utcOffsetSeconds: Int
    ) {
        guard record.offset >= work.nextOffset else { return }  // already processed before a restore
        work.nextOffset = record.offset + 1
        output.events += 1
        let event: MetricEvent
        do throws(MetricEventError) {
            event = try work.decoder.decode(bytes.value(of: record))
        } catch {
            output.rejected.append(
                (position, error.code.rawValue, error.description, record.offset > work.deadLettersThrough))
            return
        }
        let step = work.pipeline.process(event)
        switch step.outcome {
        case .accepted:
            if let park = step.park { work.touched.touch(parkIndex: park, metric: event.metric) }
        case .duplicate: output.duplicates += 1
        case .late: output.rejected.append((position, "late", "late", record.offset > work.deadLettersThrough))
        case .invalid:
            output.rejected.append((position, "invalid", "invalid", record.offset > work.deadLettersThrough))
        }
        guard !step.transitions.isEmpty else { return }  // nearly every event: no source to make
        let source = AlertSource.kafka(topic: topic, partition: record.partition, offset: record.offset)
        for (index, transition) in step.transitions.enumerated()
        where !work.isWritten(offset: record.offset, index: index) {
            output.alerts.append(AlertEvent(transition: transition, source: source, offsetSeconds: utcOffsetSeconds))
        }
    }
}
