import ParkMetrics
import ParkRules
import Testing

@testable import ParkStreamRuntime

@Suite("pipeline checkpoint format")
struct PipelineCheckpointFormatTests {
    @Test func theHeaderIsMagicVersionAndLength() throws {
        let bytes = PartitionPipeline(rules: try checkpointRules()).checkpoint(nextOffset: -1, metadata: "m")
        #expect(Array(bytes[0..<4]) == Array("PSPK".utf8))
        #expect(bytes[4] == 1 && bytes[5] == 0)
        let length = (0..<4).reduce(0) { $0 | Int(bytes[6 + $1]) << (8 * $1) }
        #expect(length == bytes.count)
        let restored = try PartitionPipeline.restore(checkpoint: bytes, rules: try checkpointRules())
        #expect(restored.nextOffset == -1)
        #expect(restored.metadata == "m")
    }

    @Test func ruleFingerprintsDoNotDependOnSetOrHashOrder() throws {
        let parks = ["baoshan", "jinshan", "qibin", "xunxian"].compactMap { ParkID(rawValue: $0) }
        func rule(_ order: [ParkID]) throws -> RuleSet {
            var overrides: [ParkID: RuleOverride] = [:]
            for park in order { overrides[park] = RuleOverride(severity: .critical) }
            let target = TargetRule(
                id: "r", metric: .wastewaterCompliance, window: .day, when: try #require(Condition(.less, 0.9)),
                parks: .only(Set(order)), overrides: overrides)
            return RuleSet(targets: [target])
        }
        let forward = RuleFingerprint.of(try rule(parks))
        #expect(forward == RuleFingerprint.of(try rule(parks.reversed())))
        // Pinned: the fingerprint is part of the format, the same in every process and build.
        #expect(forward.map(\.fingerprint) == [5_557_817_166_205_348_894])
    }
}
