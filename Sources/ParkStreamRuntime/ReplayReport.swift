import ParkMetrics
import ParkRules

/// The replay report (`parkstream replay --report OUT.html`): one self-contained HTML file, no
/// script, no external link or font. A summary table on top (per park: alerts fired, time in
/// alert, the metrics that missed their target, missing data, alerts still firing), then per park
/// one inline SVG chart per aggregate that threshold rules judge: its daily value against each
/// rule's threshold, alert intervals shaded, and a table of the park's alerts.
///
/// Pure and deterministic: the same replay gives the same bytes (nothing in it says when it was
/// written).
public struct ReplayReport: Sendable {
    /// The page's heading.
    public var title: String
    /// Lines under the heading (input, rules file, …).
    public var notes: [String]
    /// The rules replayed: thresholds, clear levels, `active_from`, overrides.
    public var rules: RuleSet
    /// The aggregates the rules judged, per day.
    public var series: RuleSeries
    /// The alerts of the replay.
    public var alerts: [AlertInterval]

    /// Makes a report from a replay's parts.
    public init(title: String, notes: [String], rules: RuleSet, series: RuleSeries, alerts: [AlertInterval]) {
        self.title = title
        self.notes = notes
        self.rules = rules
        self.series = series
        self.alerts = alerts
    }

    /// The HTML id of the chart of `key`: `chart-<park>-<metric>-<window>`.
    public static func chartID(_ key: RuleSeries.Key) -> String {
        "chart-\(key.parkID.rawValue)-\(key.metric.name)-\(key.window)"
    }

    var zone: ParkZone { series.zone }
    var offsetSeconds: Int { Int(zone.utcOffsetSeconds) }

    /// The whole page.
    public func html() -> String {
        let span = ReportSpan(series: series, alerts: alerts)
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLText.escaped(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <h1>\(HTMLText.escaped(title))</h1>

            """
        for note in notes { out += "<p class=\"note\">\(HTMLText.escaped(note))</p>\n" }
        guard let span else {
            out += "<p>No threshold rule judged any aggregate and no alert fired: nothing to chart.</p>\n"
            return out + "</body>\n</html>\n"
        }
        out +=
            "<p class=\"note\">From \(span.start.localText(offsetSeconds: offsetSeconds)) to "
            + "\(span.end.localText(offsetSeconds: offsetSeconds)), times \(zone). Charts show one point per day: "
            + "the last value the rule judged that day, and the day's low–high band.</p>\n"
        let parks = Set(series.points.keys.map(\.parkID)).union(alerts.map(\.parkID)).sorted()
        out += summaryTable(parks: parks, span: span)
        for park in parks { out += section(park: park, span: span) }
        return out + "</body>\n</html>\n"
    }

    // MARK: - Park sections

    private func section(park: ParkID, span: ReportSpan) -> String {
        let id = HTMLText.escaped(park.rawValue)
        var out = "<section id=\"park-\(id)\">\n<h2>\(id)</h2>\n"
        let keys = series.keys.filter { $0.parkID == park }
        for key in keys {
            let targets = rules.targets.filter {
                $0.metric == key.metric && $0.aggregateWindow == key.window && $0.applies(to: park)
            }
            let ruleIDs = Set(targets.map(\.id))
            let chart = ReportChart(
                key: key, targets: targets.map { $0.target(for: park) }, points: series.points[key] ?? [],
                alerts: alerts.filter { $0.parkID == park && ruleIDs.contains($0.ruleID) }, span: span, zone: zone)
            out += chart.figure()
        }
        let judged = Set(keys.map { "\($0.metric.name) (\($0.window))" })
        let undefined = Set(
            rules.targets.filter { $0.applies(to: park) }.map { "\($0.metric.name) (\($0.aggregateWindow))" }
        ).subtracting(judged)
        if !undefined.isEmpty {
            out +=
                "<p class=\"note\">Never defined for this park (no data, or a sliding window never full): "
                + HTMLText.escaped(undefined.sorted().joined(separator: ", ")) + ".</p>\n"
        }
        out += alertTable(park: park, span: span)
        return out + "</section>\n"
    }

    private func alertTable(park: ParkID, span: ReportSpan) -> String {
        let mine = alerts.filter { $0.parkID == park }.sorted {
            ($0.startedAt, $0.ruleID) < ($1.startedAt, $1.ruleID)
        }
        guard !mine.isEmpty else { return "<p class=\"ok\">No alerts.</p>\n" }
        var out = "<h3>Alerts of \(HTMLText.escaped(park.rawValue))</h3>\n<table class=\"alerts\">\n"
        out += "<tr><th>rule</th><th>severity</th><th>window</th><th>condition</th><th>value</th>"
        out += "<th>started</th><th>fired</th><th>resolved</th><th>firing for</th></tr>\n"
        for alert in mine {
            let firing =
                (alert.resolvedAt ?? span.dataEnd).microseconds
                - (alert.firedAt ?? alert.startedAt).microseconds
            let cells = [
                alert.ruleID, alert.severity.rawValue, alert.window, alert.condition,
                alert.value.isFinite ? ShortestNumber.format(alert.value) : "",
                alert.startedAt.localText(offsetSeconds: offsetSeconds),
                alert.firedAt?.localText(offsetSeconds: offsetSeconds) ?? "",
                alert.resolvedAt?.localText(offsetSeconds: offsetSeconds) ?? "still firing",
                Timestamp.durationText(microseconds: max(0, firing)),
            ]
            out += "<tr class=\"\(alert.severity.rawValue)\">"
            out += cells.map { "<td>\(HTMLText.escaped($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    // MARK: - Style

    static let style = """
        body{font:14px/1.45 "DejaVu Sans",Arial,sans-serif;color:#222;margin:24px auto;max-width:1240px;padding:0 12px}\
        h1{font-size:22px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 6px;padding-top:10px;border-top:2px solid #ccc}\
        h3{font-size:14px;margin:16px 0 2px}.note{color:#555;margin:2px 0}\
        table{border-collapse:collapse;margin:8px 0 16px}th,td{padding:3px 10px;border-bottom:1px solid #e3e3e3;\
        text-align:left;vertical-align:top}th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}\
        tr.critical td:nth-child(2){color:#b00020;font-weight:600}tr.warning td:nth-child(2){color:#b35c00}\
        .bad{color:#b00020;font-weight:600}.ok{color:#2a7a2a}figure{margin:0 0 10px}\
        figcaption{color:#555;font-size:12px;margin:0 0 0 64px}svg{display:block}\
        svg text{font:11px "DejaVu Sans",Arial,sans-serif;fill:#444}
        """
}

/// The time a report covers: whole park-local days from the first to the last day with data,
/// and the last instant with data (where alerts still firing are drawn to).
struct ReportSpan: Hashable {
    var start: Timestamp
    var end: Timestamp
    var dataEnd: Timestamp

    init?(series: RuleSeries, alerts: [AlertInterval]) {
        let zone = series.zone
        var times = series.points.values.flatMap { points in [points.first?.time, points.last?.time] }
        for alert in alerts { times += [alert.startedAt, alert.firedAt, alert.resolvedAt] }
        let known = times.compactMap { $0 }
        guard let first = known.min(), let last = known.max() else { return nil }
        start = zone.startOfDay(zone.localDay(of: first))
        end = zone.startOfDay(zone.localDay(of: last) + 1)
        dataEnd = last
    }

    /// Days covered.
    var days: Double { Double(end.microseconds - start.microseconds) / 86_400_000_000 }
}
