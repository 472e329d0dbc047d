import ParkMetrics
import ParkRules
import StreamEngine

/// The part of a replay that does not care where events come from: one pipeline per partition,
/// the counts, and the alerts in event-time order.
struct ReplayAccumulator {
    private var pipelines: [Int32: PartitionPipeline] = [:]
    /// The last event's partition and its pipeline's place in `pipelines` (a file replay's lane
    /// sees one partition, so its events hash no key). Set by every lookup, the one that adds a
    /// pipeline included, so never stale.
    private var recent: (partition: Int32, index: Dictionary<Int32, PartitionPipeline>.Index)?
    private var stamped: [(time: Timestamp, partition: Int32, order: Int, event: AlertEvent)] = []
    private var result: ReplayResult
    private let rules: RuleSet
    private let selection: ReplaySelection
    private let configuration: EngineConfiguration
    private let recordsSeries: Bool

    init(rules: RuleSet, selection: ReplaySelection, configuration: EngineConfiguration, recordsSeries: Bool = false) {
        self.rules = rules
        self.recordsSeries = recordsSeries
        self.selection = selection
        self.configuration = configuration
        self.result = ReplayResult(aggregates: AggregateTable(rows: [], zone: configuration.zone), alerts: [])
    }

    /// Counts a line that is not a valid event.
    mutating func reject(_ error: MetricEventDecoder.LineError) {
        result.read += 1
        result.rejected.append(error)
    }

    /// Feeds a valid event to its partition's pipeline; `line` identifies it in the late list.
    mutating func process(_ event: MetricEvent, partition: Int32, line: Int, source: AlertSource) {
        result.read += 1
        guard selection.contains(event) else {
            result.outsideSelection += 1
            return
        }
        let index: Dictionary<Int32, PartitionPipeline>.Index
        if let recent, recent.partition == partition {
            index = recent.index
        } else {
            if pipelines.index(forKey: partition) == nil { pipelines[partition] = newPipeline() }
            index = pipelines.index(forKey: partition)!
            recent = (partition, index)
        }
        // In place, through `values`: a copy taken out of the dictionary (or an optional one) costs
        // a retain and a release of every field per event.
        let step = pipelines.values[index].process(event)
        switch step.outcome {
        case .accepted: result.accepted += 1
        case .duplicate: result.duplicates += 1
        case .late: result.late.append((line, event))
        case .invalid: break
        }
        for transition in step.transitions {
            let alert = AlertEvent(
                transition: transition, source: source, offsetSeconds: Int(configuration.zone.utcOffsetSeconds))
            stamped.append((transition.eventTime, partition, stamped.count, alert))
        }
    }

    /// The aggregates of every partition and the alerts in event-time order (ties: partition, then
    /// the order they happened in).
    func finish() -> ReplayResult {
        var result = self.result
        result.aggregates = pipelines.keys.sorted().reduce(AggregateTable(rows: [], zone: configuration.zone)) {
            $0.merged(
                with: pipelines[$1]?.engine.aggregateTable() ?? AggregateTable(rows: [], zone: configuration.zone))
        }
        if recordsSeries {
            result.series = pipelines.keys.sorted().compactMap { pipelines[$0]?.series }.reduce(
                RuleSeries(zone: configuration.zone)
            ) { $0.merged(with: $1) }
        }
        result.alerts = stamped.sorted { ($0.time, $0.partition, $0.order) < ($1.time, $1.partition, $1.order) }.map(
            \.event)
        return result
    }

    private func newPipeline() -> PartitionPipeline {
        var pipeline = PartitionPipeline(rules: rules, configuration: configuration)
        if recordsSeries { pipeline.series = RuleSeries(zone: configuration.zone) }
        return pipeline
    }

    /// The results of accumulators that each saw other partitions, as one: counts added, late
    /// events in line order, aggregates merged, alerts in event-time order (ties: partition, then
    /// the order they happened in).
    static func merge(_ results: [ReplayResult], zone: ParkZone) -> ReplayResult {
        var merged = ReplayResult(aggregates: AggregateTable(rows: [], zone: zone), alerts: [])
        var alerts: [(time: Timestamp, partition: Int, order: Int, event: AlertEvent)] = []
        for (partition, result) in results.enumerated() {
            merged.read += result.read
            merged.accepted += result.accepted
            merged.duplicates += result.duplicates
            merged.outsideSelection += result.outsideSelection
            merged.late += result.late
            merged.rejected += result.rejected
            merged.aggregates = merged.aggregates.merged(with: result.aggregates)
            if let series = result.series {
                merged.series = (merged.series ?? RuleSeries(zone: zone)).merged(with: series)
            }
            alerts += result.alerts.enumerated().map { ($1.transition.eventTime, partition, $0, $1) }
        }
        merged.late.sort { $0.line < $1.line }
        merged.alerts = alerts.sorted { ($0.time, $0.partition, $0.order) < ($1.time, $1.partition, $1.order) }.map(
            \.event)
        return merged
    }
}
