import ParkMetrics
import ParkRules
import ParkSimulator
import StreamEngine
import Testing

@testable import ParkStreamRuntime

/// A checkpoint a third of the way through the stream, with alerts pending and firing.
let checkpointBytes: Result<[UInt8], any Error> = Result {
    var pipeline = PartitionPipeline(rules: try checkpointRules())
    var run = PipelineRun()
    run.feed(&pipeline, checkpointStream[..<(checkpointStream.count * 2 / 3)])
    return pipeline.checkpoint(nextOffset: 42, metadata: "rules sha256 0f3a")
}

@Suite("pipeline checkpoint refusals")
struct PipelineCheckpointRefusalTests {
    func restoreError(_ bytes: [UInt8], rules: RuleSet) -> PipelineCheckpointError? {
        do {
            _ = try PartitionPipeline.restore(checkpoint: bytes, rules: rules)
            return nil
        } catch {
            return error
        }
    }

    /// `bytes` with a valid checksum again, so a reader gets past it.
    func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var body = Array(bytes.dropLast(8))
        let checksum = PartitionEngine.checkpointChecksum(body[...])
        for shift in stride(from: 0, to: 64, by: 8) {
            body.append(UInt8(truncatingIfNeeded: checksum >> UInt64(shift)))
        }
        return body
    }

    @Test func changedRulesAreRefusedNamingTheRules() throws {
        let bytes = try checkpointBytes.get()
        let changed = try checkpointRules(flappingRules.replacingOccurrences(of: "< 0.9\"", with: "< 0.8\""))
        let error = try #require(restoreError(bytes, rules: changed))
        #expect(error.code == .rulesChanged)
        #expect(error.reason.contains("changed \"checkpoint-compliance-1h\""))
        let fewer = try checkpointRules("")
        let removed = try #require(restoreError(bytes, rules: fewer))
        #expect(removed.code == .rulesChanged)
        #expect(removed.reason.contains("removed \"checkpoint-compliance-1h\", \"checkpoint-compliance-day\""))
        var more = try checkpointRules()
        more.completeness.append(
            CompletenessRule(id: "energy-absent-1h", metric: .energyConsumption, check: .dueDay(5)))
        let added = try #require(restoreError(bytes, rules: more))
        #expect(added.code == .rulesChanged)
        #expect(added.reason.contains("added \"energy-absent-1h\""))
        let override = try checkpointRules(flappingRules.replacingOccurrences(of: "< 0.98", with: "< 0.97"))
        #expect(restoreError(bytes, rules: override)?.code == .rulesChanged)
        #expect(restoreError(bytes, rules: try checkpointRules()) == nil)
    }

    @Test func everyTruncationIsATypedError() throws {
        let bytes = try checkpointBytes.get()
        let rules = try checkpointRules()
        // Every cut in the header and the trailer, and every 61st byte between.
        let lengths = Set(
            Array(0..<64) + Array(stride(from: 64, to: bytes.count, by: 61)) + ((bytes.count - 16)..<bytes.count))
        for length in lengths.sorted() {
            let error = restoreError(Array(bytes[..<length]), rules: rules)
            #expect(error?.code == .truncated, "cut at \(length)")
        }
    }

    @Test func badMagicVersionAndChecksumAreRefused() throws {
        let bytes = try checkpointBytes.get()
        let rules = try checkpointRules()
        var other = bytes
        other[0] = UInt8(ascii: "X")
        #expect(restoreError(other, rules: rules)?.code == .badMagic)
        other = bytes
        other[4] = 2
        #expect(restoreError(other, rules: rules)?.code == .unsupportedVersion)
        other = bytes
        other[bytes.count / 2] ^= 0x10
        #expect(restoreError(other, rules: rules)?.code == .checksumMismatch)
        #expect(restoreError(bytes + [0], rules: rules)?.code == .corrupt)
    }

    @Test func corruptedBytesGiveTypedErrorsNeverATrap() throws {
        let bytes = try checkpointBytes.get()
        let rules = try checkpointRules()
        var random = SeededRandom(seed: 2017)
        let engineBytes = try #require(bytes.firstRange(of: Array("PSEK".utf8)))
        let engineLength = (0..<4).reduce(0) { $0 | Int(bytes[engineBytes.lowerBound + 6 + $1]) << (8 * $1) }
        let ruleStateStart = engineBytes.lowerBound + engineLength
        var refused = 0
        for trial in 0..<400 {
            var damaged = bytes
            for _ in 0...Int.random(in: 0..<3, using: &random) {
                // Every other trial damages the rule state, after the engine's bytes.
                let first = trial.isMultiple(of: 2) ? PartitionPipeline.checkpointHeaderSize : ruleStateStart
                let index = Int.random(in: first..<(bytes.count - 8), using: &random)
                damaged[index] = UInt8.random(in: 0...255, using: &random)
            }
            if damaged == bytes { continue }
            // Unsealed, the checksum catches it; resealed, the parser must refuse or restore a state.
            #expect(restoreError(damaged, rules: rules)?.code == .checksumMismatch, "trial \(trial)")
            do {
                var pipeline = try PartitionPipeline.restore(checkpoint: resealed(damaged), rules: rules).pipeline
                // Whatever state was restored, going on with it must not trap either.
                var run = PipelineRun()
                run.feed(&pipeline, checkpointStream[(checkpointStream.count * 2 / 3)...].prefix(100))
            } catch {
                #expect([.corrupt, .truncated, .rulesChanged, .unsupportedVersion].contains(error.code))
                refused += 1
            }
        }
        #expect(refused > 100)
    }
}
