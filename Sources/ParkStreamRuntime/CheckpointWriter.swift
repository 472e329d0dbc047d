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
/// Revoke and shutdown write synchronously, after any write in progress, and without waiting for
/// Alertmanager (the worker's `run` and rebalance hook say why).
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
        /// The writer's `cancelAndPurge()` count when the job was made: a job made before the last
        /// cancel sends nothing more.
        var generation: Int
    }

    /// What a finished background write leaves for the worker thread.
    struct Completion {
        var offsets: [Int32: Int64]
        var error: (any Error)?
        /// The parts written, for a completion that timed out: their touched aggregates go back.
        var parts: [Part] = []
        /// The job was cancelled (its partitions released); its error says nothing about the others.
        var cancelled = false
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
    /// How many times `cancelAndPurge()` ran.
    private var generation = 0

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
        return Job(parts: parts, outputs: producer.deliveryMark(outputs), generation: locked { generation })
    }

    /// How long a periodic checkpoint waits for sinks outside Kafka (Alertmanager) to accept the
    /// alerts it covers before it is deferred: a checkpoint interval, at most 2 s (a healthy
    /// Alertmanager answers in milliseconds; a shutdown waits for a round in progress first).
    static func otherSinksWait(_ configuration: WorkerConfiguration) -> Duration {
        min(configuration.checkpointInterval, .seconds(2))
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
                completion.offsets = try write(
                    job, committingTo: consumer, until: .now + .seconds(60),
                    waitingForOtherSinks: Self.otherSinksWait(configuration))
            } catch {
                completion.error = error
                completion.parts = job.parts
            }
            locked {
                completion.cancelled = job.generation != generation
                completions.append(completion)
                running = false
                condition.broadcast()
            }
        }
        thread.name = "parkstream-checkpoints"
        thread.start()
        return true
    }

    /// Drops every message the producer has not had acknowledged (`KafkaProducer.purge()`) and
    /// makes every job made before, the background one included, send nothing more: for a worker
    /// releasing partitions whose outputs it could not write in time. Returns how many were dropped.
    func cancelAndPurge() -> Int {
        // Under the lock that a job holds while it sends: its messages are either purged or never sent.
        locked {
            generation += 1
            return producer.purge()
        }
    }

    /// Sends with `body` unless `job` was cancelled.
    private func send(for job: Job, _ body: () throws -> Void) throws {
        condition.lock()
        defer { condition.unlock() }
        guard job.generation == generation else {
            throw KafkaError(code: .state, reason: "checkpoint cancelled: its partitions were released")
        }
        try body()
    }

    /// Waits until no background write runs; false when one still runs at `deadline`.
    func waitUntilIdle(until deadline: ContinuousClock.Instant) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while running {
            if !condition.wait(until: deadline) { return !running }
        }
        return true
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

    /// Writes `job` and waits for it, every wait ending by `deadline`; first, when `sinkTimeout` is
    /// given, for the sinks outside Kafka (Alertmanager: they keep their own queues) to accept what
    /// they hold, up to that long. Returns each partition's checkpointed next offset.
    func write(
        _ job: Job, committingTo consumer: KafkaConsumer?, until deadline: ContinuousClock.Instant,
        waitingForOtherSinks sinkTimeout: Duration?
    ) throws -> [Int32: Int64] {
        let parts = job.parts.sorted { $0.number < $1.number }
        guard !parts.isEmpty else { return [:] }
        let started = ContinuousClock.now
        let layout = configuration.layout
        if let sinkTimeout {
            for sink in sinks where !(sink is KafkaAlertSink) {
                try sink.flush(timeout: min(sinkTimeout, remaining(until: deadline)))
            }
        }
        try waitForDeliveries(through: job.outputs, until: deadline)
        // The aggregates, acknowledged before the checkpoints that no longer list them as changed.
        try send(for: job) { for part in parts { try writeAggregates(of: part) } }
        try waitForDeliveries(
            through: producer.deliveryMark(
                parts.map { KafkaTopicPartition(topic: layout.aggregates, partition: $0.number) }),
            until: deadline)
        let encoded = parts.map {
            (
                number: $0.number,
                bytes: $0.pipeline.checkpoint(nextOffset: $0.nextOffset, metadata: configuration.rulesFingerprint)
            )
        }
        try send(for: job) {
            for (number, bytes) in encoded {
                try Array("\(layout.metrics)/\(number)".utf8).withUnsafeBytes { key in
                    try bytes.withUnsafeBytes { value in
                        try producer.send(to: checkpointTopic, partition: number, key: key, value: value)
                    }
                }
            }
        }
        let written = encoded.reduce(0) { $0 + $1.bytes.count }
        let offsets = Dictionary(uniqueKeysWithValues: parts.map { ($0.number, $0.nextOffset) })
        try waitForDeliveries(
            through: producer.deliveryMark(
                parts.map { KafkaTopicPartition(topic: layout.checkpoints, partition: $0.number) }),
            until: deadline)
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
    private func waitForDeliveries(through mark: KafkaDeliveryMark, until deadline: ContinuousClock.Instant) throws {
        if producer.countsDeliveriesPerPartition {
            try producer.waitForDeliveries(through: mark, timeout: remaining(until: deadline))
        } else {
            try producer.flush(timeout: remaining(until: deadline))
        }
    }

    private func remaining(until deadline: ContinuousClock.Instant) -> Duration {
        max(.milliseconds(1), deadline - ContinuousClock.now)
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
