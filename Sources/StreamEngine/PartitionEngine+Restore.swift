import ParkMetrics

extension PartitionEngine {
    /// Restores a partition from `checkpoint()` bytes, with the configuration they were written with.
    /// Continuing from the restored engine gives exactly what continuing the original would have.
    public init(checkpoint bytes: [UInt8]) throws(StreamEngineError) {
        let magic = Self.checkpointMagic
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            if bytes.count < magic.count, magic.starts(with: bytes) {
                throw StreamEngineError(.truncated, "checkpoint ends inside its magic")
            }
            throw StreamEngineError(.badMagic, "not a ParkStream engine checkpoint")
        }
        var header = EngineReader(bytes, from: magic.count)
        let version = try header.fixed16()
        guard version == Self.checkpointVersion else {
            throw StreamEngineError(
                .unsupportedVersion,
                "checkpoint format version \(version); this build reads version \(Self.checkpointVersion)")
        }
        let declared = Int(try header.fixed32())
        guard bytes.count >= declared else {
            throw StreamEngineError(.truncated, "checkpoint of \(declared) bytes cut at \(bytes.count)")
        }
        guard bytes.count == declared, declared >= Self.checkpointHeaderSize + 8 else {
            throw StreamEngineError(.corrupt, "\(bytes.count) bytes where the header says \(declared)")
        }
        let bodyEnd = bytes.count - 8
        var trailer = EngineReader(bytes, from: bodyEnd)
        let stored = try trailer.fixed64()
        let actual = bytes.withUnsafeBufferPointer {
            StringSet.fingerprint(UnsafeBufferPointer(rebasing: $0[..<bodyEnd]))
        }
        guard stored == actual else {
            throw StreamEngineError(.checksumMismatch, "checksum mismatch over \(bodyEnd) bytes")
        }
        var input = EngineReader(bytes, from: Self.checkpointHeaderSize, to: bodyEnd)
        self = try Self.read(&input)
        guard input.remaining == 0 else {
            throw StreamEngineError(.corrupt, "\(input.remaining) unexpected bytes after the state")
        }
    }

    private static func read(_ input: inout EngineReader) throws(StreamEngineError) -> PartitionEngine {
        guard let zone = ParkZone(utcOffsetSeconds: Int32(clamping: try input.signed())) else {
            throw StreamEngineError(.corrupt, "zone offset out of range")
        }
        let lateness = try input.signed()
        guard (0...EngineConfiguration.maximumLateness.microsecondsRoundedDown).contains(lateness) else {
            throw StreamEngineError(.corrupt, "allowed lateness \(lateness) µs out of range")
        }
        let buckets = try input.varint()
        guard (1...UInt64(EngineConfiguration.maximumBucketsPerWindow)).contains(buckets) else {
            throw StreamEngineError(.corrupt, "\(buckets) buckets per window")
        }
        var windows: [Duration] = []
        for _ in 0..<(try input.count(limit: EngineConfiguration.maximumSlidingWindows)) {
            windows.append(.microseconds(try input.signed()))
        }
        var engine = PartitionEngine(
            configuration: EngineConfiguration(
                zone: zone, allowedLateness: .microseconds(lateness), slidingWindows: windows,
                bucketsPerWindow: Int(buckets)))
        engine.streamClock = try input.signed()
        for _ in 0..<(try input.count()) {
            try engine.readPark(&input)
        }
        return engine
    }

    private mutating func readPark(_ input: inout EngineReader) throws(StreamEngineError) {
        let text = try input.string(limit: 64)
        guard let id = ParkID(rawValue: text), parkTable.position(of: text) == nil else {
            throw StreamEngineError(.corrupt, "bad or repeated park id \"\(text)\"")
        }
        let park = parkIndex(id)
        clocks[park] = try input.signed()
        dedups[park].rotatedAt = try input.signed()
        dedups[park].current = try Self.readSet(&input)
        dedups[park].previous = try Self.readSet(&input)
        for metric in Metric.allCases where metric.kind.isTelemetry {
            try readSeries(&input, metric.kind, into: seriesIndex(park, Int(metric.rawValue)))
        }
        for metric in Metric.allCases where metric.kind.isMonthly {
            var periods: [PeriodValue] = []
            for _ in 0..<(try input.count(minimumBytes: 10)) {
                let month = Int32(clamping: try input.signed())
                periods.append(PeriodValue(month: month, observedAt: try input.signed(), value: try input.double()))
            }
            guard zip(periods, periods.dropFirst()).allSatisfy({ $0.month < $1.month }) else {
                throw StreamEngineError(.corrupt, "periods out of order for park \(id)")
            }
            monthly[seriesIndex(park, Int(metric.rawValue))].periods = periods
        }
    }

    private static func readSet(_ input: inout EngineReader) throws(StreamEngineError) -> StringSet {
        var set = StringSet()
        for _ in 0..<(try input.count()) {
            guard set.insert(try input.string(limit: 1024)).inserted else {
                throw StreamEngineError(.corrupt, "repeated event id in the dedup window")
            }
        }
        return set
    }

    private mutating func readSeries(_ input: inout EngineReader, _ kind: MetricKind, into index: Int)
        throws(StreamEngineError)
    {
        switch try input.byte() {
        case 0: return
        case 1: break
        case let flag: throw StreamEngineError(.corrupt, "series flag \(flag)")
        }
        var series = TelemetrySeries()
        series.allocate(layout)
        series.latest = try Self.readTally(&input, .telemetryRate)
        series.latest.lastAt = try input.signed()
        series.latest.lastValue = try input.double()
        for _ in 0..<(try input.count(minimumBytes: 10)) {
            let month = Int32(clamping: try input.signed())
            guard series.months.last.map({ $0.month < month }) ?? true else {
                throw StreamEngineError(.corrupt, "months out of order")
            }
            series.months.append(MonthTally(month: month, tally: try Self.readTally(&input, kind)))
        }
        for ring in 0..<series.rings.ringCount {
            var index: Int64 = 0
            for position in 0..<(try input.count(minimumBytes: 10, limit: series.rings.slotCount(ring: ring))) {
                if position == 0 {
                    index = try input.signed()
                } else {
                    let delta = try input.varint()
                    guard delta > 0, delta < UInt64(Int64.max), index <= Int64.max - Int64(delta) else {
                        throw StreamEngineError(.corrupt, "bucket indices out of order")
                    }
                    index += Int64(delta)
                }
                let bucket = Bucket(index: index, tally: try Self.readTally(&input, kind))
                let slot = Int(truncatingIfNeeded: index) & (series.rings.slotCount(ring: ring) - 1)
                guard bucket.tally.count > 0, series.rings.restore(ring: ring, slot: slot, bucket: bucket) else {
                    throw StreamEngineError(.corrupt, "bucket \(index) repeats a slot or is empty")
                }
            }
        }
        telemetry[index] = series
    }

    /// The fields `kind` reads; the others get the values no reader looks at (see the format).
    private static func readTally(_ input: inout EngineReader, _ kind: MetricKind) throws(StreamEngineError) -> Tally {
        var tally = Tally()
        tally.count = try input.signed()
        guard tally.count > 0 else { throw StreamEngineError(.corrupt, "tally of \(tally.count) events") }
        switch kind {
        case .telemetryRate:
            tally.sum = try input.double()
            tally.weight = try input.double()
        case .telemetryGauge:
            tally.lastAt = try input.signed()
            tally.lastValue = try input.double()
        default:
            tally.sum = try input.double()
            tally.weight = Double(tally.count)
        }
        return tally
    }
}
