import Foundation
import ParkMetrics
import ParkRules

extension AlertEvent {
    /// Why bytes are not an alert event v1.
    public struct DecodingFailure: Error, CustomStringConvertible, Sendable {
        /// The field at fault (empty when the bytes are not a JSON object), and why.
        public var reason: String

        public var description: String { reason }
    }

    /// Reads an alert event v1 (ARCHITECTURE.md §7) as ``canonicalJSON(offsetSeconds:)`` writes it,
    /// e.g. a message value of the alerts topic. `alert_id` and `summary` are kept as written;
    /// `canonicalJSON()` of the result gives the same bytes back for events written in +08:00.
    /// Not a hot path: `parkstream alerts` and tests use it.
    public init(canonicalJSON bytes: some Collection<UInt8>) throws {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(bytes))
        } catch {
            throw DecodingFailure(reason: "not an alert event v1: \(Self.describe(error))")
        }
        func require<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw DecodingFailure(reason: "\(field): invalid value") }
            return value
        }
        var transition = try AlertTransition(
            ruleID: wire.ruleID, parkID: require(ParkID(rawValue: wire.parkID), "park_id"),
            metric: require(Metric(name: wire.metric), "metric"), window: wire.window,
            state: require(AlertTransition.State(rawValue: wire.state), "state"),
            severity: require(Severity(rawValue: wire.severity), "severity"), value: wire.value ?? .nan,
            threshold: wire.threshold ?? .nan, condition: wire.condition,
            startedAt: require(Timestamp(rfc3339: wire.startedAt), "started_at"),
            eventTime: require(Timestamp(rfc3339: wire.eventTime), "event_time"),
            resolvedAt: wire.resolvedAt.map { try require(Timestamp(rfc3339: $0), "resolved_at") })
        transition.alertID = wire.alertID
        let source: AlertSource
        if let topic = wire.source.topic, let partition = wire.source.partition, let offset = wire.source.offset {
            source = .kafka(topic: topic, partition: partition, offset: offset)
        } else if let file = wire.source.file, let line = wire.source.line {
            source = .file(path: file, line: line)
        } else {
            throw DecodingFailure(reason: "source: neither topic/partition/offset nor file/line")
        }
        self.init(transition: transition, summary: wire.summary, source: source)
    }

    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, _): return "\(key.stringValue): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default: return "\(decoding)"
        }
    }

    /// The wire fields.
    private struct Wire: Decodable {
        struct Source: Decodable {
            var topic: String?
            var partition: Int32?
            var offset: Int64?
            var file: String?
            var line: Int?
        }

        enum CodingKeys: String, CodingKey {
            case alertID = "alert_id", ruleID = "rule_id", parkID = "park_id", metric, window, state, severity
            case value, threshold, condition, startedAt = "started_at", resolvedAt = "resolved_at"
            case eventTime = "event_time", summary, source
        }

        var alertID: String
        var ruleID: String
        var parkID: String
        var metric: String
        var window: String
        var state: String
        var severity: String
        var value: Double?
        var threshold: Double?
        var condition: String
        var startedAt: String
        var resolvedAt: String?
        var eventTime: String
        var summary: String
        var source: Source
    }
}
