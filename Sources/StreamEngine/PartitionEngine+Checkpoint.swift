import ParkMetrics

/// Checkpoint format v1, all integers little-endian (fixed) or LEB128 varints (zigzag when signed),
/// doubles as their IEEE-754 bit patterns (so values restore bit for bit):
///
///     "PSEK" · version u16 · configuration · stream clock · parks · checksum u64
///
/// configuration: zone offset, lateness µs, buckets per window, sliding windows (count, µs each);
/// a park: id, clock, dedup (rotation instant, current ids, previous ids), then for every telemetry
/// metric in catalog order a presence byte and the series (latest tally, months, day ring, sliding
/// rings as their used slots only), then for every monthly metric its periods; the checksum is the
/// engine's 64-bit fingerprint of every byte before it. Caches are not saved: they are rebuilt.
/// A reader refuses other magics, versions it does not know, truncation, a bad checksum and any
/// inconsistency, with a `StreamEngineError` saying which.
extension PartitionEngine {
    /// The checkpoint format this build writes and reads.
    public static let checkpointVersion: UInt16 = 1
    static let checkpointMagic: [UInt8] = Array("PSEK".utf8)

    /// The whole state of the partition, compact and versioned.
    public func checkpoint() -> [UInt8] {
        var out = BinaryWriter()
        out.raw(Self.checkpointMagic)
        out.fixed16(Self.checkpointVersion)
        out.signed(Int64(configuration.zone.utcOffsetSeconds))
        out.signed(lateness)
        out.count(configuration.bucketsPerWindow)
        out.count(configuration.slidingWindows.count)
        for window in configuration.slidingWindows { out.signed(window.microsecondsRoundedDown) }
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
                writeSeries(telemetry[seriesIndex(park, Int(metric.rawValue))], to: &out)
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
        let checksum = out.bytes.withUnsafeBufferPointer { StringSet.fingerprint($0) }
        out.fixed64(checksum)
        return out.bytes
    }

    private func writeSeries(_ series: TelemetrySeries, to out: inout BinaryWriter) {
        guard series.isAllocated else { return out.byte(0) }
        out.byte(1)
        Self.write(series.latest, to: &out)
        out.count(series.months.count)
        for month in series.months {
            out.signed(Int64(month.month))
            Self.write(month.tally, to: &out)
        }
        for ring in 0..<series.rings.ringCount {
            let used = series.rings.usedSlots(ring: ring)
            out.count(used.count)
            for (slot, bucket) in used {
                out.count(slot)
                out.signed(bucket.index)
                Self.write(bucket.tally, to: &out)
            }
        }
    }

    static func write(_ tally: Tally, to out: inout BinaryWriter) {
        out.double(tally.sum)
        out.double(tally.weight)
        out.signed(tally.count)
        out.signed(tally.lastAt)
        out.double(tally.lastValue)
    }
}
