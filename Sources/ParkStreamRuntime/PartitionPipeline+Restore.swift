import ParkMetrics
import ParkRules
import StreamEngine

typealias PipelineReader = BinaryReader<PipelineCheckpointError>

extension PartitionPipeline {
    /// Restores a partition from `checkpoint(nextOffset:metadata:)` bytes, with the engine
    /// configuration they were written with. Continuing the restored pipeline from `nextOffset`
    /// gives exactly the outputs the original would have given.
    ///
    /// `rules` must define the same rules as the ones checkpointed (their order may differ);
    /// otherwise the restore is refused with `.rulesChanged`, naming the rules added, removed and
    /// changed: a changed rule's state (a pending start, a firing alert with the old threshold,
    /// a new rule's missing history) would give outputs that no uninterrupted run gives. A worker
    /// whose rules changed replays the partition with a fresh pipeline instead.
    public static func restore(checkpoint bytes: [UInt8], rules: RuleSet) throws(PipelineCheckpointError)
        -> RestoredPipeline
    {
        let bodyEnd = try checkBytes(bytes)
        var input = PipelineReader(bytes, from: checkpointHeaderSize, to: bodyEnd)
        let nextOffset = try input.signed()
        let metadata = try input.string(limit: 1 << 20)
        try checkRules(&input, against: rules)
        let engine = try readEngine(&input)
        var restored = PartitionPipeline(rules: rules, configuration: engine.configuration)
        // The rules' sliding windows are all kept by an engine checkpointed with the same rules.
        guard restored.engine.configuration == engine.configuration else {
            throw PipelineCheckpointError(.corrupt, "the engine state does not keep the windows the rules read")
        }
        restored.engine = engine
        try restored.readRuleState(&input)
        guard input.remaining == 0 else {
            throw PipelineCheckpointError(.corrupt, "\(input.remaining) unexpected bytes after the state")
        }
        return RestoredPipeline(pipeline: restored, nextOffset: nextOffset, metadata: metadata)
    }

    /// Checks magic, version, length and checksum; returns where the body ends.
    private static func checkBytes(_ bytes: [UInt8]) throws(PipelineCheckpointError) -> Int {
        let magic = checkpointMagic
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            if bytes.count < magic.count, magic.starts(with: bytes) {
                throw PipelineCheckpointError(.truncated, "checkpoint ends inside its magic")
            }
            throw PipelineCheckpointError(.badMagic, "not a ParkStream pipeline checkpoint")
        }
        var header = PipelineReader(bytes, from: magic.count)
        let version = try header.fixed16()
        guard version == checkpointVersion else {
            throw PipelineCheckpointError(
                .unsupportedVersion,
                "pipeline checkpoint format version \(version); this build reads version \(checkpointVersion)")
        }
        let declared = Int(try header.fixed32())
        guard bytes.count >= declared else {
            throw PipelineCheckpointError(.truncated, "checkpoint of \(declared) bytes cut at \(bytes.count)")
        }
        guard bytes.count == declared, declared >= checkpointHeaderSize + 8 else {
            throw PipelineCheckpointError(.corrupt, "\(bytes.count) bytes where the header says \(declared)")
        }
        let bodyEnd = bytes.count - 8
        var trailer = PipelineReader(bytes, from: bodyEnd)
        guard try trailer.fixed64() == PartitionEngine.checkpointChecksum(bytes[..<bodyEnd]) else {
            throw PipelineCheckpointError(.checksumMismatch, "checksum mismatch over \(bodyEnd) bytes")
        }
        return bodyEnd
    }

    /// Refuses a checkpoint written with other rules, naming the differences.
    private static func checkRules(_ input: inout PipelineReader, against rules: RuleSet)
        throws(PipelineCheckpointError)
    {
        var saved: [String: UInt64] = [:]
        for _ in 0..<(try input.count(minimumBytes: 10)) {
            let kind = try input.byte()
            guard RuleFingerprint.Kind(rawValue: kind) != nil else { throw .corrupt("rule kind \(kind)") }
            let id = "\(kind)/" + (try input.string(limit: 1024))
            guard saved.updateValue(try input.fixed64(), forKey: id) == nil else {
                throw .corrupt("repeated rule \(id)")
            }
        }
        var current: [String: UInt64] = [:]
        for rule in RuleFingerprint.of(rules) { current["\(rule.kind.rawValue)/\(rule.id)"] = rule.fingerprint }
        guard saved != current else { return }
        func names(_ keys: some Sequence<String>) -> String {
            keys.sorted().map { "\"\($0.drop { $0 != "/" }.dropFirst())\"" }.joined(separator: ", ")
        }
        let added = current.keys.filter { saved[$0] == nil }
        let removed = saved.keys.filter { current[$0] == nil }
        let changed = current.keys.filter { key in saved[key].map { $0 != current[key] } ?? false }
        let parts = [("added", added), ("removed", removed), ("changed", changed)].filter { !$0.1.isEmpty }
            .map { "\($0.0) \(names($0.1))" }
        throw PipelineCheckpointError(
            .rulesChanged, "the rules differ from the checkpoint's: " + parts.joined(separator: "; "))
    }

    private static func readEngine(_ input: inout PipelineReader) throws(PipelineCheckpointError) -> PartitionEngine {
        let bytes = try input.bytes(try input.count())
        do {
            return try PartitionEngine(checkpoint: bytes)
        } catch {
            let code: PipelineCheckpointError.Code = error.code == .unsupportedVersion ? .unsupportedVersion : .corrupt
            throw PipelineCheckpointError(code, "engine state: \(error.reason)")
        }
    }

    private mutating func readRuleState(_ input: inout PipelineReader) throws(PipelineCheckpointError) {
        for _ in 0..<(try input.count(minimumBytes: 4)) {
            let park = try input.park()
            let metric = try input.metric()
            let start = try input.timestamp()
            // Telemetry starts are noted for accepted events only: the engine knows their parks.
            guard metric.kind.isTelemetry, let index = engine.index(of: park) else {
                throw .corrupt("bad telemetry start for \(park)")
            }
            makeRoom(forPark: index)
            let position = index * metricCount + Int(metric.rawValue)
            guard telemetryStart[position] == nil else { throw .corrupt("repeated telemetry start for \(park)") }
            telemetryStart[position] = start
        }
        try evaluator.readState(from: &input)
        let absenceCount = try input.count()
        guard absenceCount == absences.count else { throw .corrupt("\(absenceCount) absence trackers") }
        var restored = Set<String>()
        for _ in 0..<absenceCount {
            let id = try input.string(limit: 1024)
            guard restored.insert("absent/" + id).inserted, let index = absences.firstIndex(where: { $0.rule.id == id })
            else { throw .corrupt("absence tracker \"\(id)\" unknown or repeated") }
            try absences[index].readState(from: &input)
        }
        let deadlineCount = try input.count()
        guard deadlineCount == deadlines.count else { throw .corrupt("\(deadlineCount) due-day trackers") }
        for _ in 0..<deadlineCount {
            let id = try input.string(limit: 1024)
            guard restored.insert("due/" + id).inserted, let index = deadlines.firstIndex(where: { $0.rule.id == id })
            else { throw .corrupt("due-day tracker \"\(id)\" unknown or repeated") }
            try deadlines[index].readState(from: &input)
        }
    }
}
