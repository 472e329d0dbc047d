import ParkMetrics

/// Paces a replay of event time against the wall clock: event time runs `speed` times faster
/// than the wall from `liveStart` on (earlier events, the history, go out at once), and at most
/// `rate` events a second go out.
public struct Pacer {
    /// Simulated seconds per wall-clock second; nil for no pacing by event time.
    public var speed: Double?
    /// Events per wall-clock second at most; nil for no limit.
    public var rate: Double?
    /// Event time at which pacing starts.
    public var liveStart: Timestamp

    private let clock = ContinuousClock()
    private let wallStart: ContinuousClock.Instant
    private var sent = 0

    public init(speed: Double?, rate: Double?, liveStart: Timestamp) {
        self.speed = speed
        self.rate = rate
        self.liveStart = liveStart
        self.wallStart = clock.now
    }

    /// How long to wait before sending an event at `eventTime` (zero when it is due).
    public mutating func delay(before eventTime: Timestamp) -> Duration {
        sent += 1
        var due = Duration.zero
        if let speed, speed > 0, eventTime > liveStart {
            let simulated = Double(eventTime.microseconds - liveStart.microseconds) / 1e6
            due = .microseconds(Int64(simulated / speed * 1e6))
        }
        if let rate, rate > 0 {
            due = max(due, .microseconds(Int64(Double(sent) / rate * 1e6)))
        }
        let elapsed = clock.now - wallStart
        return due > elapsed ? due - elapsed : .zero
    }

    /// Wall-clock time since pacing began.
    public var elapsed: Duration { clock.now - wallStart }
}
