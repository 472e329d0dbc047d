import ParkMetrics
import ParkRules
import StreamEngine
import Testing

@testable import ParkStreamRuntime

/// The pipeline advances its completeness trackers only once stream time reaches the earliest time
/// one of them can fire; these check that against trackers advanced after every accepted event.
@Suite("Completeness trackers advanced only when due")
struct CompletenessGateTests {
    @Test func threeWeeksOfHebiDataFireAsWhenAdvancedAfterEveryEvent() throws {
        let gated = try completenessTransitions(rules: checkpointRules(), checkpointStream)
        #expect(gated.count > 20)
        #expect(Set(gated.map(\.state)).count == 2)
    }

    /// One park, silent twice: after the first alert no park is due at all, and only the park's
    /// return may bring the next due time back.
    @Test func aParkBackFromSilenceIsWatchedAgain() throws {
        let rules = try RuleSet(
            yaml: """
                rules:
                  - id: energy-absent
                    metric: energy_consumption
                    absent: 1h
                    severity: info
                """)
        let start = Timestamp(rfc3339: "2017-06-01T00:00:00+08:00")!
        var events: [MetricEvent] = []
        for step in 0..<60 {
            let at = start + .seconds(Int64(step) * 600)
            events.append(event("w\(step)", .wastewaterCompliance, at))
            // Energy for the first half hour and from 3 h to 3.5 h only.
            if step < 3 || (18..<21).contains(step) { events.append(event("e\(step)", .energyConsumption, at)) }
        }
        let gated = completenessTransitions(rules: rules, events)
        #expect(gated.map(\.state) == [.firing, .resolved, .firing])
    }

    private func event(_ id: String, _ metric: Metric, _ at: Timestamp) -> MetricEvent {
        MetricEvent(
            eventID: EventID(id), parkID: ParkID(rawValue: "jinshan")!, metric: metric, observedAt: at, value: 1)
    }

    /// The completeness rules' transitions from a pipeline fed `events`, having checked them
    /// against trackers advanced after every accepted event.
    private func completenessTransitions(rules: RuleSet, _ events: [MetricEvent]) -> [AlertTransition] {
        var pipeline = PartitionPipeline(rules: rules)
        var run = PipelineRun()
        run.feed(&pipeline, events[...])
        let completeness = Set(rules.completeness.map(\.id))
        let gated = run.transitions.filter { completeness.contains($0.ruleID) }

        var engine = PartitionEngine()
        var absences = rules.completeness.compactMap { AbsenceTracker(rule: $0) }
        var deadlines = rules.completeness.compactMap { DueDayTracker(rule: $0) }
        var expected: [AlertTransition] = []
        for event in events where engine.ingest(event) == .accepted {
            for index in absences.indices where absences[index].rule.metric == event.metric {
                expected += absences[index].observe(park: event.parkID, at: event.observedAt).map { [$0] } ?? []
            }
            for index in deadlines.indices where deadlines[index].rule.metric == event.metric {
                if let period = event.period {
                    expected +=
                        deadlines[index].observe(park: event.parkID, period: period, at: event.observedAt).map { [$0] }
                        ?? []
                }
            }
            guard let streamTime = engine.streamTime else { continue }
            for index in absences.indices { expected += absences[index].advance(streamTime: streamTime) }
            for index in deadlines.indices { expected += deadlines[index].advance(streamTime: streamTime) }
        }
        #expect(gated == expected)
        return gated
    }
}
