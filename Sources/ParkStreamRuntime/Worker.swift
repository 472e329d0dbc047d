import Dispatch
import KafkaClient
import Logging
import ParkMetrics
import ParkRules
import StreamEngine

/// A ParkStream worker: one member of the consumer group that turns metric events into aggregates
/// and alerts (ARCHITECTURE.md §2).
///
/// Crash safety without Kafka transactions: every few seconds, on revoke and on shutdown, each
/// assigned partition's whole pipeline state and next offset go to `<group>-checkpoints` (same
/// partition number, key `topic/partition`), after the outputs they cover are acknowledged. On
/// assignment the worker restores the latest checkpoint, seeks to its offset, and reads the tail of
/// the alerts partition so that transitions already written are not written again; the pipeline is
/// deterministic, so what it recomputes is what was lost. Group offsets are committed for lag
/// monitoring only.
///
/// Drive it from one dedicated thread: `run` blocks, and the rebalance hook runs inside its polls.
public final class Worker: @unchecked Sendable {  // used from the thread that calls `run`, as documented.
    let configuration: WorkerConfiguration
    let logger: Logger
    let producer: KafkaProducer
    let sinks: [any AlertSink]
    private(set) var consumer: KafkaConsumer?
    var partitions: [Int32: PartitionWork] = [:]
    private var lastCheckpoint = ContinuousClock.now
    /// When engine copies and firing alerts last went to the observer: at most once a second, as
    /// the worker's next write to an engine shared with the ops port copies that array.
    private var lastSnapshot = ContinuousClock.now - .seconds(60)
    /// Whether batches ran since the last engine copies went to the observer.
    private var snapshotPending = false
    let deadLetters: DeadLetterWriter
    let checkpointTopic: KafkaProducerTopic
    let aggregateTopic: KafkaProducerTopic
    /// Set when a partition could not be restored: the worker stops instead of guessing.
    var fatalStop: (any Error)?
    /// Counters for the ops port and the logs.
    public internal(set) var statistics = WorkerStatistics()
    /// Told about batches, assignments and checkpoints (an ops port); set before `run`.
    public var observer: (any WorkerObserver)?

    /// A worker writing alerts to `sinks` (the alerts-topic sink among them, over `producer`).
    public init(configuration: WorkerConfiguration, producer: KafkaProducer, sinks: [any AlertSink], logger: Logger)
        throws
    {
        self.configuration = configuration
        self.producer = producer
        self.sinks = sinks
        self.logger = logger
        self.deadLetters = DeadLetterWriter(
            producer: producer, topic: try producer.topic(configuration.layout.deadLetters))
        self.checkpointTopic = try producer.topic(configuration.layout.checkpoints)
        self.aggregateTopic = try producer.topic(configuration.layout.aggregates)
    }

