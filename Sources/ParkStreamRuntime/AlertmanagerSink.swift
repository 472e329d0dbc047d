import Foundation
import Logging
import ParkMetrics
import ParkRules

/// Sends alert transitions to Prometheus Alertmanager's v2 API (`POST {base}/api/v2/alerts`),
/// re-sends firing alerts every `resendInterval` until they resolve, and never holds up the caller.
///
/// `deliver` turns the event into an ``AlertmanagerAlert`` (event time, clamped to the wall clock:
/// see there) and queues it; the sink's own thread does the HTTP. When Alertmanager is down or
/// answers 5xx, nothing is lost: everything stays queued and the thread retries with exponential
/// backoff (`initialBackoff` doubling up to `maxBackoff`, 0.5 s → 30 s by default), then sends it
/// all in delivery order. The queue is bounded by `capacity` alerts (10,000 by default; one
/// entry per alert id, since a resolve replaces its firing alert): beyond it the oldest
/// undelivered resolve is dropped first (Alertmanager resolves an alert that stops being re-sent
/// after its `resolve_timeout`), then the oldest firing alert, each counted in `dropped` and logged.
/// A 400 answer means Alertmanager kept the valid alerts of the batch and refused the others for
/// good; they are counted in `refused` and logged, not retried.
///
/// Firing alerts move with their input partitions: the worker that takes a partition over
/// `adopt`s the alerts firing there once it has caught up with what the previous owner wrote, and
/// the worker that gives it up `release`s them. Otherwise the new owner would let them expire in
/// Alertmanager (after its `resolve_timeout`) while they still fire, and the old one would keep
/// re-sending an alert after the new owner resolved it.
///
/// Lifecycle: the thread starts with the sink and ends in `close(timeout:)`, which sends what it
/// can within the timeout; call it on shutdown (the thread keeps the sink alive until then).
///
/// `@unchecked Sendable`: all mutable state (`queue`, `counts`, `closing`, `finished`) is read
/// and written only while holding `condition`'s lock.
public final class AlertmanagerSink: AlertSink, @unchecked Sendable {
    /// Counts for the ops port's `/metrics`.
    public struct Statistics: Sendable, Hashable {
        /// Alerts Alertmanager accepted, re-sends included.
        public var accepted = 0
        /// Alerts in batches Alertmanager answered with 400 (refused for good).
        public var refused = 0
        /// POSTs that failed and were retried.
        public var failedAttempts = 0
        /// Alerts dropped because the queue was full.
        public var dropped = 0
        /// Transitions not yet accepted.
        public var pending = 0
        /// Firing alerts kept and re-sent.
        public var firing = 0
    }

    private let configuration: AlertmanagerConfiguration
    private let client: AlertmanagerClient
    private let logger: Logger
    private let clock = ContinuousClock()
    private let condition = NSCondition()
    private var queue: AlertmanagerQueue
    private var counts = Statistics()
    private var closing: ContinuousClock.Instant?
    private var finished = false

    /// Starts the sink's thread.
    public init(configuration: AlertmanagerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.client = AlertmanagerClient(url: configuration.alertsURL, timeout: configuration.requestTimeout)
        self.logger = logger
        self.queue = AlertmanagerQueue(
            capacity: configuration.capacity, resendInterval: configuration.resendInterval,
            initialBackoff: configuration.initialBackoff, maxBackoff: configuration.maxBackoff)
        let thread = Thread { [self] in run() }
        thread.name = "parkstream-alertmanager"
        thread.start()
    }

    /// The counts so far.
    public var statistics: Statistics {
        locked {
            var counts = counts
            counts.pending = queue.unsentCount
            counts.firing = queue.firingCount
            return counts
        }
    }

    // MARK: - AlertSink

    public func deliver(_ event: AlertEvent) throws {
        var partition: Int32?
        if case .kafka(_, let number, _) = event.source { partition = number }
        let alert = AlertmanagerAlert(
            event.transition, summary: event.summary, now: Self.wallClock(),
            generatorURL: configuration.generatorURL, offsetSeconds: configuration.offsetSeconds)
        try enqueue { queue in queue.add(id: event.transition.alertID, alert: alert, partition: partition) }
    }

    /// Takes on the firing alerts of a partition this worker took over: each one it does not hold
    /// is sent at once (Alertmanager keeps an alert it already has as it is) and re-sent from then on.
    public func adopt(firing: [AlertTransition], partition: Int32) {
        guard !firing.isEmpty else { return }
        let now = Self.wallClock()
        let alerts = firing.map { transition in
            AlertmanagerAlert(
                transition, summary: AlertSummary.text(for: transition, offsetSeconds: configuration.offsetSeconds),
                now: now, generatorURL: configuration.generatorURL, offsetSeconds: configuration.offsetSeconds)
        }
        // A closed sink sends nothing more: there is nothing to take on.
        try? enqueue { queue in
            zip(firing, alerts).reduce(0) { $0 + queue.adopt(id: $1.0.alertID, alert: $1.1, partition: partition) }
        }
    }

