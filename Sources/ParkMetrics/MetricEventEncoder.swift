/// Writes metric events v1 as canonical NDJSON (ARCHITECTURE.md §4), for the simulator, files and tests.
///
/// Canonical form: keys in the order `event_id`, `park_id`, `metric`, `observed_at`, `value`,
/// `weight`, then `period`, `unit` and `source` when present; no whitespace; numbers in the shortest
/// form that reads back as the same double (`ShortestNumber`); `observed_at` in a fixed offset.
/// `MetricEventDecoder` reads the output back as an equal event.
public struct MetricEventEncoder: Sendable {
    /// The offset `observed_at` is written in, in seconds east of UTC (default +08:00, China).
    public var offsetSeconds: Int
    /// Whether to write the optional `unit` field (the catalog's unit of the metric).
    public var includeUnit: Bool

    /// An encoder writing `observed_at` at `offsetSeconds` (whole minutes, within ±23:59).
    public init(offsetSeconds: Int = 8 * 3600, includeUnit: Bool = false) {
        self.offsetSeconds = offsetSeconds
        self.includeUnit = includeUnit
    }

    /// The event as one JSON object, without a newline.
    public func encode(_ event: MetricEvent) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(192)
        append(event, to: &out)
        return out
    }

    /// The event as one line of text, without a newline.
    public func string(_ event: MetricEvent) -> String {
        String(decoding: encode(event), as: UTF8.self)
    }

    /// Appends the event and a newline to `out`.
    public func appendLine(_ event: MetricEvent, to out: inout [UInt8]) {
        append(event, to: &out)
        out.append(UInt8(ascii: "\n"))
    }

    private func append(_ event: MetricEvent, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"event_id\":".utf8)
        event.eventID.withUTF8 { Self.appendString($0, to: &out) }
        out.append(contentsOf: ",\"park_id\":".utf8)
        Self.appendString(event.parkID.rawValue, to: &out)
        out.append(contentsOf: ",\"metric\":".utf8)
        Self.appendString(event.metric.name, to: &out)
        out.append(contentsOf: ",\"observed_at\":".utf8)
        Self.appendString(event.observedAt.rfc3339(offsetSeconds: offsetSeconds), to: &out)
        out.append(contentsOf: ",\"value\":".utf8)
        out.append(contentsOf: ShortestNumber.format(event.value).utf8)
        out.append(contentsOf: ",\"weight\":".utf8)
        out.append(contentsOf: ShortestNumber.format(event.weight).utf8)
        if let period = event.period {
            out.append(contentsOf: ",\"period\":".utf8)
            Self.appendString(period.description, to: &out)
        }
        if includeUnit {
            out.append(contentsOf: ",\"unit\":".utf8)
            Self.appendString(event.metric.unit, to: &out)
        }
        if let source = event.source {
            out.append(contentsOf: ",\"source\":".utf8)
            Self.appendString(source, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, the
    /// rest as UTF-8.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString($0, to: &out) }
    }

    static func appendString(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0..<0x20: out.append(contentsOf: "\\u00\(JSONScanner.hex(byte))".utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
