import ParkMetrics

/// Checkpoint format v1, all integers little-endian (fixed) or LEB128 varints (zigzag when signed),
/// doubles as their IEEE-754 bit patterns (so values restore bit for bit):
///
///     "PSEK" · version u16 · total length u32 · configuration · stream clock · parks · checksum u64
///
/// configuration: zone offset, lateness µs, buckets per window, sliding windows (count, µs each);
/// a park: id, clock, dedup (rotation instant, current ids, previous ids), then for every telemetry
/// metric in catalog order a presence byte and the series (latest tally, months, then the day ring
/// and each sliding ring as its used buckets in index order: first index, then deltas), then for
/// every monthly metric its periods; the checksum is the engine's 64-bit fingerprint of every byte
/// before it. A series' all-time tally is kept whole; month and bucket tallies keep only what their
/// metric's kind reads: a rate its count, Σ value·weight and Σ weight; a sum its count and Σ value;
/// a gauge its count and latest instant and value. Caches are not saved: they are rebuilt.
/// A reader refuses other magics, versions it does not know, truncation (the length says so before
/// the checksum is tried), a bad checksum and any inconsistency, with a `StreamEngineError` saying
/// which.
extension PartitionEngine {
    /// The checkpoint format this build writes and reads.
    public static let checkpointVersion: UInt16 = 1
    static let checkpointMagic: [UInt8] = Array("PSEK".utf8)
    /// Magic, version and total length.
    static let checkpointHeaderSize = 10

    /// The whole state of the partition, compact and versioned.
    public func checkpoint() -> [UInt8] {
        var out = BinaryWriter()
        out.raw(Self.checkpointMagic)
        out.fixed16(Self.checkpointVersion)
        out.fixed32(0)  // the total length, set below
        out.signed(Int64(configuration.zone.utcOffsetSeconds))
        out.signed(lateness)
        out.count(configuration.bucketCount)
        out.count(configuration.keptWindows.count)
        for window in configuration.keptWindows { out.signed(window.microsecondsRoundedDown) }
        out.signed(streamClock)
        out.count(ids.count)
        for park in ids.indices {
            out.string(ids[park].rawValue)
            out.signed(clocks[park])
            let dedup = dedups[park]
            out.signed(dedup.rotatedAt)
            for set in [dedup.current, dedup.previous] {
                out.count(set.count)
                for position in 0..<set.count { out.string(set.member(at: position)) }
            }
            for metric in Metric.allCases where metric.kind.isTelemetry {
                writeSeries(telemetry[seriesIndex(park, Int(metric.rawValue))], metric.kind, to: &out)
            }
            for metric in Metric.allCases where metric.kind.isMonthly {
                let periods = monthly[seriesIndex(park, Int(metric.rawValue))].periods
                out.count(periods.count)
                for period in periods {
                    out.signed(Int64(period.month))
                    out.signed(period.observedAt)
                    out.double(period.value)
                }
            }
        }
        out.setFixed32(UInt32(truncatingIfNeeded: out.bytes.count + 8), at: 6)
        let checksum = out.bytes.withUnsafeBufferPointer { StringSet.fingerprint($0) }
        out.fixed64(checksum)
        return out.bytes
    }

    private func writeSeries(_ series: TelemetrySeries, _ kind: MetricKind, to out: inout BinaryWriter) {
        guard series.isAllocated else { return out.byte(0) }
        out.byte(1)
        Self.write(series.latest, .telemetryRate, to: &out)
        out.signed(series.latest.lastAt)
        out.double(series.latest.lastValue)
        out.count(series.months.count)
        for month in series.months {
            out.signed(Int64(month.month))
            Self.write(month.tally, kind, to: &out)
        }
        for ring in 0..<series.rings.ringCount {
            let used = series.rings.usedSlots(ring: ring).map(\.bucket).sorted { $0.index < $1.index }
            out.count(used.count)
            var previous: Int64 = 0
            for (position, bucket) in used.enumerated() {
                if position == 0 { out.signed(bucket.index) } else { out.varint(UInt64(bucket.index - previous)) }
                previous = bucket.index
                Self.write(bucket.tally, kind, to: &out)
            }
        }
    }

    /// Only the fields `kind` reads (see the format above).
    static func write(_ tally: Tally, _ kind: MetricKind, to out: inout BinaryWriter) {
        out.signed(tally.count)
        switch kind {
        case .telemetryRate:
            out.double(tally.sum)
            out.double(tally.weight)
        case .telemetryGauge:
            out.signed(tally.lastAt)
            out.double(tally.lastValue)
        default:
            out.double(tally.sum)
        }
    }
}
