import Dispatch
import KafkaClient

/// A batch whose partition slices run on the other threads while the worker polls the next batch:
/// librdkafka's per-message work in the poll (taking, copying and freeing messages) then overlaps
/// with decoding and the engine instead of leaving the other cores idle.
///
/// `@unchecked Sendable`: `slices` is written only by the job `start` dispatches and read only after
/// `finish` has waited for that job; the batch is immutable.
final class InFlightBatch: @unchecked Sendable {
    let batch: KafkaMessageBatch
    let started: ContinuousClock.Instant
    private var slices: [PartitionSlice]
    private let done = DispatchGroup()

    /// Starts running `slices` of `batch` through their partitions' pipelines.
    init(_ batch: KafkaMessageBatch, slices: [PartitionSlice], topic: String, utcOffsetSeconds: Int) {
        self.batch = batch
        self.slices = slices
        self.started = ContinuousClock.now
        done.enter()
        DispatchQueue.global().async { [self] in
            batch.withUnsafeBytes { bytes in
                // Partitions share no state: they run on every core.
                Parallel.forEach(&self.slices) { _, slice in
                    slice.run(batch, bytes: bytes, topic: topic, utcOffsetSeconds: utcOffsetSeconds)
                }
            }
            done.leave()
        }
    }

    /// Waits until every slice has run and returns them, in the order they were given.
    func finish() -> [PartitionSlice] {
        done.wait()
        return slices
    }
}
