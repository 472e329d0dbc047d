import ParkMetrics
import ParkRules

extension ReplayReport {
    /// Per park: alerts fired (by severity), time with at least one alert firing (and its share
    /// of the span), the aggregates that missed a threshold, completeness alerts, alerts still
    /// firing at the end.
    func summaryTable(parks: [ParkID], span: ReportSpan) -> String {
        let completeness = Set(rules.completeness.map(\.id))
        var out = "<h2 id=\"summary\">Summary</h2>\n<table class=\"summary\">\n"
        out += "<tr><th>park</th><th>alerts fired</th><th>by severity</th><th>time in alert</th>"
        out += "<th>metrics missing their target</th><th>missing-data alerts</th><th>still firing at end</th></tr>\n"
        for park in parks {
            let mine = alerts.filter { $0.parkID == park }
            let fired = mine.count { $0.firedAt != nil }
            let severities = Severity.allCases.reversed().compactMap { severity -> String? in
                let count = mine.count { $0.severity == severity }
                return count == 0 ? nil : "\(count) \(severity.rawValue)"
            }
            let inAlert = Self.unionLength(
                mine.map { alert in
                    (alert.firedAt ?? alert.startedAt, alert.resolvedAt ?? span.dataEnd)
                })
            let share = Double(inAlert) / Double(span.end.microseconds - span.start.microseconds) * 100
            let missed = Set(
                mine.filter { !completeness.contains($0.ruleID) }.map { "\($0.metric.name) (\($0.window))" }
            ).sorted()
            let missingData = mine.count { completeness.contains($0.ruleID) }
            let open = mine.count { $0.resolvedAt == nil }
            let id = HTMLText.escaped(park.rawValue)
            out += "<tr><td><a href=\"#park-\(id)\">\(id)</a></td>"
            out += "<td class=\"num\(fired > 0 ? " bad" : "")\">\(fired)</td>"
            out += "<td>\(HTMLText.escaped(severities.joined(separator: ", ")))</td>"
            out += "<td class=\"num\">"
            out +=
                inAlert == 0
                ? "0"
                : HTMLText.escaped(
                    Timestamp.durationText(microseconds: Self.roundedToMinutes(inAlert)) + " ("
                        + ShortestNumber.format((share * 10).rounded() / 10) + " %)")
            out += "</td>"
            out += "<td class=\"\(missed.isEmpty ? "ok" : "bad")\">"
            out += missed.isEmpty ? "none" : HTMLText.escaped(missed.joined(separator: ", "))
            out += "</td><td class=\"num\">\(missingData)</td><td class=\"num\">\(open)</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// The length of the union of the intervals, µs.
    static func unionLength(_ intervals: [(Timestamp, Timestamp)]) -> Int64 {
        var total: Int64 = 0
        var current: (start: Int64, end: Int64)?
        for (start, end) in intervals.map({ ($0.0.microseconds, $0.1.microseconds) }).sorted(by: <) where end > start {
            if let open = current, start <= open.end {
                current = (open.start, max(open.end, end))
            } else {
                if let open = current { total += open.end - open.start }
                current = (start, end)
            }
        }
        if let open = current { total += open.end - open.start }
        return total
    }

    private static func roundedToMinutes(_ microseconds: Int64) -> Int64 {
        (microseconds + 30_000_000) / 60_000_000 * 60_000_000
    }
}
