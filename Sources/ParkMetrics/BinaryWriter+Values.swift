// MARK: - Domain values in checkpoints

extension BinaryWriter {
    /// An instant, as zigzag microseconds.
    package mutating func timestamp(_ value: Timestamp) { signed(value.microseconds) }

    /// A presence byte (0 or 1), then the instant if present.
    package mutating func optionalTimestamp(_ value: Timestamp?) {
        guard let value else { return byte(0) }
        byte(1)
        timestamp(value)
    }

    /// A park id, as its string.
    package mutating func park(_ value: ParkID) { string(value.rawValue) }

    /// A metric, as its catalog number.
    package mutating func metric(_ value: Metric) { byte(value.rawValue) }

    /// A month, as its zigzag ordinal.
    package mutating func yearMonth(_ value: YearMonth) { signed(Int64(value.ordinal)) }
}

extension BinaryReader {
    /// What `BinaryWriter.timestamp` wrote: an instant of years 1 to 9999 (RFC 3339's), so that
    /// differences of restored instants cannot overflow.
    package mutating func timestamp() throws(Failure) -> Timestamp {
        let microseconds = try signed()
        guard (-62_135_596_800_000_000...253_402_300_799_999_999).contains(microseconds) else {
            throw .corrupt("instant \(microseconds) µs out of range")
        }
        return Timestamp(microseconds: microseconds)
    }

    /// What `BinaryWriter.optionalTimestamp` wrote.
    package mutating func optionalTimestamp() throws(Failure) -> Timestamp? {
        switch try byte() {
        case 0: return nil
        case 1: return try timestamp()
        case let flag: throw .corrupt("presence flag \(flag) at byte \(offset - 1)")
        }
    }

    /// What `BinaryWriter.park` wrote: a valid park id.
    package mutating func park() throws(Failure) -> ParkID {
        let text = try string(limit: 64)
        guard let park = ParkID(rawValue: text) else { throw .corrupt("bad park id \"\(text)\"") }
        return park
    }

    /// What `BinaryWriter.metric` wrote: a metric of the catalog.
    package mutating func metric() throws(Failure) -> Metric {
        let number = try byte()
        guard let metric = Metric(rawValue: number) else { throw .corrupt("unknown metric number \(number)") }
        return metric
    }

    /// What `BinaryWriter.yearMonth` wrote: a month of years 0 to 9999.
    package mutating func yearMonth() throws(Failure) -> YearMonth {
        let ordinal = try signed()
        guard (0..<120_000).contains(ordinal) else { throw .corrupt("month ordinal \(ordinal) out of range") }
        return YearMonth(ordinal: Int(ordinal))
    }
}
