import ParkMetrics
import ParkRules
import StreamEngine

/// Pipeline checkpoint format v1: the whole state of one input partition plus where to resume
/// (ARCHITECTURE.md §2). Integers are little-endian (fixed) or LEB128 varints (zigzag when signed),
/// as in the engine's format, whose bytes it carries unchanged:
///
///     "PSPK" · version u16 · total length u32 · next offset · metadata ·
///     rules · engine · telemetry starts · evaluator · absence trackers · due-day trackers · checksum u64
///
/// - next offset: the input offset to resume at; metadata: the caller's free-form string.
/// - rules: count, then per rule in file order: kind (0 threshold, 1 completeness) · id · 64-bit
///   fingerprint of its definition (``RuleFingerprint``). A restore with other rules is refused.
/// - engine: length, then a "PSEK" engine checkpoint (with its own version and checksum).
/// - telemetry starts: count, then per park and metric, in order: park · metric · first instant.
/// - evaluator: see `RuleEvaluator.writeState`; trackers: count, then per tracker in file order:
///   rule id · its state (`AbsenceTracker.writeState`, `DueDayTracker.writeState`).
/// - checksum: the engine's 64-bit checksum of every byte before it.
///
/// All rule state is keyed by rule id, never by position, and every map is written in key order:
/// the same state gives the same bytes, and a reordered rules file restores the same state.
/// Nothing is compressed here: the Kafka producer compresses.
extension PartitionPipeline {
    /// The pipeline checkpoint format this build writes and reads.
    public static let checkpointVersion: UInt16 = 1
    static let checkpointMagic: [UInt8] = Array("PSPK".utf8)
    /// Magic, version and total length.
    static let checkpointHeaderSize = 10

    /// The whole state of the partition, with `nextOffset` (the first input offset not yet
    /// processed) and the caller's `metadata`, compact and versioned. Restore it with
    /// ``restore(checkpoint:rules:)``.
    public func checkpoint(nextOffset: Int64, metadata: String = "") -> [UInt8] {
        var out = BinaryWriter()
        out.raw(Self.checkpointMagic)
        out.fixed16(Self.checkpointVersion)
        out.fixed32(0)  // the total length, set below
        out.signed(nextOffset)
        out.string(metadata)
        let rules = RuleFingerprint.of(evaluator.rules)
        out.count(rules.count)
        for rule in rules {
            out.byte(rule.kind.rawValue)
            out.string(rule.id)
            out.fixed64(rule.fingerprint)
        }
        let engineBytes = engine.checkpoint()
        out.count(engineBytes.count)
        out.raw(engineBytes)
        writeRuleState(to: &out)
        out.setFixed32(UInt32(truncatingIfNeeded: out.bytes.count + 8), at: 6)
        out.fixed64(PartitionEngine.checkpointChecksum(out.bytes[...]))
        return out.bytes
    }

    private func writeRuleState(to out: inout BinaryWriter) {
        let parks = engine.parks
        var starts: [(park: ParkID, metric: Metric, start: Timestamp)] = []
        for (position, start) in telemetryStart.enumerated() {
            guard let start, let metric = Metric(rawValue: UInt8(position % metricCount)) else { continue }
            starts.append((parks[position / metricCount], metric, start))
        }
        starts.sort { ($0.park, $0.metric.rawValue) < ($1.park, $1.metric.rawValue) }
        out.count(starts.count)
        for entry in starts {
            out.park(entry.park)
            out.metric(entry.metric)
            out.timestamp(entry.start)
        }
        evaluator.writeState(to: &out)
        // Trackers are advanced only when they can fire (`trackersQuietUntil`); saved, they are at
        // the partition's stream time, as if advanced after every event.
        out.count(absences.count)
        for var tracker in absences {
            if let time = engine.streamTime { tracker.catchUp(to: time) }
            out.string(tracker.rule.id)
            tracker.writeState(to: &out)
        }
        out.count(deadlines.count)
        for var tracker in deadlines {
            if let time = engine.streamTime { tracker.catchUp(to: time) }
            out.string(tracker.rule.id)
            tracker.writeState(to: &out)
        }
    }
}
