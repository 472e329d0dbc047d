import ParkMetrics
import ParkRules
import StreamEngine

/// Everything one input partition computes, in one place and with no I/O: the engine's aggregates,
/// the threshold rules evaluated after each accepted event at its `observed_at`, and the
/// completeness rules driven by the partition's stream time (ARCHITECTURE.md §5). The worker and
/// replay both feed events through this, so live and replayed runs raise the same alerts.
public struct PartitionPipeline: Sendable {
    public internal(set) var engine: PartitionEngine
    var evaluator: RuleEvaluator
    var absences: [AbsenceTracker]
    var deadlines: [DueDayTracker]
    /// The metric of each tracker in `absences` and `deadlines`: matching an event against these
    /// does not copy the trackers.
    private let absenceMetrics: [Metric]
    private let deadlineMetrics: [Metric]
    /// Per position in `rules.targets`: what the rule reads from the engine, parsed once.
    private let queries: [Query]
    /// When each park's telemetry of each metric began: a sliding window is judged only once the
    /// park has data for all of it (a 24-hour rate over the first ten minutes is not a 24-hour rate).
    var telemetryStart: [TelemetryKey: Timestamp] = [:]
    /// When set, every aggregate a threshold rule judges is noted here (replay reports; the
    /// worker leaves it nil). Not part of checkpoints.
    public var series: RuleSeries?

    struct TelemetryKey: Hashable, Sendable {
        var park: ParkID
        var metric: Metric
    }

    /// A threshold rule's aggregate: its metric over its engine window (nil: a window the engine
    /// does not know, never defined).
    private struct Query: Sendable {
        /// The position of the first rule with the same metric and window: rules read the same
        /// aggregate when their keys are equal.
        var key: Int
        var metric: Metric
        var window: Window?
        /// The window's name in alert events (`24h`, `yoy`).
        var name: String
        /// A sliding window's span, µs.
        var span: Int64?
    }

    /// What one event did.
    public struct Step: Sendable {
        public var outcome: IngestOutcome
        /// Alert transitions, in the order they happened.
        public var transitions: [AlertTransition]
    }

    public init(rules: RuleSet, configuration: EngineConfiguration = EngineConfiguration()) {
        var configuration = configuration
        var queries: [Query] = []
        for rule in rules.targets {
            let window = Window(rule.aggregateWindow)
            let key = queries.firstIndex { $0.metric == rule.metric && $0.window == window } ?? queries.count
            var query = Query(key: key, metric: rule.metric, window: window, name: rule.aggregateWindow)
            if case .sliding(let span) = window {
                query.span = span.microsecondsRoundedDown
                // Every sliding window a rule reads must be kept by the engine.
                if !configuration.slidingWindows.contains(span) { configuration.slidingWindows.append(span) }
            }
            queries.append(query)
        }
        self.engine = PartitionEngine(configuration: configuration)
        self.evaluator = RuleEvaluator(rules: rules)
        self.absences = rules.completeness.compactMap { AbsenceTracker(rule: $0) }
        self.deadlines = rules.completeness.compactMap { DueDayTracker(rule: $0, zone: configuration.zone) }
        self.queries = queries
        self.absenceMetrics = absences.map(\.rule.metric)
        self.deadlineMetrics = deadlines.map(\.rule.metric)
    }

    /// Ingests one event and evaluates the rules it can change.
    public mutating func process(_ event: MetricEvent) -> Step {
        let outcome = engine.ingest(event)
        guard outcome == .accepted else { return Step(outcome: outcome, transitions: []) }
        let start = event.metric.kind.isTelemetry ? noteTelemetry(of: event) : nil
        var transitions: [AlertTransition] = []
        for index in absences.indices where absenceMetrics[index] == event.metric {
            absences[index].observe(park: event.parkID, at: event.observedAt, into: &transitions)
        }
        if let period = event.period {
            for index in deadlines.indices where deadlineMetrics[index] == event.metric {
                deadlines[index].observe(park: event.parkID, period: period, at: event.observedAt, into: &transitions)
            }
        }
        // Rules in a row on the same aggregate (a warning and a critical level) read it once.
        var last: (key: Int, value: Double?)?
        for position in evaluator.rulePositions(affectedBy: event.metric)
        where evaluator.appliesRule(at: position, to: event.parkID) {
            let query = queries[position]
            let value: Double?
            if let last, last.key == query.key {
                value = last.value
            } else {
                let known = query.metric == event.metric ? start : nil
                value = aggregate(query, park: event.parkID, telemetryStart: known)
                last = (query.key, value)
                if series != nil, let value {
                    series?.record(
                        RuleSeries.Key(parkID: event.parkID, metric: query.metric, window: query.name), value: value,
                        at: event.observedAt)
                }
            }
            evaluator.observe(
                ruleAt: position, park: event.parkID, value: value, at: event.observedAt, into: &transitions)
        }
        if let streamTime = engine.streamTime {
            // Appending only what fired: adding even an empty array to the empty `transitions`
            // allocates a buffer.
            for index in absences.indices {
                let fired = absences[index].advance(streamTime: streamTime)
                if !fired.isEmpty { transitions += fired }
            }
            for index in deadlines.indices {
                let fired = deadlines[index].advance(streamTime: streamTime)
                if !fired.isEmpty { transitions += fired }
            }
        }
        return Step(outcome: outcome, transitions: transitions)
    }

    /// The alerts firing now.
    public var firing: [AlertTransition] { evaluator.firing }
}

// MARK: - Rule inputs

extension PartitionPipeline {
    /// Notes when the park's telemetry of the event's metric began; returns that instant.
    private mutating func noteTelemetry(of event: MetricEvent) -> Timestamp {
        let key = TelemetryKey(park: event.parkID, metric: event.metric)
        if let start = telemetryStart[key], start <= event.observedAt { return start }
        telemetryStart[key] = event.observedAt
        return event.observedAt
    }

    /// The aggregate a threshold rule judges for `park`, or nil while it is undefined;
    /// `telemetryStart` is the start of the park's telemetry of the query's metric when the caller
    /// has it at hand.
    private mutating func aggregate(_ query: Query, park: ParkID, telemetryStart start: Timestamp?) -> Double? {
        guard let window = query.window else { return nil }
        if let span = query.span {
            guard let start = start ?? telemetryStart[TelemetryKey(park: park, metric: query.metric)],
                let clock = engine.clock(of: park), clock.microseconds - span >= start.microseconds
            else { return nil }
        }
        return engine.liveAggregate(park: park, metric: query.metric, window: window)?.value
    }
}
