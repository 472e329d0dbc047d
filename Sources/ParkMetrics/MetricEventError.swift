/// Why a line is not a valid metric event v1 (ARCHITECTURE.md §4).
///
/// The message reads `<field>: <reason>`, naming the field and the rule broken, for example
/// `value: 1.2 is outside the range of wastewater_compliance (must be >= 0 and <= 1)`. Errors about
/// the line as a whole (JSON syntax, encoding, nesting, length) have no field and read `json: <reason>`.
public struct MetricEventError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule that was broken. The raw values are stable and may be used as metric labels.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// Not RFC 8259 JSON (including NaN and Infinity, trailing data, bad escapes).
        case syntax = "json_syntax"
        /// Invalid UTF-8, an encoded or escaped lone surrogate, or a misplaced byte order mark.
        case encoding = "encoding"
        /// Arrays and objects nested deeper than 64 levels.
        case tooDeep = "too_deep"
        /// A line over 64 KiB (excluding its newline).
        case tooLong = "too_long"
        /// Valid JSON, but the line is not one object.
        case notObject = "not_object"
        /// A key appears twice in one object.
        case duplicateKey = "duplicate_key"
        /// A required field is missing.
        case required = "required"
        /// A field has the wrong JSON type.
        case type = "type"
        /// A string field does not have the required form (length, pattern, date, period).
        case format = "format"
        /// `metric` is not in the catalog.
        case unknownMetric = "unknown_metric"
        /// `metric` names a derived metric, which is computed, not published.
        case notPublishable = "not_publishable"
        /// A number that is not finite once parsed (`1e400`).
        case notFinite = "not_finite"
        /// A number outside the allowed range (`value` of the metric, `weight` > 0).
        case range = "range"
        /// A field that the metric's kind does not allow (`period` on telemetry).
        case forbidden = "forbidden"
        /// `unit` differs from the catalog's unit of the metric.
        case unitMismatch = "unit_mismatch"
        /// A CSV input breaks RFC 4180 or the header contract.
        case csv = "csv"

        /// Whether the rule is about the bytes as JSON (or CSV) rather than about the event's fields.
        public var isSyntactic: Bool {
            switch self {
            case .syntax, .encoding, .tooDeep, .tooLong, .csv: true
            default: false
            }
        }
    }

    /// The event field at fault (`value`, `observed_at`), or nil when the line as a whole is.
    public var field: String?
    /// The rule broken.
    public var code: Code
    /// What is wrong, in words, naming the offending value where that helps.
    public var reason: String

    /// Makes an error; `field` is nil for errors about the line as a whole.
    public init(field: String?, code: Code, reason: String) {
        self.field = field
        self.code = code
        self.reason = reason
    }

    /// `<field>: <reason>`, or `json: <reason>` when no field is at fault (`csv: …` for CSV structure).
    public var description: String {
        if let field { return "\(field): \(reason)" }
        return code == .csv ? "csv: \(reason)" : "json: \(reason)"
    }

    /// Bad input is never worth retrying as it is.
    public var isRetriable: Bool { false }

    /// Bad input never stops processing: it is reported and the stream goes on.
    public var isFatal: Bool { false }
}

extension MetricEventError {
    static func syntax(_ reason: String) -> MetricEventError {
        MetricEventError(field: nil, code: .syntax, reason: reason)
    }

    static func encoding(_ reason: String) -> MetricEventError {
        MetricEventError(field: nil, code: .encoding, reason: reason)
    }

    static func field(_ name: String, _ code: Code, _ reason: String) -> MetricEventError {
        MetricEventError(field: name, code: code, reason: reason)
    }
}
