import Foundation
import KafkaClient
import KafkaTestSupport
import ParkMetrics
import ParkRules
import Testing

@testable import ParkStreamRuntime

/// The lanes against a plain sequential run per partition, on records consumed from the embedded
/// cluster in small batches, so that each partition's records span many slices and lanes run side
/// by side.
@Suite("partition lanes", .serialized, .timeLimit(.minutes(3)))
struct PartitionLanesTests {
    @Test func eachPartitionRunsItsSlicesInOrderAsOneSequentialRunWould() throws {
        let rules = try checkpointRules()
        let harness = try WorkerHarness(rules: rules)
        let consumer = try harness.kafka.consumer()
        let batches = try consume(harness, consumer, count: try harness.publish(checkpointStream), batchSize: 300)
        #expect(batches.count > 20)
        // Halfway, one partition with records still to come has its lane closed (the others run on)
        // and reopened with the state it handed back.
        let halfway = batches.count / 2
        let reopened = try #require(batches[(halfway + 1)...].flatMap { $0.records.map(\.partition) }.min())

        let lanes = PartitionLanes(topic: harness.layout.metrics, utcOffsetSeconds: 8 * 3600)
        var opened: [Int32] = []
        var finished: [PartitionSlice] = []
        var works: [Int32: PartitionWork] = [:]
        for (sequence, batch) in batches.enumerated() {
            for slice in PartitionSlice.slices(of: batch, sequence: sequence) {
                let submitted = lanes.submit(slice) { number in
                    opened.append(number)
                    return works.removeValue(forKey: number)
                        ?? PartitionWork(pipeline: PartitionPipeline(rules: rules), nextOffset: 0)
                }
                #expect(submitted)
            }
            finished += lanes.takeFinished()
            if sequence == halfway {
                let drained = lanes.drain([reopened])
                #expect(drained.works.keys.sorted() == [reopened])
                finished += drained.finished
                works.merge(drained.works) { $1 }
            }
        }
        lanes.waitUntil(outstandingAtMost: 0)
        #expect(lanes.outstandingRecords == 0)
        let drained = lanes.drain()
        finished += drained.finished
        works.merge(drained.works) { $1 }
        #expect(lanes.isEmpty)
        #expect(opened.sorted() == ([reopened] + Array(0..<Int32(harness.partitions))).sorted())

        for number in Int32(0)..<Int32(harness.partitions) {
            let slices = finished.filter { $0.number == number }
            let sequences = slices.map(\.batchSequence)
            #expect(firstDifference(sequences, sequences.sorted()) == nil, "partition \(number)")
            let offsets = slices.flatMap { slice in slice.records.map { slice.batch.records[$0].offset } }
            #expect(firstDifference(offsets, Array(0..<Int64(offsets.count))) == nil, "partition \(number)")
            let expected = sequentialRun(batches, partition: number, rules: rules)
            let transitions = slices.flatMap { $0.output.alerts.map(\.transition) }
            #expect(firstDifference(transitions, expected.transitions) == nil, "partition \(number)")
            #expect(slices.reduce(0) { $0 + $1.output.events } == offsets.count)
            let work = try #require(works[number])
            #expect(work.nextOffset == Int64(offsets.count))
            let sameState = work.pipeline.checkpoint(nextOffset: 0) == expected.pipeline.checkpoint(nextOffset: 0)
            #expect(sameState, "partition \(number): state differs from the sequential run's")
        }
        #expect(finished.contains { !$0.output.alerts.isEmpty })

        // A partition whose state is gone (revoked meanwhile) gets no lane: its slice is dropped.
        let late = try #require(PartitionSlice.slices(of: batches[0], sequence: batches.count).first)
        #expect(!lanes.submit(late) { _ in nil })
        #expect(lanes.isEmpty && lanes.takeFinished().isEmpty)
        try consumer.close()
    }

    /// The first position where two arrays differ (a missing element counts), nil when equal: short
    /// failure messages for arrays of thousands.
    private func firstDifference<Element: Equatable>(_ lhs: [Element], _ rhs: [Element]) -> Int? {
        (0..<max(lhs.count, rhs.count)).first { $0 >= lhs.count || $0 >= rhs.count || lhs[$0] != rhs[$0] }
    }

    /// Batches of at most `batchSize` records until `count` arrived, from offset 0 of every partition.
    private func consume(_ harness: WorkerHarness, _ consumer: KafkaConsumer, count: Int, batchSize: Int) throws
        -> [KafkaMessageBatch]
    {
        let partitions = (0..<Int32(harness.partitions)).map {
            (KafkaTopicPartition(topic: harness.layout.metrics, partition: $0), KafkaOffset.beginning)
        }
        try consumer.assign(Dictionary(uniqueKeysWithValues: partitions))
        var batches: [KafkaMessageBatch] = []
        var received = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while received < count, ContinuousClock.now < deadline {
            let batch = try consumer.poll(maxMessages: batchSize, timeout: .milliseconds(200))
            guard !batch.records.isEmpty else { continue }
            batches.append(batch)
            received += batch.records.count
        }
        return batches
    }

    /// One partition's records, decoded and processed one after the other on this thread.
    private func sequentialRun(_ batches: [KafkaMessageBatch], partition: Int32, rules: RuleSet)
        -> (pipeline: PartitionPipeline, transitions: [AlertTransition])
    {
        var pipeline = PartitionPipeline(rules: rules)
        var decoder = MetricEventDecoder()
        var transitions: [AlertTransition] = []
        for batch in batches {
            batch.withUnsafeBytes { bytes in
                for record in batch.records where record.partition == partition {
                    guard let event = try? decoder.decode(bytes.value(of: record)) else { continue }
                    transitions += pipeline.process(event).transitions
                }
            }
        }
        return (pipeline, transitions)
    }
}