    /// Joins the group and processes batches until `shouldStop` answers true; then checkpoints every
    /// partition, leaves the group and returns.
    public func run(shouldStop: () -> Bool) throws {
        var consumerConfiguration = KafkaConsumerConfiguration(
            client: configuration.client, groupID: configuration.layout.group)
        consumerConfiguration.client.clientID = "parkstream-worker-\(configuration.instanceID)"
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: logger) { [unowned self] event in
            self.rebalance(event)
        }
        self.consumer = consumer
        try consumer.subscribe([configuration.layout.metrics])
        while !shouldStop() {
            let batch = try consumer.poll(maxMessages: configuration.batchSize, timeout: .milliseconds(50))
            if let fatalStop { throw fatalStop }
            try process(batch)
            if batch.records.isEmpty, snapshotPending, let observer {
                // Idle: the ops port gets the latest state now rather than at the next batch.
                var update = report(since: statistics, snapshot: true)
                update.isIdleUpdate = true
                observer.workerProcessed(update)
            }
            if configuration.stopWhenCaughtUp, batch.records.isEmpty, try isCaughtUp(consumer) {
                logger.info("caught up: every assigned partition is processed to its end")
                break
            }
            if ContinuousClock.now - lastCheckpoint >= configuration.checkpointInterval {
                try checkpointAll(onlyMoved: true)
            }
        }
        try checkpointAll()
        try consumer.close()
        self.consumer = nil
        for sink in sinks { try sink.flush(timeout: .seconds(10)) }
    }

    /// True when partitions are assigned and each one's next offset has reached its end.
    private func isCaughtUp(_ consumer: KafkaConsumer) throws -> Bool {
        guard !partitions.isEmpty else { return false }
        for (number, work) in partitions {
            let partition = KafkaTopicPartition(topic: configuration.layout.metrics, partition: number)
            let (low, high) = try consumer.watermarks(partition, timeout: .seconds(5))
            if high > low && work.nextOffset < high { return false }
        }
        return true
    }

    // MARK: - Processing

    private func process(_ batch: KafkaMessageBatch) throws {
        guard !batch.records.isEmpty else { return }
        let started = ContinuousClock.now
        let before = statistics
        var slices = takeSlices(of: batch)
        let topic = configuration.layout.metrics
        let utcOffset = Int(configuration.engine.zone.utcOffsetSeconds)
        batch.withUnsafeBytes { bytes in
            if slices.count == 1 {
                slices[0].run(batch, bytes: bytes, topic: topic, utcOffsetSeconds: utcOffset)
                return
            }
            // Partitions share no state: run them on every core, then write their outputs in order.
            slices.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let shared = (slices: buffer, bytes: bytes)
                DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                    shared.slices[index].run(batch, bytes: shared.bytes, topic: topic, utcOffsetSeconds: utcOffset)
                }
            }
        }
        for slice in slices { partitions[slice.number] = slice.work }
        try batch.withUnsafeBytes { bytes in
            for slice in slices { try write(slice.output, of: batch, bytes: bytes) }
        }
        statistics.batches += 1
        statistics.lastBatchDuration = ContinuousClock.now - started
        if let observer { observer.workerProcessed(report(since: before)) }
    }

    private func report(since before: WorkerStatistics, snapshot forced: Bool = false) -> WorkerBatchReport {
        var rejected: [String: Int] = [:]
        for (reason, count) in statistics.rejected where count != before.rejected[reason] ?? 0 {
            rejected[reason] = count - (before.rejected[reason] ?? 0)
        }
        var lag: [Int32: Int64] = [:]
        var engines: [Int32: PartitionEngine] = [:]
        var firing: [Int32: [AlertEvent]] = [:]
        let transitions = statistics.alerts != before.alerts
        let snapshot = forced || transitions || ContinuousClock.now - lastSnapshot >= .seconds(1)
        if snapshot { lastSnapshot = ContinuousClock.now }
        snapshotPending = !snapshot
        for (number, work) in partitions {
            let partition = KafkaTopicPartition(topic: configuration.layout.metrics, partition: number)
            if let high = consumer?.cachedWatermarks(partition)?.high { lag[number] = max(0, high - work.nextOffset) }
            guard snapshot else { continue }
            engines[number] = work.pipeline.engine
            let source = AlertSource.kafka(
                topic: configuration.layout.metrics, partition: number, offset: work.nextOffset - 1)
            firing[number] = work.pipeline.firing.map {
                AlertEvent(
                    transition: $0, source: source, offsetSeconds: Int(configuration.engine.zone.utcOffsetSeconds))
            }
        }
        return WorkerBatchReport(
            events: statistics.eventsIn - before.eventsIn, duration: statistics.lastBatchDuration, rejected: rejected,
            duplicates: statistics.duplicates - before.duplicates, fired: statistics.fired - before.fired,
            resolved: statistics.resolved - before.resolved, lag: lag, engines: engines, firing: firing)
    }

    /// The batch's records grouped by partition, each group holding its partition's state, which
    /// leaves `partitions` meanwhile (a shared copy would be copied whole on the first change).
    /// Records of partitions revoked meanwhile are dropped.
    private func takeSlices(of batch: KafkaMessageBatch) -> [PartitionSlice] {
        var slices: [PartitionSlice] = []
        var slot: [Int32: Int] = [:]
        for (position, record) in batch.records.enumerated() {
            if let index = slot[record.partition] {
                slices[index].records.append(position)
            } else if let work = partitions.removeValue(forKey: record.partition) {
                slot[record.partition] = slices.count
                slices.append(PartitionSlice(number: record.partition, records: [position], work: work))
            }
        }
        return slices
    }

    /// Writes a slice's dead letters and alerts and counts them.
    private func write(_ output: PartitionSlice.Output, of batch: KafkaMessageBatch, bytes: UnsafeRawBufferPointer)
        throws
    {
        statistics.eventsIn += output.events
        statistics.duplicates += output.duplicates
        for rejected in output.rejected {
            statistics.count(rejected: rejected.code)
            guard rejected.write else { continue }
            try deadLetters.write(batch.records[rejected.record], in: batch, bytes: bytes, reason: rejected.reason)
        }
        for alert in output.alerts {
            for sink in sinks { try sink.deliver(alert) }
            statistics.alerts += 1
            if alert.transition.state == .firing { statistics.fired += 1 } else { statistics.resolved += 1 }
        }
    }

    // MARK: - Checkpoints

    /// Waits until every output so far is acknowledged, then writes one checkpoint per partition.
    /// `onlyMoved`: skip partitions whose offset has not moved since their last checkpoint (the
    /// periodic case; revoke and shutdown write every partition).
    func checkpointAll(onlyMoved: Bool = false) throws {
        let numbers = partitions.filter { !onlyMoved || $0.value.nextOffset != $0.value.checkpointedOffset }.map(\.key)
        try checkpoint(numbers)
        lastCheckpoint = ContinuousClock.now
    }

    func checkpoint(_ numbers: [Int32]) throws {
        guard !numbers.isEmpty else { return }
        for sink in sinks { try sink.flush(timeout: .seconds(60)) }
        var offsets: [KafkaTopicPartition: Int64] = [:]
        try writeAggregates(numbers)
        for number in numbers.sorted() {
            guard let work = partitions[number] else { continue }
            let bytes = work.pipeline.checkpoint(nextOffset: work.nextOffset, metadata: configuration.rulesFingerprint)
            let key = "\(configuration.layout.metrics)/\(number)"
            try Array(key.utf8).withUnsafeBytes { key in
                try bytes.withUnsafeBytes { value in
                    try producer.send(to: checkpointTopic, partition: number, key: key, value: value)
                }
            }
            offsets[KafkaTopicPartition(topic: configuration.layout.metrics, partition: number)] = work.nextOffset
            partitions[number]?.checkpointedOffset = work.nextOffset
        }
        try producer.flush(timeout: .seconds(60))
        statistics.checkpoints += numbers.count
        observer?.workerCheckpointed(numbers)
        do {
            try consumer?.commit(offsets)
        } catch {
            // Offsets are committed for lag monitoring only; the checkpoint is what restores.
            logger.warning("offset commit failed: \(error)")
        }
    }
}

