import KafkaClient
import ParkRules

extension Worker {
    /// The rebalance hook: restores assigned partitions, checkpoints revoked ones. Runs inside a poll.
    func rebalance(_ event: KafkaRebalance) -> [KafkaTopicPartition: KafkaOffset] {
        var lost: Set<Int32> = []
        if case .lost(let partitions) = event { lost = Set(partitions.map(\.partition)) }
        do {
            try finishInFlight(discarding: lost)
        } catch {
            // State ahead of its outputs must not be checkpointed: give everything up and stop;
            // the next owner recomputes from the previous checkpoints.
            logger.critical("cannot write the outputs of a batch: \(error)")
            fatalStop = error
            let released = Array(partitions.keys)
            partitions.removeAll()
            didRelease(released)
            return [:]
        }
        switch event {
        case .assigned(let assigned):
            var starts: [KafkaTopicPartition: KafkaOffset] = [:]
            // Each restore waits on a few broker round trips: all partitions at once, not in turn.
            let outcomes = Parallel.concurrently(assigned.count) { [self] index in
                Result { try restore(assigned[index].partition) }
            }
            for (partition, outcome) in zip(assigned, outcomes) {
                switch outcome {
                case .success(let restored):
                    partitions[partition.partition] = restored.work
                    statistics.restores += 1
                    if restored.rebuilt { statistics.rebuilds += 1 }
                    if restored.lostToRetention > 0 {
                        statistics.rejected[Self.retentionGap, default: 0] += Int(restored.lostToRetention)
                    }
                    starts[partition] = KafkaOffset(rawValue: restored.work.nextOffset)
                case .failure(let error):
                    // Without its state the partition cannot be processed correctly: stop rather than guess.
                    logger.critical("cannot restore \(partition): \(error)")
                    fatalStop = error
                }
            }
            let restored = assigned.map(\.partition).filter { partitions[$0] != nil }
            for number in restored { adoptFiringAlerts(of: number) }
            logger.info("assigned partitions \(restored.sorted()) of \(configuration.layout.metrics)")
            observer?.workerAssigned(restored)
            return starts
        case .revoked(let revoked):
            do {
                // Without waiting for Alertmanager: this worker lives on, and its sink keeps sending
                // what it holds (resolves); the firing alerts it releases below are adopted by the
                // next owner. Waiting would only stall the group for the revoke timeout while
                // Alertmanager is down, then drop and recompute every output.
                try checkpointNow(revoked.map(\.partition), within: configuration.revokeTimeout)
            } catch {
                logger.error("checkpoint on revoke failed: \(error); the next owner reprocesses from the previous one")
                dropUnacknowledgedOutputs(releasing: revoked.map(\.partition))
            }
            for partition in revoked { partitions[partition.partition] = nil }
            didRelease(revoked.map(\.partition))
            return [:]
        case .lost(let lost):
            // Another worker may own them already: write nothing on their behalf.
            dropUnacknowledgedOutputs(releasing: lost.map(\.partition))
            for partition in lost { partitions[partition.partition] = nil }
            didRelease(lost.map(\.partition))
            return [:]
        }
    }

    /// After partitions are given up: the sinks stop keeping their firing alerts alive (the next
    /// owner adopts them), and the observer forgets them.
    func didRelease(_ numbers: [Int32]) {
        for sink in sinks { sink.release(partitions: numbers) }
        observer?.workerReleased(numbers)
    }

    /// Hands the alerts firing in partition `number` to the sinks once the partition is processed
    /// past the last alert its previous owner wrote: until then a transition it replays may be
    /// one that owner already sent (a resolve among them), and the firing set is not yet its.
    func adoptFiringAlerts(of number: Int32) {
        guard let work = partitions[number], !work.firingAdopted, work.isPastWrittenAlerts else { return }
        partitions[number]?.firingAdopted = true
        let firing = work.pipeline.firing
        guard !firing.isEmpty else { return }
        for sink in sinks { sink.adopt(firing: firing, partition: number) }
    }

    /// Drops every output not yet acknowledged, so that none is written after `released` have a new
    /// owner, which recomputes them from the partitions' checkpoints. The producer is shared by
    /// every partition: any kept partition lost outputs too, and its state is ahead of what was
    /// written, so the worker stops (it never checkpoints such state) and whoever takes its
    /// partitions next recomputes them. Without a kept partition (every eager revoke) it goes on.
    func dropUnacknowledgedOutputs(releasing released: [Int32]) {
        // A background checkpoint in progress sends nothing more and fails on its purged messages.
        let dropped = checkpoints.cancelAndPurge()
        guard dropped > 0 else { return }
        statistics.droppedOutputs += dropped
        logger.error(
            "dropped \(dropped) outputs not acknowledged in time: the next owner of partitions \(released.sorted()) writes them"
        )
        let kept = Set(partitions.keys).subtracting(released)
        guard !kept.isEmpty else { return }
        let error = KafkaError(
            code: .state,
            reason: "outputs of partitions \(kept.sorted()) were dropped with those of the partitions released")
        logger.critical("\(error.reason): stopping, so that the next owner recomputes them")
        fatalStop = error
    }

