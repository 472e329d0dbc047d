/// The rules of ARCHITECTURE.md §4 for each field, checked in a fixed order so that the error
/// names the first rule broken.
extension EventFields {
    /// The event the fields describe, or the first rule they break.
    @inline(__always)
    func validate(in base: UnsafePointer<UInt8>, caches: inout DecoderCaches) throws(MetricEventError) -> MetricEvent {
        let eventID = try validateEventID(base)
        let parkID = try validateParkID(base, &caches.parks)
        let metric = try validateMetric(base)
        let observedAt = try validateObservedAt(base, &caches.days)
        let value = try validateValue(base, metric: metric)
        let weight = try validateWeight(base)
        let period = try validatePeriod(base, metric: metric)
        try validateUnit(base, metric: metric)
        let source = try validateSource(base, &caches.sources)
        return MetricEvent(
            eventID: eventID, parkID: parkID, metric: metric, observedAt: observedAt, value: value,
            weight: weight, period: period, source: source)
    }

    // MARK: - Fields

    private func validateEventID(_ base: UnsafePointer<UInt8>) throws(MetricEventError) -> EventID {
        let token = try requiredString(.eventID, base)
        let bytes = token.end - token.start
        // A scalar takes 1 to 4 bytes, so 1...128 bytes always hold 1...128 scalars.
        if !token.escaped, bytes >= 1, bytes <= 128 {
            return EventID(utf8: UnsafeBufferPointer(start: base + token.start, count: bytes))
        }
        let text = JSONStrings.string(of: token, in: base)
        let length = text.unicodeScalars.count
        guard (1...128).contains(length) else {
            throw .field("event_id", .format, "must be 1 to 128 characters, got \(length)")
        }
        return EventID(text)
    }

    private func validateParkID(_ base: UnsafePointer<UInt8>, _ cache: inout StringInterner) throws(MetricEventError)
        -> ParkID
    {
        let token = try requiredString(.parkID, base)
        if !token.escaped {
            // A park already seen was valid then; only new IDs are checked against the pattern.
            if let known = cache.find(base, start: token.start, end: token.end) { return ParkID(validated: known) }
            if Self.isParkID(base + token.start, token.end - token.start) {
                return ParkID(validated: cache.add(base, start: token.start, end: token.end))
            }
        }
        let text = JSONStrings.string(of: token, in: base)
        guard let parkID = ParkID(rawValue: text) else {
            throw .field("park_id", .format, "\(JSONStrings.excerpt(text)) does not match ^[a-z0-9][a-z0-9-]{0,63}$")
        }
        return parkID
    }

    private func validateMetric(_ base: UnsafePointer<UInt8>) throws(MetricEventError) -> Metric {
        let token = try requiredString(.metric, base)
        let found: Metric?
        if token.escaped {
            found = Metric(name: JSONStrings.string(of: token, in: base))
        } else {
            found = Metric.matching(base, start: token.start, end: token.end)
        }
        guard let metric = found else {
            let text = JSONStrings.excerpt(JSONStrings.string(of: token, in: base))
            throw .field("metric", .unknownMetric, "unknown metric \(text) (see schemas/metric-catalog.v1.json)")
        }
        guard metric.kind.isPublishable else {
            throw .field("metric", .notPublishable, "derived metric \(metric.name) is not publishable")
        }
        return metric
    }

    private func validateObservedAt(_ base: UnsafePointer<UInt8>, _ days: inout Timestamp.DayCache)
        throws(MetricEventError) -> Timestamp
    {
        let token = try requiredString(.observedAt, base)
        let parsed: Result<Timestamp, Timestamp.RFC3339Failure>
        if token.escaped {
            var bytes = JSONStrings.bytes(of: token, in: base)
            parsed = bytes.withUnsafeMutableBufferPointer { buffer in
                guard let start = buffer.baseAddress else { return .failure(.malformed) }
                return Timestamp.parseRFC3339(UnsafePointer(start), start: 0, end: buffer.count, days: &days)
            }
        } else {
            parsed = Timestamp.parseRFC3339(base, start: token.start, end: token.end, days: &days)
        }
        switch parsed {
        case .success(let timestamp):
            return timestamp
        case .failure(let failure):
            let text = JSONStrings.excerpt(JSONStrings.string(of: token, in: base), quoted: false)
            let reason: String
            switch failure {
            case .malformed: reason = "is not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ss[.frac] and Z or ±hh:mm)"
            case .missingOffset: reason = "has no offset (Z or ±hh:mm is required)"
            case .notRealDate: reason = "is not a real date"
            case .notRealTime: reason = "is not a real time of day"
            case .leapSecond: reason = "has second 60 (leap seconds are not allowed)"
            case .badOffset: reason = "has an offset outside ±23:59"
            }
            throw .field("observed_at", .format, "\(text) \(reason)")
        }
    }