extension Worker {
    /// Writes the current aggregates of every park × metric that changed since the last
    /// checkpoint to the compacted aggregates topic, then waits until every output is acknowledged.
    func writeAggregates(_ numbers: [Int32]) throws {
        let windows = AggregateRecord.windows(configuration.engine)
        let zone = configuration.engine.zone
        for number in numbers.sorted() {
            guard var work = partitions[number] else { continue }
            let engine = work.pipeline.engine
            for item in work.touched.sorted(by: { ($0.park, $0.metric.rawValue) < ($1.park, $1.metric.rawValue) }) {
                for window in windows {
                    guard let aggregate = engine.aggregate(park: item.park, metric: item.metric, window: window) else {
                        continue
                    }
                    let record = AggregateRecord(
                        park: item.park, metric: item.metric, window: window, aggregate: aggregate,
                        asOf: engine.clock(of: item.park))
                    try Array(record.key.utf8).withUnsafeBytes { key in
                        try Array(record.json(zone: zone).utf8).withUnsafeBytes { value in
                            try producer.send(to: aggregateTopic, partition: number, key: key, value: value)
                        }
                    }
                }
            }
            work.touched.removeAll(keepingCapacity: true)
            partitions[number] = work
        }
        try producer.flush(timeout: .seconds(60))
    }
}