    /// What restoring a partition found.
    struct RestoredPartition {
        var work: PartitionWork
        /// The checkpoint was written under other rules: the state is rebuilt from the oldest input.
        var rebuilt = false
        /// Input deleted by retention between the checkpoint and the oldest kept offset.
        var lostToRetention: Int64 = 0
    }

    /// The state of input partition `number`: its latest checkpoint (or a fresh pipeline), and the
    /// alerts already written past that checkpoint. Changes nothing of the worker's, so that the
    /// partitions of an assignment are restored at the same time.
    func restore(_ number: Int32) throws -> RestoredPartition {
        let layout = configuration.layout
        let tail = try PartitionTail(client: configuration.client, logger: logger)
        var work = PartitionWork(
            pipeline: PartitionPipeline(rules: configuration.rules, configuration: configuration.engine), nextOffset: -1
        )
        var rebuilt = false
        let expectedKey = Array("\(layout.metrics)/\(number)".utf8)
        if let latest = try tail.last(1, of: KafkaTopicPartition(topic: layout.checkpoints, partition: number)).last,
            latest.key.map(Array.init) == expectedKey
        {
            do {
                let restored = try PartitionPipeline.restore(
                    checkpoint: Array(latest.value), rules: configuration.rules)
                work.pipeline = restored.pipeline
                work.nextOffset = restored.nextOffset
                work.checkpointedOffset = restored.nextOffset
            } catch {
                guard error.code == .rulesChanged else { throw error }
                // State computed under other rules cannot continue exactly. Rebuild it from the
                // oldest input still kept: aggregates come out whole, and every alert already in
                // the alerts topic is suppressed below, so the new rules alert from now on.
                logger.warning(
                    "rules changed since the checkpoint; rebuilding from the oldest retained input",
                    metadata: ["kafka.partition": "\(number)", "worker.rules": "\(error.reason)"])
                rebuilt = true
            }
        }
        let lost = try startInput(number, at: &work.nextOffset, tail: tail)
        // Alerts written after that checkpoint: the tail of the alerts partition with the same number.
        let written = try tail.last(256, of: KafkaTopicPartition(topic: layout.alerts, partition: number))
        let offsets = written.compactMap { message in
            message.header(KafkaAlertSink.sourceOffsetHeader).flatMap { Int64(String(decoding: $0, as: UTF8.self)) }
        }
        if let newest = offsets.max(), newest >= work.nextOffset {
            work.suppressBelow = newest
            work.suppressAtCount = offsets.filter { $0 == newest }.count
        }
        // Dead letters written after that checkpoint: the newest one's source offset.
        let deadLetter = try tail.last(1, of: KafkaTopicPartition(topic: layout.deadLetters, partition: number)).last
        if let source = deadLetter?.header(DeadLetterWriter.sourceHeader).map({ String(decoding: $0, as: UTF8.self) }),
            let offset = DeadLetterWriter.offset(inSource: source, topic: layout.metrics, partition: number)
        {
            work.deadLettersThrough = offset
        }
        logger.info(
            "partition restored",
            metadata: [
                "kafka.partition": "\(number)", "worker.next_offset": "\(work.nextOffset)",
                "worker.suppress_below": "\(work.suppressBelow)",
                "worker.dead_letters_through": "\(work.deadLettersThrough)",
            ])
        return RestoredPartition(work: work, rebuilt: rebuilt, lostToRetention: lost)
    }

    /// Where the partition's input starts, given the checkpoint's offset in `next` (negative: none),
    /// from the oldest offset the topic still keeps; returns how many messages were lost.
    ///
    /// Without a checkpoint, processing starts at that oldest offset, asked here: left to the
    /// consumer (a logical "beginning"), librdkafka asks the leader itself and, when its connection
    /// is not up yet, asks again only after 500 ms (1 start in 6 on the bench). Input between the
    /// checkpoint and that offset was deleted by retention before this group read it: the worker
    /// goes on from the oldest kept offset and says so (an error in the log, `retention_gap` among
    /// the rejected counts) instead of staying silent.
    private func startInput(_ number: Int32, at next: inout Int64, tail: PartitionTail) throws -> Int64 {
        let partition = KafkaTopicPartition(topic: configuration.layout.metrics, partition: number)
        let (low, _) = try tail.consumer.watermarks(partition)
        guard next >= 0 else {
            next = low
            return 0
        }
        guard low > next else { return 0 }
        logger.error(
            "input lost to retention: \(low - next) messages of \(partition) were deleted before this group read them",
            metadata: [
                "kafka.partition": "\(number)", "worker.checkpoint_offset": "\(next)", "kafka.low_watermark": "\(low)",
            ])
        return low - next
    }

    /// The rejected-count reason for input deleted before it was read.
    static let retentionGap = "retention_gap"
}
