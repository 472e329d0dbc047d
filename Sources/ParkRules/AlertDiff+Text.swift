import ParkMetrics

extension AlertDiff {
    /// A table for people: one line per change (change, rule, park, window, the baseline's and the
    /// candidate's `started → resolved`, and the shifts of start, firing and resolution), then a
    /// count line. Times are local to the zone `offsetSeconds` east of UTC, minutes (seconds when
    /// not zero); `…` is an alert still firing at the end of the input.
    public func table(offsetSeconds: Int = Int(ParkZone.shanghai.utcOffsetSeconds)) -> String {
        var rows = [["change", "rule", "park", "window", "baseline", "candidate", "Δstart", "Δfired", "Δend"]]
        for change in changes {
            rows.append([
                change.kind.rawValue, change.alert.ruleID, change.alert.parkID.rawValue, change.alert.window,
                change.baseline.map { Self.span($0, offsetSeconds) } ?? "-",
                change.candidate.map { Self.span($0, offsetSeconds) } ?? "-",
                delta(change.startDelta), delta(change.firedDelta), delta(change.resolvedDelta),
            ])
        }
        func delta(_ microseconds: Int64?) -> String {
            microseconds.map { Timestamp.durationText(microseconds: $0, signed: true) } ?? ""
        }
        var text = ""
        if !changes.isEmpty {
            let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                let cells = row.enumerated().map { column, cell in
                    cell + String(repeating: " ", count: widths[column] - cell.count)
                }
                text += String(cells.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()) + "\n"
            }
        }
        let zone = ParkZone(utcOffsetSeconds: Int32(offsetSeconds)).map { " (times \($0))" } ?? ""
        text +=
            "\(count(.added)) added, \(count(.dropped)) dropped, \(count(.shifted)) shifted, \(unchanged) unchanged; "
            + "baseline \(baselineCount) alerts, candidate \(candidateCount)\(zone)\n"
        return text
    }

    /// The diff as one JSON document:
    /// `{"baseline_alerts":…,"candidate_alerts":…,"unchanged":…,"added":…,"dropped":…,"shifted":…,
    /// "changes":[{"change":"shifted","rule_id":…,"park_id":…,"metric":…,"window":…,
    /// "baseline":{alert},"candidate":{alert},"start_delta_seconds":…,"fired_delta_seconds":…,
    /// "resolved_delta_seconds":…}]}`, one change per line. An alert is `{"alert_id","severity",
    /// "condition","threshold","value","started_at","fired_at","resolved_at"}`; missing sides and
    /// times are null. Deltas are seconds (fractions where the times have them).
    public func json(offsetSeconds: Int = Int(ParkZone.shanghai.utcOffsetSeconds)) -> String {
        var head = JSONWriter()
        head.field("baseline_alerts", raw: String(baselineCount), first: true)
        head.field("candidate_alerts", raw: String(candidateCount))
        head.field("unchanged", raw: String(unchanged))
        for kind in AlertChange.Kind.allCases { head.field(kind.rawValue, raw: String(count(kind))) }
        let lines = changes.map { change in
            var json = JSONWriter()
            json.field("change", string: change.kind.rawValue, first: true)
            json.field("rule_id", string: change.alert.ruleID)
            json.field("park_id", string: change.alert.parkID.rawValue)
            json.field("metric", string: change.alert.metric.name)
            json.field("window", string: change.alert.window)
            json.field("baseline", raw: change.baseline.map { Self.json($0, offsetSeconds) } ?? "null")
            json.field("candidate", raw: change.candidate.map { Self.json($0, offsetSeconds) } ?? "null")
            json.field("start_delta_seconds", raw: Self.seconds(change.startDelta))
            json.field("fired_delta_seconds", raw: Self.seconds(change.firedDelta))
            json.field("resolved_delta_seconds", raw: Self.seconds(change.resolvedDelta))
            return json.object
        }
        let list = lines.isEmpty ? "[]" : "[\n" + lines.joined(separator: ",\n") + "\n]"
        head.field("changes", raw: list)
        return head.object + "\n"
    }

    // MARK: - Pieces

    private static func json(_ alert: AlertInterval, _ offsetSeconds: Int) -> String {
        func time(_ instant: Timestamp?) -> String {
            instant.map { JSONText.quoted($0.rfc3339(offsetSeconds: offsetSeconds)) } ?? "null"
        }
        var json = JSONWriter()
        json.field("alert_id", string: alert.alertID, first: true)
        json.field("severity", string: alert.severity.rawValue)
        json.field("condition", string: alert.condition)
        json.field("threshold", number: alert.threshold)
        json.field("value", number: alert.value)
        json.field("started_at", raw: time(alert.startedAt))
        json.field("fired_at", raw: time(alert.firedAt))
        json.field("resolved_at", raw: time(alert.resolvedAt))
        return json.object
    }

    private static func seconds(_ microseconds: Int64?) -> String {
        guard let microseconds else { return "null" }
        if microseconds % 1_000_000 == 0 { return String(microseconds / 1_000_000) }
        return ShortestNumber.format(Double(microseconds) / 1_000_000)
    }

    /// `2017-06-05 10:00 → 2017-06-09 12:30`.
    private static func span(_ alert: AlertInterval, _ offsetSeconds: Int) -> String {
        alert.startedAt.localText(offsetSeconds: offsetSeconds) + " → "
            + (alert.resolvedAt.map { $0.localText(offsetSeconds: offsetSeconds) } ?? "…")
    }
}