    /// Stops re-sending the firing alerts of partitions this worker gave up.
    public func release(partitions: [Int32]) {
        let released = locked { queue.release(partitions: Set(partitions)) }
        if released > 0 {
            logger.info(
                "no longer re-sending the firing alerts of released partitions",
                metadata: ["alerts.released": "\(released)", "kafka.partitions": "\(partitions.sorted())"])
        }
    }

    private static func wallClock() -> Timestamp {
        Timestamp(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }

    /// Changes the queue while the sink is open and wakes its thread; `change` returns how many
    /// entries it dropped to stay within capacity.
    private func enqueue(_ change: (inout AlertmanagerQueue) -> Int) throws {
        let dropped = try locked {
            guard closing == nil else {
                throw AlertSinkError(code: .closed, reason: "the Alertmanager sink is closed")
            }
            let dropped = change(&queue)
            counts.dropped += dropped
            condition.broadcast()
            return dropped
        }
        if dropped > 0 {
            logger.error(
                "Alertmanager queue full: dropped the oldest alerts",
                metadata: ["alerts.dropped": "\(dropped)", "alerts.capacity": "\(configuration.capacity)"])
        }
    }

    /// Waits until Alertmanager has accepted every transition delivered so far (re-sends of firing
    /// alerts do not count); throws `timedOut` with the number still queued (they stay queued).
    public func flush(timeout: Duration) throws {
        let deadline = clock.now + timeout
        let left = locked {
            while queue.unsentCount > 0, !finished, clock.now < deadline {
                _ = condition.wait(until: deadline)
            }
            return queue.unsentCount
        }
        if left > 0 {
            throw AlertSinkError(
                code: .timedOut, reason: "\(left) alerts not yet accepted by \(configuration.baseURL) after \(timeout)")
        }
    }

    /// Sends what is queued for up to `timeout`, then stops the thread; throws `timedOut` naming
    /// how many transitions were never accepted (they are lost with the sink).
    public func close(timeout: Duration) throws {
        let left = locked {
            if closing == nil { closing = clock.now + timeout }
            condition.broadcast()
            while !finished { condition.wait() }
            return queue.unsentCount
        }
        if left > 0 {
            throw AlertSinkError(
                code: .timedOut, reason: "\(left) alerts never accepted by \(configuration.baseURL) before close")
        }
    }

    // MARK: - The sink's thread

    private func run() {
        while let batch = nextBatch() {
            let outcome = client.post(batch.alerts)
            report(outcome, for: batch)
        }
    }

    /// Waits until something is due and returns it; nil when closing is done.
    private func nextBatch() -> AlertmanagerQueue.Batch? {
        locked {
            while true {
                let now = clock.now
                if let closing, queue.unsentCount == 0 || now >= closing {
                    finished = true
                    condition.broadcast()
                    return nil
                }
                if let batch = queue.due(now: now, limit: configuration.maxBatch) { return batch }
                let wake = [queue.nextWake(now: now), closing].compactMap { $0 }.min()
                if let wake { _ = condition.wait(until: wake) } else { condition.wait() }
            }
        }
    }

    private func report(_ outcome: AlertmanagerClient.Outcome, for batch: AlertmanagerQueue.Batch) {
        let url = configuration.alertsURL.absoluteString
        let wait: Duration? = locked {
            defer { condition.broadcast() }
            switch outcome {
            case .accepted:
                counts.accepted += batch.alerts.count
                queue.accepted(batch, at: clock.now)
                return nil
            case .refused:
                counts.refused += batch.alerts.count
                queue.accepted(batch, at: clock.now)
                return nil
            case .failed:
                counts.failedAttempts += 1
                return queue.failed(at: clock.now)
            }
        }
        switch outcome {
        case .accepted:
            logger.debug(
                "alerts sent", metadata: ["alertmanager.url": "\(url)", "alerts.count": "\(batch.alerts.count)"])
        case .refused(let reason):
            logger.error(
                "Alertmanager refused alerts",
                metadata: ["alertmanager.url": "\(url)", "alerts.count": "\(batch.alerts.count)", "error": "\(reason)"])
        case .failed(let reason):
            logger.warning(
                "Alertmanager unreachable, will retry",
                metadata: ["alertmanager.url": "\(url)", "retry.in": "\(wait ?? .zero)", "error": "\(reason)"])
        }
    }

    // MARK: - Helpers

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }
}
