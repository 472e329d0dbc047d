import KafkaClient

/// A batch whose partition slices run on the other threads while the worker polls the next batch:
/// librdkafka's per-message work in the poll (taking, copying and freeing messages) then overlaps
/// with decoding and the engine instead of leaving the other cores idle.
struct InFlightBatch {
    let batch: KafkaMessageBatch
    let started = ContinuousClock.now
    /// Per partition of the batch, the offset after its last record.
    let ends: [Int32: Int64]
    private let job: BackgroundJob<[PartitionSlice]>

    /// Starts running `slices` of `batch` through their partitions' pipelines.
    init(_ batch: KafkaMessageBatch, slices: consuming [PartitionSlice], topic: String, utcOffsetSeconds: Int) {
        self.batch = batch
        ends = Dictionary(
            slices.compactMap { slice in slice.records.last.map { (slice.number, batch.records[$0].offset + 1) } },
            uniquingKeysWith: max)
        job = BackgroundJob(slices) { slices in
            batch.withUnsafeBytes { bytes in
                // Partitions share no state: they run on every core.
                Parallel.forEach(&slices) { _, slice in
                    slice.run(batch, bytes: bytes, topic: topic, utcOffsetSeconds: utcOffsetSeconds)
                }
            }
            return slices
        }
    }

    /// Waits until every slice has run and hands them back, in the order they were given; once.
    func finish() -> [PartitionSlice] { job.wait() }
}
