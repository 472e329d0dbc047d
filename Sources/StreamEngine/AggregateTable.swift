import ParkMetrics

/// The final per-month aggregates of a replay (ARCHITECTURE.md §8, `parkstream replay
/// --aggregates`), sorted deterministically, with its CSV form.
public struct AggregateTable: Hashable, Sendable {
    /// Rows sorted by park id, metric (catalog order), month, window (`month`, `ytd`, `yoy`).
    public private(set) var rows: [AggregateRow]
    /// The zone `window_end` is printed in.
    public let zone: ParkZone

    /// Sorts `rows` into the table's order.
    public init(rows: [AggregateRow], zone: ParkZone) {
        self.rows = rows.sorted(by: AggregateRow.precedes)
        self.zone = zone
    }

    /// The rows of both tables (e.g. of two partitions, whose parks are disjoint), in table order.
    ///
    /// Every aggregate depends only on its own park's events (watermarks, dedup and windows are
    /// per park), so one engine fed a whole file gives the same table as one engine per partition,
    /// merged: replay needs the partitions only for completeness rules, which use stream time.
    public func merged(with other: AggregateTable) -> AggregateTable {
        AggregateTable(rows: rows + other.rows, zone: zone)
    }

    /// The CSV header line, without its newline.
    public static let header = "park_id,metric,window,window_end,value,count"

    /// RFC 4180-style CSV (no field needs quoting: ids, names and numbers only), `\n` line ends,
    /// numbers in shortest round-trip form: the same table always gives the same bytes.
    public var csv: String {
        var text = Self.header + "\n"
        text.reserveCapacity(rows.count * 80)
        for row in rows {
            text += row.parkID.rawValue + "," + row.metric.name + "," + row.window.description + ","
            text += zone.format(row.windowEnd) + "," + ShortestNumber.format(row.aggregate.value) + ","
            text += String(row.aggregate.count) + "\n"
        }
        return text
    }
}
