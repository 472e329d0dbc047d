import ParkMetrics
import ParkRules
import ParkSimulator
import StreamEngine
import Testing

@testable import ParkStreamRuntime

/// The uninterrupted run every split run is compared with.
let uninterrupted: Result<(run: PipelineRun, pipeline: PartitionPipeline), any Error> = Result {
    var pipeline = PartitionPipeline(rules: try checkpointRules())
    var run = PipelineRun()
    run.feed(&pipeline, checkpointStream[...])
    return (run, pipeline)
}

@Suite("pipeline checkpoints", .serialized)
struct PipelineCheckpointTests {
    /// Checkpoints at `splits` (ascending event offsets), each time restoring into a fresh pipeline
    /// from the bytes alone, and runs the stream to its end.
    func runWithRestores(at splits: [Int], rules: RuleSet) throws -> (run: PipelineRun, pipeline: PartitionPipeline) {
        var pipeline = PartitionPipeline(rules: rules)
        var run = PipelineRun()
        var offset = 0
        for split in splits {
            run.feed(&pipeline, checkpointStream[offset..<split])
            let bytes = pipeline.checkpoint(nextOffset: Int64(split), metadata: "split \(split)")
            let restored = try PartitionPipeline.restore(checkpoint: bytes, rules: rules)
            #expect(restored.nextOffset == Int64(split))
            #expect(restored.metadata == "split \(split)")
            pipeline = restored.pipeline
            offset = Int(restored.nextOffset)
        }
        run.feed(&pipeline, checkpointStream[offset...])
        return (run, pipeline)
    }

    /// Offsets after which some alert is pending, and after which some alert is firing.
    func interestingOffsets(rules: RuleSet) -> (pending: [Int], firing: [Int]) {
        var pipeline = PartitionPipeline(rules: rules)
        var pending: [Int] = []
        var firing: [Int] = []
        for (offset, event) in checkpointStream.enumerated() {
            _ = pipeline.process(event)
            if pipeline.hasPendingAlert { pending.append(offset + 1) }
            if pipeline.hasFiringAlert { firing.append(offset + 1) }
        }
        return (pending, firing)
    }

    @Test func theStreamExercisesPendingAndFiringAlerts() throws {
        let expected = try uninterrupted.get()
        let fired = Set(expected.run.transitions.filter { $0.state == .firing }.map(\.ruleID))
        #expect(fired.isSuperset(of: ["checkpoint-compliance-1h", "wastewater-compliance-24h"]))
        #expect(fired.isSuperset(of: ["checkpoint-energy-absent", "checkpoint-added-value-report"]))
        let offsets = interestingOffsets(rules: try checkpointRules())
        #expect(offsets.pending.count > 10)
        #expect(offsets.firing.count > 10)
    }

    @Test func restoringAtRandomSplitsReproducesTheUninterruptedRun() throws {
        let rules = try checkpointRules()
        let expected = try uninterrupted.get()
        let offsets = interestingOffsets(rules: rules)
        var random = SeededRandom(seed: 20_171_129)
        let count = checkpointStream.count
        // Random splits, plus splits where an alert is pending, firing, at the start and at the end.
        var plans: [[Int]] = [[0], [count], [0, count]]
        for pool in [offsets.pending, offsets.firing] {
            for _ in 0..<2 { plans.append([pool[Int.random(in: 0..<pool.count, using: &random)]]) }
        }
        for _ in 0..<4 {
            plans.append(
                (0..<Int.random(in: 1...3, using: &random)).map { _ in Int.random(in: 0...count, using: &random) })
        }
        for plan in plans {
            let actual = try runWithRestores(at: plan.sorted(), rules: rules)
            #expect(actual.run == expected.run, "splits \(plan.sorted())")
            #expect(actual.pipeline.engine.aggregateTable() == expected.pipeline.engine.aggregateTable())
            #expect(
                actual.pipeline.checkpoint(nextOffset: Int64(count))
                    == expected.pipeline.checkpoint(
                        nextOffset: Int64(count)), "splits \(plan.sorted())")
        }
    }

    @Test func aRestoredCheckpointWritesTheSameBytes() throws {
        let rules = try checkpointRules()
        for split in [0, 1, checkpointStream.count / 3, checkpointStream.count] {
            var pipeline = PartitionPipeline(rules: rules)
            var run = PipelineRun()
            run.feed(&pipeline, checkpointStream[..<split])
            let bytes = pipeline.checkpoint(nextOffset: Int64(split), metadata: "rules sha256 0f3a")
            let restored = try PartitionPipeline.restore(checkpoint: bytes, rules: rules)
            #expect(restored.pipeline.checkpoint(nextOffset: Int64(split), metadata: "rules sha256 0f3a") == bytes)
        }
    }

    @Test func reorderedRulesRestoreTheSameState() throws {
        let rules = try checkpointRules()
        let reordered = RuleSet(targets: rules.targets.reversed(), completeness: rules.completeness.reversed())
        let expected = try uninterrupted.get()
        let split = interestingOffsets(rules: rules).firing[5]
        var pipeline = PartitionPipeline(rules: rules)
        var run = PipelineRun()
        run.feed(&pipeline, checkpointStream[..<split])
        let restored = try PartitionPipeline.restore(checkpoint: pipeline.checkpoint(nextOffset: 0), rules: reordered)
        #expect(Set(restored.pipeline.firing) == Set(pipeline.firing))
        pipeline = restored.pipeline
        run.feed(&pipeline, checkpointStream[split...])
        // Within one event, transitions follow the rules' file order, so compare them as sets.
        #expect(Set(run.transitions) == Set(expected.run.transitions))
        #expect(run.transitions.count == expected.run.transitions.count)
        #expect(pipeline.engine.aggregateTable() == expected.pipeline.engine.aggregateTable())
    }
}

@Suite("pipeline checkpoint size")
struct PipelineCheckpointSizeTests {
    @Test func ruleStateIsSmallNextToTheEngine() throws {
        let expected = try uninterrupted.get()
        let whole = expected.pipeline.checkpoint(nextOffset: Int64(checkpointStream.count))
        let engine = expected.pipeline.engine.checkpoint()
        let rules = whole.count - engine.count
        print("pipeline checkpoint, 8 parks: \(whole.count) bytes, engine \(engine.count), rest \(rules)")
        #expect(rules < 8192)
        #expect(rules * 10 < engine.count)
    }
}
