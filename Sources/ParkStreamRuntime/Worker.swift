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
    /// The partition the periodic checkpoint took last.
    private var checkpointCursor: Int32 = -1
    /// When engine copies and firing alerts last went to the observer: at most once a second, as
    /// the worker's next write to an engine shared with the ops port copies that array.
    private var lastSnapshot = ContinuousClock.now - .seconds(60)
    /// Whether batches ran since the last engine copies went to the observer.
    private var snapshotPending = false
    let deadLetters: DeadLetterWriter
    let checkpoints: CheckpointWriter
    /// Set when a partition could not be restored, or a batch's outputs could not be written inside
    /// a rebalance: the worker stops instead of guessing.
    var fatalStop: (any Error)?
    /// The partitions processed on the other threads while the worker polls and writes outputs;
    /// their state is out of `partitions` until `finishInFlight()`.
    private let lanes: PartitionLanes
    /// Per batch handed to the lanes and not yet written: when it was polled and how many of its
    /// slices are still to be written (for the batch figures).
    private var batchesInFlight: [Int: (polled: ContinuousClock.Instant, slices: Int)] = [:]
    private var batchSequence = 0
    /// Counters for the ops port and the logs.
    public internal(set) var statistics = WorkerStatistics()
    /// The counters as the observer last heard them: each batch report carries what changed since,
    /// including what happened between batches (input lost to retention, found on assignment).
    private var reported = WorkerStatistics()
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
        self.checkpoints = try CheckpointWriter(
            configuration: configuration, producer: producer, sinks: sinks, logger: logger)
        self.lanes = PartitionLanes(
            topic: configuration.layout.metrics, utcOffsetSeconds: Int(configuration.engine.zone.utcOffsetSeconds))
    }

    /// Joins the group and processes batches until `shouldStop` answers true; then checkpoints every
    /// partition, leaves the group and returns. Alertmanager down does not hold the shutdown up
    /// (`settleOtherSinks`).
    public func run(shouldStop: () -> Bool) throws {
        var consumerConfiguration = KafkaConsumerConfiguration(
            client: configuration.client, groupID: configuration.layout.group)
        consumerConfiguration.client.clientID = "parkstream-worker-\(configuration.instanceID)"
        consumerConfiguration.readsHeaders = false  // metric events carry none the worker reads
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: logger) { [weak self] event in
            self?.rebalance(event) ?? [:]
        }
        self.consumer = consumer
        try consumer.subscribe([configuration.layout.metrics])
        do {
            try process(consumer, until: shouldStop)
            try finishInFlight()
            try checkpointNow()
        } catch {
            abandon(consumer, after: error)
            throw error
        }
        // Before leaving the group: leaving releases the partitions' firing alerts from the sinks.
        settleOtherSinks(within: .seconds(1))
        try consumer.close()
        self.consumer = nil
        for sink in sinks where sink is KafkaAlertSink { try sink.flush(timeout: .seconds(10)) }
    }

    /// At shutdown, gives the sinks outside Kafka (Alertmanager) up to `timeout` to deliver what
    /// they hold, then goes on without them, saying what they could not deliver. Nothing is lost
    /// for good: the partitions' next owner re-sends the alerts still firing (it adopts them from
    /// the checkpoint), and Alertmanager ends the resolved ones itself once no one re-sends them
    /// (its `resolve_timeout`). Waiting longer would keep a SIGTERM from ending the process while
    /// Alertmanager is down.
    private func settleOtherSinks(within timeout: Duration) {
        for sink in sinks where !(sink is KafkaAlertSink) {
            do {
                try sink.flush(timeout: timeout)
            } catch {
                logger.warning(
                    "stopping with alerts Alertmanager has not accepted (\(error)): the partitions' next owner re-sends those still firing; Alertmanager ends the resolved ones after its resolve_timeout"
                )
            }
        }
    }

    /// The batch loop of `run`.
    private func process(_ consumer: KafkaConsumer, until shouldStop: () -> Bool) throws {
        while !shouldStop() {
            // The rebalance hook, which runs inside the poll, finishes the work in flight first.
            let batch = try consumer.poll(maxMessages: configuration.batchSize, timeout: .milliseconds(50))
            if let fatalStop { throw fatalStop }
            submit(batch)
            // Polling runs at most a batch ahead of processing.
            lanes.waitUntil(outstandingAtMost: configuration.batchSize)
            // The partitions' state comes back once the lanes have run everything (at no cost
            // then), and at least once a second for the ops port's copies when they never do.
            if lanes.outstandingRecords == 0 || (snapshotPending && ContinuousClock.now - lastSnapshot >= .seconds(1)) {
                try finishInFlight()
            } else {
                try writeFinishedSlices()
            }
            if batch.records.isEmpty, snapshotPending, lanes.isEmpty, let observer {
                // Idle: the ops port gets the latest state now rather than at the next batch.
                var update = report(since: statistics, snapshot: true)
                update.isIdleUpdate = true
                observer.workerProcessed(update)
            }
            if configuration.stopWhenCaughtUp, hasPolledToTheEnd(consumer) {
                try finishInFlight()
                logger.info("caught up: every assigned partition is processed to its end")
                break
            }
            if ContinuousClock.now - lastCheckpoint >= checkpointSpacing {
                try checkpointNextMovedInBackground()
            }
        }
    }

    /// After a failure: drops every output not yet acknowledged (none may land once the group has
    /// moved the partitions; their next owner recomputes them from their checkpoints), forgets the
    /// partitions without checkpointing them, and leaves the group so that others take over now
    /// rather than after the session timeout.
    private func abandon(_ consumer: KafkaConsumer, after error: any Error) {
        _ = lanes.drain()
        batchesInFlight.removeAll()
        let released = partitions.keys.sorted()
        logger.critical("stopping after \(error): partitions \(released) released without a checkpoint")
        dropUnacknowledgedOutputs(releasing: released)
        partitions.removeAll()
        didRelease(released)
        do {
            try consumer.close()
        } catch {
            logger.warning("leaving the group failed: \(error)")
        }
        self.consumer = nil
    }

    /// True when partitions are assigned and every one has been polled up to the end its last
    /// fetch response reported (or holds nothing retention left): what `kcat -e` counts as the end,
    /// with no broker round trip (a watermark query waits behind the fetch the broker holds open,
    /// ~10 ms a partition).
    private func hasPolledToTheEnd(_ consumer: KafkaConsumer) -> Bool {
        let inFlightEnds = lanes.ends
        let numbers = Set(partitions.keys).union(inFlightEnds.keys)
        guard !numbers.isEmpty else { return false }
        return numbers.allSatisfy { number in
            let partition = KafkaTopicPartition(topic: configuration.layout.metrics, partition: number)
            guard let (low, high) = consumer.cachedWatermarks(partition) else { return false }
            return high <= low || (inFlightEnds[number] ?? partitions[number]?.nextOffset ?? 0) >= high
        }
    }

    // MARK: - Processing

    /// Hands a batch's records to their partitions' lanes (see `PartitionLanes`); records of
    /// partitions revoked meanwhile are dropped.
    private func submit(_ batch: KafkaMessageBatch) {
        guard !batch.records.isEmpty else { return }
        batchSequence += 1
        let submitted = PartitionSlice.slices(of: batch, sequence: batchSequence).count { slice in
            lanes.submit(slice) { partitions.removeValue(forKey: $0) }
        }
        if submitted > 0 { batchesInFlight[batchSequence] = (ContinuousClock.now, submitted) }
    }

    /// Writes the outputs of the slices the lanes finished meanwhile (each partition's in order).
    private func writeFinishedSlices() throws {
        let finished = lanes.takeFinished()
        guard !finished.isEmpty else { return }
        try write(finished)
    }

    /// Waits for the lanes of `numbers` (nil: every lane), puts their partitions back and writes
    /// every output finished; the partitions in `lost` are dropped with their outputs (another
    /// worker may own them already and would write those outputs again).
    func finishInFlight(_ numbers: Set<Int32>? = nil, discarding lost: Set<Int32> = []) throws {
        let (finished, works) = lanes.drain(numbers)
        for (number, work) in works where !lost.contains(number) { partitions[number] = work }
        try write(finished.filter { !lost.contains($0.number) })
        // What is left of the batches lost partitions had slices in will never be written.
        if lanes.isEmpty { batchesInFlight.removeAll() }
        for number in works.keys.sorted() where !lost.contains(number) { adoptFiringAlerts(of: number) }
    }

    /// Writes slices' outputs and counts them; tells the observer about the batches completed.
    private func write(_ slices: [PartitionSlice]) throws {
        var completed = 0
        for slice in slices {
            try writeOutput(of: slice)
            guard let batch = batchesInFlight[slice.batchSequence] else { continue }
            if batch.slices > 1 {
                batchesInFlight[slice.batchSequence]?.slices -= 1
            } else {
                batchesInFlight[slice.batchSequence] = nil
                statistics.batches += 1
                statistics.lastBatchDuration = ContinuousClock.now - batch.polled
                completed += 1
            }
        }
        guard completed > 0, let observer else { return }
        var update = report(since: reported, canSnapshot: lanes.isEmpty)
        update.batches = completed
        observer.workerProcessed(update)
        reported = statistics
    }

    /// The figures since `before`; with copies of the engines and firing alerts when `canSnapshot`
    /// (no partition is in a lane) and either `forced`, an alert changed or the last copies are a
    /// second old.
    private func report(since before: WorkerStatistics, snapshot forced: Bool = false, canSnapshot: Bool = true)
        -> WorkerBatchReport
    {
        var rejected: [String: Int] = [:]
        for (reason, count) in statistics.rejected where count != before.rejected[reason] ?? 0 {
            rejected[reason] = count - (before.rejected[reason] ?? 0)
        }
        var lag: [Int32: Int64] = [:]
        var engines: [Int32: PartitionEngine] = [:]
        var firing: [Int32: [AlertEvent]] = [:]
        let transitions = statistics.alerts != before.alerts
        let snapshot = canSnapshot && (forced || transitions || ContinuousClock.now - lastSnapshot >= .seconds(1))
        if snapshot { lastSnapshot = ContinuousClock.now }
        snapshotPending = !snapshot
        for (number, end) in lanes.ends {
            let partition = KafkaTopicPartition(topic: configuration.layout.metrics, partition: number)
            if let high = consumer?.cachedWatermarks(partition)?.high { lag[number] = max(0, high - end) }
        }
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
        var report = WorkerBatchReport(
            events: statistics.eventsIn - before.eventsIn, duration: statistics.lastBatchDuration, rejected: rejected,
            duplicates: statistics.duplicates - before.duplicates, fired: statistics.fired - before.fired,
            resolved: statistics.resolved - before.resolved, lag: lag, engines: engines, firing: firing)
        report.droppedOutputs = statistics.droppedOutputs - before.droppedOutputs
        return report
    }

    /// Writes a slice's dead letters and alerts and counts them.
    private func writeOutput(of slice: PartitionSlice) throws {
        let (output, batch) = (slice.output, slice.batch)
        statistics.eventsIn += output.events
        statistics.duplicates += output.duplicates
        try batch.withUnsafeBytes { bytes in
            for rejected in output.rejected {
                statistics.count(rejected: rejected.code)
                guard rejected.write else { continue }
                try deadLetters.write(batch.records[rejected.record], in: batch, bytes: bytes, reason: rejected.reason)
            }
        }
        for alert in output.alerts {
            for sink in sinks { try sink.deliver(alert) }
            statistics.alerts += 1
            if alert.transition.state == .firing { statistics.fired += 1 } else { statistics.resolved += 1 }
        }
    }

    // MARK: - Checkpoints

    /// How often the periodic checkpoint takes its next partition: each moved partition is written
    /// about once per `checkpointInterval`.
    private var checkpointSpacing: Duration { configuration.checkpointInterval / max(1, partitions.count) }

    /// The periodic checkpoint, one partition at a time: the next partition (in number order, after
    /// the previous one) that moved since its last checkpoint, written in the background while the
    /// worker goes on (skipped while the previous one is still being written). One at a time
    /// because the worker's next change to each structure the copy shares duplicates it, the dedup
    /// tables above all (tens of MB at 20,000 events/s): spread over the interval, that cost no
    /// longer lands on one batch and its alerts.
    private func checkpointNextMovedInBackground() throws {
        try applyCheckpointCompletions()
        guard !checkpoints.isRunning else { return }
        lastCheckpoint = ContinuousClock.now
        let moved = Set(partitions.filter(\.value.hasMovedSinceCheckpoint).keys).union(lanes.partitions).sorted()
        guard let number = moved.first(where: { $0 > checkpointCursor }) ?? moved.first else { return }
        checkpointCursor = number
        // Only this partition waits for its lane; the others go on.
        try finishInFlight([number])
        _ = checkpoints.start(checkpoints.job(takeCheckpointParts([number])), committingTo: consumer)
    }

    /// Shutdown (`numbers` nil: every partition) and revoke (`numbers`: those of them that moved
    /// since their last checkpoint; leaving the group at shutdown revokes everything just written):
    /// after any background write, checkpoints them and waits until they are acknowledged, all
    /// within `timeout`. Not waiting for Alertmanager: the worker's `run` and rebalance hook say why.
    func checkpointNow(_ numbers: [Int32]? = nil, within timeout: Duration = .seconds(60)) throws {
        let deadline = ContinuousClock.now + timeout
        guard checkpoints.waitUntilIdle(until: deadline) else {
            throw KafkaError(
                code: .timedOut, reason: "a background checkpoint was still being written after \(timeout)")
        }
        try applyCheckpointCompletions()
        let chosen = numbers?.filter { partitions[$0]?.hasMovedSinceCheckpoint == true } ?? Array(partitions.keys)
        let parts = takeCheckpointParts(chosen)
        guard !parts.isEmpty else { return }
        let offsets = try checkpoints.write(
            checkpoints.job(parts), committingTo: consumer, until: deadline, waitingForOtherSinks: nil)
        record(checkpointed: offsets)
        lastCheckpoint = ContinuousClock.now
    }

    /// Copies of the partitions' state for a checkpoint; their touched sets start anew.
    private func takeCheckpointParts(_ numbers: [Int32]) -> [CheckpointWriter.Part] {
        numbers.compactMap { number in
            guard let work = partitions[number] else { return nil }
            partitions[number]?.touched.removeAll()
            return CheckpointWriter.Part(
                number: number, pipeline: work.pipeline, nextOffset: work.nextOffset,
                touched: work.touched.items(parks: work.pipeline.engine.parks))
        }
    }

    /// Takes note of background checkpoints that finished. One that Alertmanager held up (it did not
    /// accept the alerts within a checkpoint interval; nothing was written) is deferred: its
    /// partitions stay due and their touched aggregates go back, so the next round writes them,
    /// and the worker goes on. Rethrows any other failure of one not cancelled (a cancelled one
    /// concerned partitions released meanwhile). Kafka timeouts stay fatal: a later round could
    /// not tell whether an output failed in between.
    private func applyCheckpointCompletions() throws {
        for completion in checkpoints.takeCompletions() {
            if let error = completion.error, !completion.cancelled {
                guard let held = error as? AlertSinkError, held.code == .timedOut else { throw error }
                deferCheckpoint(of: completion.parts, because: held)
            }
            record(checkpointed: completion.offsets)
        }
    }

    private func deferCheckpoint(of parts: [CheckpointWriter.Part], because error: any Error) {
        for part in parts {
            for item in part.touched {
                guard let index = partitions[part.number]?.pipeline.engine.index(of: item.park) else { continue }
                partitions[part.number]?.touched.touch(parkIndex: index, metric: item.metric)
            }
        }
        logger.warning(
            "checkpoint deferred: \(error)",
            metadata: ["kafka.partitions": "\(parts.map(\.number))"])
    }

    private func record(checkpointed offsets: [Int32: Int64]) {
        for (number, offset) in offsets {
            guard let previous = partitions[number]?.checkpointedOffset else { continue }
            partitions[number]?.checkpointedOffset = max(previous, offset)
        }
        statistics.checkpoints += offsets.count
        observer?.workerCheckpointed(offsets.keys.sorted())
    }
}
