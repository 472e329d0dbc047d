import Foundation
import ParkMetrics

/// Settings of an ``AlertmanagerSink``. The defaults suit an Alertmanager with its default
/// `resolve_timeout` (5 min), which resolves an alert that is not re-sent within that time.
public struct AlertmanagerConfiguration: Sendable {
    /// Alertmanager's base URL, e.g. `http://127.0.0.1:9093`; alerts go to `{base}/api/v2/alerts`.
    public var baseURL: URL
    /// How often firing alerts are sent again, so that Alertmanager keeps them active (Prometheus
    /// re-sends every minute as well). Keep it well under Alertmanager's `resolve_timeout`.
    public var resendInterval = Duration.seconds(60)
    /// Alerts kept at most (firing ones being re-sent plus transitions not yet delivered). Past it
    /// the oldest undelivered resolve is dropped first, then the oldest firing alert; see ``AlertmanagerSink``.
    public var capacity = 10_000
    /// The first wait after a failed POST; it doubles with each further failure.
    public var initialBackoff = Duration.milliseconds(500)
    /// The longest wait between two attempts while Alertmanager is unreachable.
    public var maxBackoff = Duration.seconds(30)
    /// How long one POST may take before it counts as failed.
    public var requestTimeout = Duration.seconds(10)
    /// Alerts in one POST at most.
    public var maxBatch = 500
    /// Sent as each alert's `generatorURL` (e.g. the worker's `/api/alerts`), when set.
    public var generatorURL: String?
    /// The zone of the times in annotations (`started_at`, `event_time`): the parks' +08:00 by default.
    public var offsetSeconds = Int(ParkZone.shanghai.utcOffsetSeconds)

    public init(baseURL: URL) {
        self.baseURL = baseURL
    }

    /// `{base}/api/v2/alerts`.
    public var alertsURL: URL {
        baseURL.appendingPathComponent("api").appendingPathComponent("v2").appendingPathComponent("alerts")
    }
}
