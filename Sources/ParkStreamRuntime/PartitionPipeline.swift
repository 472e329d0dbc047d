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
    /// Per park index of the engine (`PartitionEngine.index(of:)`) × `Metric.rawValue`: when the
    /// park's telemetry of the metric began (nil before). A sliding window is judged only once the
    /// park has data for all of it (a 24-hour rate over the first ten minutes is not a 24-hour rate).
    var telemetryStart: [Timestamp?] = []
    /// Per park index of the engine: where the park's rule state is kept.
    private var slots: [RuleSlots] = []
    /// `Metric.allCases.count`: the stride of `telemetryStart`.
    let metricCount = Metric.allCases.count
    /// The stream time (µs) before which no completeness tracker can fire (the least of their
    /// `quietUntil`): until then they are not advanced at all. Not state, a shortcut: the trackers
    /// are caught up to the stream time when saved.
    private var trackersQuietUntil = Int64.min
    /// When set, every aggregate a threshold rule judges is noted here (replay reports; the
    /// worker leaves it nil). Not part of checkpoints.
    public var series: RuleSeries?

    /// A threshold rule's aggregate: its metric over its engine window (nil: a window the engine
    /// does not know, never defined). Plain data, so that reading one per rule and event copies no
    /// reference.
    private struct Query: Sendable {
        /// The position of the first rule with the same metric and window: rules read the same
        /// aggregate when their keys are equal.
        var key: Int
        var metric: Metric
        var window: Window?
        /// A sliding window's span, µs.
        var span: Int64?
    }

    /// What one event did.
    public struct Step: Sendable {
        public var outcome: IngestOutcome
        /// The event's park: its index in the engine (`PartitionEngine.parks`); nil unless accepted.
        public var park: Int?
        /// Alert transitions, in the order they happened.
        public var transitions: [AlertTransition]
    }

    public init(rules: RuleSet, configuration: EngineConfiguration = EngineConfiguration()) {
        var configuration = configuration
        var queries: [Query] = []
        for rule in rules.targets {
            let window = Window(rule.aggregateWindow)
            let key = queries.firstIndex { $0.metric == rule.metric && $0.window == window } ?? queries.count
            var query = Query(key: key, metric: rule.metric, window: window)
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
        let park = engine.ingestedPark
        makeRoom(forPark: park)
        let start = event.metric.kind.isTelemetry ? noteTelemetry(of: event, park: park) : nil
        var transitions: [AlertTransition] = []
        for index in absences.indices where absenceMetrics[index] == event.metric {
            observeAbsence(index, park: park, event, into: &transitions)
        }
        if let period = event.period {
            for index in deadlines.indices where deadlineMetrics[index] == event.metric {
                deadlines[index].observe(park: event.parkID, period: period, at: event.observedAt, into: &transitions)
            }
        }
        // Rules in a row on the same aggregate (a warning and a critical level) read it once.
        var last: (key: Int, value: Double?)?
        for position in evaluator.rulePositions(affectedBy: event.metric) {
            let slot = ruleSlot(position, park: park, event.parkID)
            guard slot >= 0 else { continue }
            let query = queries[position]
            let value: Double?
            if let last, last.key == query.key {
                value = last.value
            } else {
                let known = query.metric == event.metric ? start : nil
                value = aggregate(query, park: park, telemetryStart: known)
                last = (query.key, value)
                if series != nil, let value {
                    series?.record(
                        RuleSeries.Key(
                            parkID: event.parkID, metric: query.metric,
                            window: evaluator.rules.targets[position].aggregateWindow), value: value,
                        at: event.observedAt)
                }
            }
            evaluator.observe(slot: slot, value: value, at: event.observedAt, into: &transitions)
        }
        if let streamTime = engine.streamTime, streamTime.microseconds >= trackersQuietUntil {
            advanceTrackers(to: streamTime, into: &transitions)
        }
        return Step(outcome: outcome, park: park, transitions: transitions)
    }

    /// The alerts firing now.
    public var firing: [AlertTransition] { evaluator.firing }

    /// Advances every completeness tracker to the stream time, appending what fires.
    private mutating func advanceTrackers(to streamTime: Timestamp, into transitions: inout [AlertTransition]) {
        var quietUntil = Int64.max
        for index in absences.indices {
            quietUntil = min(quietUntil, absences[index].advance(streamTime: streamTime, into: &transitions))
        }
        for index in deadlines.indices {
            quietUntil = min(quietUntil, deadlines[index].advance(streamTime: streamTime, into: &transitions))
        }
        trackersQuietUntil = quietUntil
    }
}

// MARK: - Rule inputs

extension PartitionPipeline {
    /// Notes when the park (at `park` in the engine) began its telemetry of the event's metric;
    /// returns that instant.
    private mutating func noteTelemetry(of event: MetricEvent, park: Int) -> Timestamp {
        let position = park * metricCount + Int(event.metric.rawValue)
        if let start = telemetryStart[position], start <= event.observedAt { return start }
        telemetryStart[position] = event.observedAt
        return event.observedAt
    }

    /// The aggregate a threshold rule judges for the park at `park` in the engine, or nil while it
    /// is undefined; `telemetryStart` is the start of the park's telemetry of the query's metric
    /// when the caller has it at hand.
    private mutating func aggregate(_ query: Query, park: Int, telemetryStart start: Timestamp?) -> Double? {
        guard let window = query.window else { return nil }
        if let span = query.span {
            guard let start = start ?? telemetryStart[park * metricCount + Int(query.metric.rawValue)],
                let clock = engine.clock(parkIndex: park), clock.microseconds - span >= start.microseconds
            else { return nil }
        }
        return engine.liveAggregate(parkIndex: park, metric: query.metric, window: window)?.value
    }

    // MARK: - Slots

    /// Makes room for the parks up to index `park` in `slots` and `telemetryStart`.
    mutating func makeRoom(forPark park: Int) {
        while slots.count <= park {
            slots.append(RuleSlots(rules: queries.count, absences: absences.count))
            telemetryStart.append(contentsOf: repeatElement(nil, count: metricCount))
        }
    }

    /// The evaluator's slot of the rule at `position` for the park at `park` in the engine, or
    /// `RuleSlots.notApplicable`.
    private mutating func ruleSlot(_ position: Int, park: Int, _ id: ParkID) -> Int {
        let known = slots[park].rules[position]
        if known != RuleSlots.unknown { return known }
        let slot = evaluator.slot(ruleAt: position, park: id) ?? RuleSlots.notApplicable
        slots[park].rules[position] = slot
        return slot
    }

    /// The event, of the metric of the absence tracker at `index`, for the park at `park` in the
    /// engine: the tracker observes it through the park's slot once it knows the park.
    private mutating func observeAbsence(
        _ index: Int, park: Int, _ event: MetricEvent, into transitions: inout [AlertTransition]
    ) {
        // A park first seen or back from silence may be due earlier than the others.
        let slot = slots[park].absences[index]
        if slot >= 0 {
            let quietUntil = absences[index].observe(slot: slot, at: event.observedAt, into: &transitions)
            trackersQuietUntil = min(trackersQuietUntil, quietUntil)
        } else if slot == RuleSlots.unknown {
            // By park id the first time: it adds the park when the rule applies to it.
            let quietUntil = absences[index].observe(park: event.parkID, at: event.observedAt, into: &transitions)
            trackersQuietUntil = min(trackersQuietUntil, quietUntil)
            slots[park].absences[index] = absences[index].slot(of: event.parkID) ?? RuleSlots.notApplicable
        }
    }
}
