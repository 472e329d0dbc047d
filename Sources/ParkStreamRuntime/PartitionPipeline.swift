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
    /// Each threshold rule's engine window, parsed once.
    private let windows: [String: Window]
    /// When each park's telemetry of each metric began: a sliding window is judged only once the
    /// park has data for all of it (a 24-hour rate over the first ten minutes is not a 24-hour rate).
    var telemetryStart: [TelemetryKey: Timestamp] = [:]

    struct TelemetryKey: Hashable, Sendable {
        var park: ParkID
        var metric: Metric
    }

    /// What one event did.
    public struct Step: Sendable {
        public var outcome: IngestOutcome
        /// Alert transitions, in the order they happened.
        public var transitions: [AlertTransition]
    }

    public init(rules: RuleSet, configuration: EngineConfiguration = EngineConfiguration()) {
        var configuration = configuration
        var windows: [String: Window] = [:]
        for rule in rules.targets {
            guard let window = Window(rule.aggregateWindow) else { continue }
            windows[rule.aggregateWindow] = window
            // Every sliding window a rule reads must be kept by the engine.
            if case .sliding(let span) = window, !configuration.slidingWindows.contains(span) {
                configuration.slidingWindows.append(span)
            }
        }
        self.engine = PartitionEngine(configuration: configuration)
        self.evaluator = RuleEvaluator(rules: rules)
        self.absences = rules.completeness.compactMap { AbsenceTracker(rule: $0) }
        self.deadlines = rules.completeness.compactMap { DueDayTracker(rule: $0, zone: configuration.zone) }
        self.windows = windows
    }

    /// Ingests one event and evaluates the rules it can change.
    public mutating func process(_ event: MetricEvent) -> Step {
        let outcome = engine.ingest(event)
        guard outcome == .accepted else { return Step(outcome: outcome, transitions: []) }
        if event.metric.kind.isTelemetry {
            let key = TelemetryKey(park: event.parkID, metric: event.metric)
            telemetryStart[key] = min(telemetryStart[key] ?? event.observedAt, event.observedAt)
        }
        var transitions: [AlertTransition] = []
        for index in absences.indices where absences[index].rule.metric == event.metric {
            if let resolved = absences[index].observe(park: event.parkID, at: event.observedAt) {
                transitions.append(resolved)
            }
        }
        if let period = event.period {
            for index in deadlines.indices where deadlines[index].rule.metric == event.metric {
                if let resolved = deadlines[index].observe(park: event.parkID, period: period, at: event.observedAt) {
                    transitions.append(resolved)
                }
            }
        }
        let reader = AggregateReader(engine: engine, windows: windows, telemetryStart: telemetryStart)
        transitions += evaluator.evaluate(park: event.parkID, metric: event.metric, at: event.observedAt) { rule in
            reader.value(rule, park: event.parkID)
        }
        if let streamTime = engine.streamTime {
            for index in absences.indices { transitions += absences[index].advance(streamTime: streamTime) }
            for index in deadlines.indices { transitions += deadlines[index].advance(streamTime: streamTime) }
        }
        return Step(outcome: outcome, transitions: transitions)
    }

    /// The alerts firing now.
    public var firing: [AlertTransition] { evaluator.firing }
}

/// Reads the value a threshold rule judges, from a snapshot of the pipeline's state.
private struct AggregateReader {
    let engine: PartitionEngine
    let windows: [String: Window]
    let telemetryStart: [PartitionPipeline.TelemetryKey: Timestamp]

    /// The rule's aggregate for `park`, or nil while it is undefined.
    func value(_ rule: TargetRule, park: ParkID) -> Double? {
        guard let window = windows[rule.aggregateWindow] else { return nil }
        if case .sliding(let span) = window {
            guard let start = telemetryStart[PartitionPipeline.TelemetryKey(park: park, metric: rule.metric)],
                let clock = engine.clock(of: park), clock - span >= start
            else { return nil }
        }
        return engine.aggregate(park: park, metric: rule.metric, window: window)?.value
    }
}
