import KafkaClient
import Logging
import ParkMetrics
import ParkRules

/// The alerts a what-if diff (`parkstream replay --diff-against`) compares against: an alerts
/// NDJSON file (as `replay --alerts` writes it) or the alerts topic, read whole.
public enum BaselineAlerts {
    /// Why a baseline cannot be read: the line or message at fault and why.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The alert events of NDJSON `bytes` (blank lines skipped); the first line that is not an
    /// alert event v1 fails the whole file, named `path:line`.
    public static func read(ndjson bytes: [UInt8], path: String) throws(Failure) -> [AlertEvent] {
        var events: [AlertEvent] = []
        var number = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            guard trimmed.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            do {
                events.append(try AlertEvent(canonicalJSON: trimmed))
            } catch {
                throw Failure(description: "\(path):\(number): \(error)")
            }
        }
        return events
    }

    /// Every alert event on `topic` up to the end offsets seen at the start (no consumer group,
    /// nothing committed); a message that is not an alert event v1 fails, named
    /// `topic/partition/offset`.
    public static func read(topic: String, client: KafkaClientConfiguration, logger: Logger) throws -> [AlertEvent] {
        var range = try TopicRange(client: client, topic: topic, from: nil, logger: logger)
        var events: [AlertEvent] = []
        try range.read { record, _, bytes in
            do {
                events.append(try AlertEvent(canonicalJSON: bytes.value(of: record)))
            } catch {
                throw Failure(description: "\(topic)/\(record.partition)/\(record.offset): \(error)")
            }
        }
        return events
    }
}