    private func validateValue(_ base: UnsafePointer<UInt8>, metric: Metric) throws(MetricEventError) -> Double {
        guard let token = self[.value] else { throw .field("value", .required, "required") }
        let value = try finiteNumber(.value, token, base)
        guard metric.range.contains(value) else {
            let text = String(
                decoding: UnsafeBufferPointer(start: base + token.start, count: token.end - token.start), as: UTF8.self)
            throw .field(
                "value", .range, "\(text) is outside the range of \(metric.name) (\(metric.range.requirement))")
        }
        return value
    }

    private func validateWeight(_ base: UnsafePointer<UInt8>) throws(MetricEventError) -> Double {
        guard let token = self[.weight] else { return 1 }
        let weight = try finiteNumber(.weight, token, base)
        guard weight > 0 else {
            let text = String(
                decoding: UnsafeBufferPointer(start: base + token.start, count: token.end - token.start), as: UTF8.self)
            throw .field("weight", .range, "\(text) is not > 0")
        }
        return weight
    }

    private func validatePeriod(_ base: UnsafePointer<UInt8>, metric: Metric) throws(MetricEventError) -> YearMonth? {
        guard metric.kind.isMonthly else {
            guard !has(.period) else {
                throw .field("period", .forbidden, "not allowed on telemetry metric \(metric.name)")
            }
            return nil
        }
        guard has(.period) else { throw .field("period", .required, "required for monthly metric \(metric.name)") }
        let token = try requiredString(.period, base)
        let bytes = JSONStrings.bytes(of: token, in: base)
        if bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let year = Self.digits(bytes[0..<4]),
            let month = Self.digits(bytes[5..<7]), let period = YearMonth(year: year, month: month)
        {
            return period
        }
        let text = JSONStrings.excerpt(JSONStrings.string(of: token, in: base))
        throw .field("period", .format, "\(text) is not YYYY-MM with month 01-12")
    }

    private func validateUnit(_ base: UnsafePointer<UInt8>, metric: Metric) throws(MetricEventError) {
        guard let unit = try optionalString(.unit, base), unit != metric.unit else { return }
        throw .field(
            "unit", .unitMismatch,
            "\(JSONStrings.excerpt(unit)) is not the unit of \(metric.name) (\"\(metric.unit)\")")
    }

    private func validateSource(
        _ base: UnsafePointer<UInt8>, _ cache: inout StringInterner
    ) throws(MetricEventError) -> String? {
        guard has(.source) else { return nil }
        let token = try requiredString(.source, base)
        if token.escaped { return JSONStrings.string(of: token, in: base) }
        return cache.string(base, start: token.start, end: token.end)
    }

    /// `^[a-z0-9][a-z0-9-]{0,63}$` on raw bytes (the rule of `ParkID.isValid`, without generics).
    @inline(__always)
    private static func isParkID(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard length >= 1, length <= 64, bytes[0] != UInt8(ascii: "-") else { return false }
        for index in 0..<length {
            let byte = bytes[index]
            let allowed = byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-")
            guard allowed else { return false }
        }
        return true
    }

    // MARK: - Types

    @inline(__always)
    private func requiredString(_ name: Name, _ base: UnsafePointer<UInt8>) throws(MetricEventError) -> JSONToken {
        guard let token = self[name], token.kind == .string else { throw notAString(name) }
        return token
    }

    /// The error for a field that is missing or not a string (kept out of the hot path).
    @inline(never)
    private func notAString(_ name: Name) -> MetricEventError {
        guard let token = self[name] else { return .field(name.wireName, .required, "required") }
        return .field(name.wireName, .type, "must be a string, not \(token.typeName)")
    }

    private func optionalString(_ name: Name, _ base: UnsafePointer<UInt8>) throws(MetricEventError) -> String? {
        guard has(name) else { return nil }
        return JSONStrings.string(of: try requiredString(name, base), in: base)
    }

    private func finiteNumber(_ name: Name, _ token: JSONToken, _ base: UnsafePointer<UInt8>) throws(MetricEventError)
        -> Double
    {
        let text = {
            String(
                decoding: UnsafeBufferPointer(start: base + token.start, count: token.end - token.start), as: UTF8.self)
        }
        if token.kind == .badNumber {
            throw .field(name.wireName, .type, "\(JSONStrings.excerpt(text())) is not a number")
        }
        guard token.kind == .number else {
            throw .field(name.wireName, .type, "must be a number, not \(token.typeName)")
        }
        let parsed = token.number.isNaN ? JSONNumber.parse(base, start: token.start, end: token.end) : token.number
        guard let number = parsed, number.isFinite else {
            throw .field(
                name.wireName, .notFinite, "\(JSONStrings.excerpt(text(), quoted: false)) is not a finite number")
        }
        return number
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}
