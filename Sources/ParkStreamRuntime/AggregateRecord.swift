import ParkMetrics
import StreamEngine

/// An aggregate v1 (`schemas/aggregate.v1.schema.json`): the current value of one park × metric ×
/// window, as the compacted `park.aggregates` topic keeps it (key `park_id/metric/window`).
public struct AggregateRecord: Hashable, Sendable {
    public var park: ParkID
    public var metric: Metric
    public var window: Window
    public var aggregate: Aggregate
    /// The park's event-time clock when the value was taken.
    public var asOf: Timestamp?

    /// `jinshan/wastewater_compliance/24h`.
    public var key: String { "\(park.rawValue)/\(metric.name)/\(window)" }

    /// `{"park_id":…,"metric":…,"window":…,"value":…,"count":…,"as_of":…}`, fields in that order.
    public func json(zone: ParkZone) -> String {
        var text = #"{"park_id":""# + park.rawValue + #"","metric":""# + metric.name + #"","window":""#
        text += window.description + #"","value":"# + ShortestNumber.format(aggregate.value)
        text += #","count":"# + String(aggregate.count) + #","as_of":"#
        text += asOf.map { "\"" + zone.format($0) + "\"" } ?? "null"
        return text + "}"
    }

    /// The windows published for each park × metric that has changed; undefined ones are left out.
    public static func windows(_ configuration: EngineConfiguration) -> [Window] {
        configuration.slidingWindows.map { Window.sliding($0) } + [.day, .month, .ytd, .yoy, .latest]
    }
}
