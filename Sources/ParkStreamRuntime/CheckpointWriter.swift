import Foundation
import KafkaClient
import Logging
import ParkMetrics
import ParkRules
import StreamEngine

/// Writes a worker's checkpoints (ARCHITECTURE.md §2): waits until the outputs of the partitions'
/// input up to their checkpoint (alerts and dead letters, on the partitions numbered like the
/// input's) are acknowledged, then writes the changed aggregates, waits for them, writes one
/// checkpoint per partition, waits for those, and commits the offsets (for lag monitoring only).
///
/// The periodic checkpoints run on a thread of their own from copies of the partitions' state
/// (copy-on-write: the worker's next change to each array copies it once), so the worker keeps
/// processing meanwhile: the waits are for the messages sent before the copy (per-partition
/// delivery marks), not a flush, which would also wait for everything the worker sends meanwhile.
/// Revoke and shutdown write synchronously, after any write in progress.
final class CheckpointWriter: @unchecked Sendable {  // mutable state only under `condition`.
    /// One partition's state as of a checkpoint.
    struct Part: Sendable {
        var number: Int32
        var pipeline: PartitionPipeline
        var nextOffset: Int64
        /// Parks and metrics whose aggregates changed since the previous checkpoint, in order.
        var touched: [ParkMetric]
    }

    /// Partitions' state and the outputs sent for it, taken together on the worker thread.
    struct Job: Sendable {
        var parts: [Part]
        /// The alerts and dead letters sent so far to those partitions.
        var outputs: KafkaDeliveryMark
    }

    /// What a finished background write leaves for the worker thread.
    struct Completion {
        var offsets: [Int32: Int64]
        var error: (any Error)?
    }

    private let configuration: WorkerConfiguration
    private let producer: KafkaProducer
    private let sinks: [any AlertSink]
    private let checkpointTopic: KafkaProducerTopic
    private let aggregateTopic: KafkaProducerTopic
    private let logger: Logger
    /// Guards `running` and `completions`, and signals the end of a background write.
    private let condition = NSCondition()
    private var running = false
    private var completions: [Completion] = []

    init(
        configuration: WorkerConfiguration, producer: KafkaProducer, sinks: [any AlertSink], logger: Logger
    ) throws {
        self.configuration = configuration
        self.producer = producer
        self.sinks = sinks
        self.logger = logger
        self.checkpointTopic = try producer.topic(configuration.layout.checkpoints)
        self.aggregateTopic = try producer.topic(configuration.layout.aggregates)
    }

    /// Whether a background write is in progress.
    var isRunning: Bool { locked { running } }

    /// The job of checkpointing `parts` now.
    func job(_ parts: [Part]) -> Job {
        let layout = configuration.layout
        let outputs = parts.flatMap {
            [
                KafkaTopicPartition(topic: layout.alerts, partition: $0.number),
                KafkaTopicPartition(topic: layout.deadLetters, partition: $0.number),
            ]
        }
        return Job(parts: parts, outputs: producer.deliveryMark(outputs))
    }

    /// Starts `job` on a thread of its own; false (nothing started) while a write runs.
    func start(_ job: Job, committingTo consumer: KafkaConsumer?) -> Bool {
        let started = locked {
            guard !running else { return false }
            running = true
            return true
        }
        guard started else { return false }
        let thread = Thread { [self] in
            var completion = Completion(offsets: [:])
            do {
                completion.offsets = try write(job, committingTo: consumer)
            } catch {
                completion.error = error
            }
            locked {
                completions.append(completion)
                running = false
                condition.broadcast()
            }
        }
        thread.name = "parkstream-checkpoints"
        thread.start()
        return true
    }

    /// Waits until no background write runs.
    func waitUntilIdle() {
        condition.lock()
        while running { condition.wait() }
        condition.unlock()
    }

    /// The background writes finished since the last call, oldest first.
    func takeCompletions() -> [Completion] {
        locked {
            defer { completions.removeAll() }
            return completions
        }
    }

    private func locked<Result>(_ body: () -> Result) -> Result {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    /// Writes `job` and waits for it; returns each partition's checkpointed next offset.
    func write(_ job: Job, committingTo consumer: KafkaConsumer?) throws -> [Int32: Int64] {
        let parts = job.parts.sorted { $0.number < $1.number }
        guard !parts.isEmpty else { return [:] }
        let started = ContinuousClock.now
        let layout = configuration.layout
        // Sinks outside Kafka (Alertmanager) keep their own queues.
        for sink in sinks where !(sink is KafkaAlertSink) { try sink.flush(timeout: .seconds(60)) }
        try waitForDeliveries(through: job.outputs)
        // The aggregates, acknowledged before the checkpoints that no longer list them as changed.
        for part in parts { try writeAggregates(of: part) }
        try waitForDeliveries(
            through: producer.deliveryMark(
                parts.map { KafkaTopicPartition(topic: layout.aggregates, partition: $0.number) }))
        var written = 0
        var offsets: [Int32: Int64] = [:]
        for part in parts {
            let bytes = part.pipeline.checkpoint(nextOffset: part.nextOffset, metadata: configuration.rulesFingerprint)
            written += bytes.count
            let key = "\(layout.metrics)/\(part.number)"
            try Array(key.utf8).withUnsafeBytes { key in
                try bytes.withUnsafeBytes { value in
                    try producer.send(to: checkpointTopic, partition: part.number, key: key, value: value)
                }
            }
            offsets[part.number] = part.nextOffset
        }
        try waitForDeliveries(
            through: producer.deliveryMark(
                parts.map { KafkaTopicPartition(topic: layout.checkpoints, partition: $0.number) }))
        logger.debug("checkpointed \(parts.count) partitions, \(written) bytes, in \(ContinuousClock.now - started)")
        do {
            try consumer?.commit(
                Dictionary(
                    uniqueKeysWithValues: offsets.map {
                        (KafkaTopicPartition(topic: layout.metrics, partition: $0.key), $0.value)
                    }))
        } catch let error as KafkaError where error.code.name == "REBALANCE_IN_PROGRESS" {
            // A member joined or left meanwhile (every shutdown does): the next checkpoint commits.
            logger.debug("offset commit skipped: \(error)")
        } catch {
            // Offsets are committed for lag monitoring only; the checkpoint is what restores.
            logger.warning("offset commit failed: \(error)")
        }
        return offsets
    }

    /// Waits for the messages of `mark`; a producer that does not count them per partition is
    /// flushed instead (correct, but it also waits for whatever other threads send meanwhile).
    private func waitForDeliveries(through mark: KafkaDeliveryMark) throws {
        if producer.countsDeliveriesPerPartition {
            try producer.waitForDeliveries(through: mark, timeout: .seconds(60))
        } else {
            try producer.flush(timeout: .seconds(60))
        }
    }

    /// The current aggregates of every park × metric that changed since the previous checkpoint, to
    /// the compacted aggregates topic.
    private func writeAggregates(of part: Part) throws {
        let zone = configuration.engine.zone
        let engine = part.pipeline.engine
        for item in part.touched {
            for window in AggregateRecord.windows(configuration.engine) {
                guard let aggregate = engine.aggregate(park: item.park, metric: item.metric, window: window) else {
                    continue
                }
                let record = AggregateRecord(
                    park: item.park, metric: item.metric, window: window, aggregate: aggregate,
                    asOf: engine.clock(of: item.park))
                try Array(record.key.utf8).withUnsafeBytes { key in
                    try Array(record.json(zone: zone).utf8).withUnsafeBytes { value in
                        try producer.send(to: aggregateTopic, partition: part.number, key: key, value: value)
                    }
                }
            }
        }
    }
}
