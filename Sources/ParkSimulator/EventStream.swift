import ParkMetrics

/// One source of simulated events (a monitor, a meter, a statistics office), in event-time order.
protocol EventStream: AnyObject {
    /// The time of the next event, or nil when the stream has ended.
    var nextTime: Timestamp? { get }
    /// The next event; only called while `nextTime` is not nil.
    func next() -> MetricEvent
}

/// A stream that samples at a fixed interval and may skip samples.
class PeriodicStream: EventStream {
    let park: ParkProfile
    let source: String
    let interval: Duration
    let end: Timestamp
    var random: SeededRandom
    private(set) var nextTime: Timestamp?
    private var sequence = 0

    init(
        park: ParkProfile, source: String, from start: Timestamp, every interval: Duration, until end: Timestamp,
        seed: UInt64
    ) {
        self.park = park
        self.source = source
        self.interval = interval
        self.end = end
        self.random = SeededRandom(seed: seed, stream: "\(park.id)/\(source)")
        self.nextTime = start
        skipSilence()
    }

    /// The event for the sample at `time`.
    func sample(at time: Timestamp) -> (metric: Metric, value: Double, weight: Double) {
        preconditionFailure("subclasses sample")
    }

    /// Whether the source sends nothing at `time`.
    func isSilent(at time: Timestamp) -> Bool { false }

    func next() -> MetricEvent {
        let time = nextTime ?? end
        let drawn = sample(at: time)
        sequence += 1
        advance(from: time)
        return MetricEvent(
            eventID: "\(park.id)-\(source)-\(Self.pad(sequence))", parkID: park.id, metric: drawn.metric,
            observedAt: time, value: drawn.value, weight: drawn.weight, source: source)
    }

    private func advance(from time: Timestamp) {
        nextTime = time + interval
        skipSilence()
    }

    private func skipSilence() {
        while let time = nextTime, time < end, isSilent(at: time) { nextTime = time + interval }
        if let time = nextTime, time >= end { nextTime = nil }
    }

    static func pad(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
