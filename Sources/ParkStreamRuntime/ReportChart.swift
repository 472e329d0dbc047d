import ParkMetrics
import ParkRules

/// One chart of the replay report: a park's aggregate as threshold rules judged it, day by day,
/// against each rule's `when` (dashed) and `clear` (dotted) levels, with the rule's alerts shaded
/// and the time before `active_from` greyed. Inline SVG, no script.
struct ReportChart {
    var key: RuleSeries.Key
    var targets: [ParkTarget]
    var points: [RuleSeries.Point]
    var alerts: [AlertInterval]
    var span: ReportSpan
    var zone: ParkZone

    // Layout, px.
    static let width = 1200.0
    static let height = 250.0
    static let left = 64.0
    static let right = 16.0
    static let top = 30.0
    static let bottom = 26.0
    var plotWidth: Double { Self.width - Self.left - Self.right }
    var plotHeight: Double { Self.height - Self.top - Self.bottom }

    /// Whether values are shown as percentages (ratios and growth rates).
    var isPercent: Bool { key.metric.unit == "ratio" || key.window == "yoy" }

    /// Points far apart (monthly figures) are steps with markers; daily ones a line with a band.
    var isSparse: Bool { Double(points.count) * 4 < span.days }

    /// The `<figure>` with a heading, the SVG and a caption naming the rules.
    func figure() -> String {
        let id = ReplayReport.chartID(key)
        let unit = isPercent ? "%" : key.metric.unit
        let heading = "\(key.metric.name) · \(key.window) · \(unit)"
        var out = "<figure>\n<h3>\(HTMLText.escaped(heading))</h3>\n"
        out += svg(id: id, title: "\(key.parkID.rawValue): \(key.metric.name) over \(key.window)")
        let captions = targets.map { target in
            var text = "\(target.ruleID): fires when \(target.when)"
            if target.forDuration.seconds > 0 { text += " for \(target.forDuration.text)" }
            text += ", clears when \(target.clear), \(target.severity.rawValue)"
            if let from = target.activeFrom { text += ", from \(from.localText(offsetSeconds: offset))" }
            return text
        }
        out += "<figcaption>\(HTMLText.escaped(captions.joined(separator: "; ")))</figcaption>\n</figure>\n"
        return out
    }

    private var offset: Int { Int(zone.utcOffsetSeconds) }

    // MARK: - SVG

    private func svg(id: String, title: String) -> String {
        let levels = targets.flatMap { [$0.when.threshold, $0.clear.threshold] }
        // A share (the catalog bounds it to 0–1) never gets ticks outside 0–100 %; growth rates may.
        let isShare =
            key.window != "yoy" && key.metric.range == ValueRange(lower: .inclusive(0), upper: .inclusive(1))
        let axis = ChartAxis(covering: points.flatMap { [$0.low, $0.high] } + levels, bounds: isShare ? 0...1 : nil)
        var out = "<svg id=\"\(HTMLText.escaped(id))\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
        out += "width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" "
        out += "viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\">\n"
        out += "<title>\(HTMLText.escaped(title))</title>\n"
        out += "<rect x=\"\(c(Self.left))\" y=\"\(c(Self.top))\" width=\"\(c(plotWidth))\" "
        out += "height=\"\(c(plotHeight))\" fill=\"#fcfcfc\" stroke=\"#bbb\"/>\n"
        out += inactiveShading()
        out += alertShading()
        out += valueGrid(axis)
        out += timeGrid()
        out += thresholdLines(axis)
        out += dataLines(axis)
        out += legend()
        return out + "</svg>\n"
    }

    private func x(_ time: Timestamp) -> Double {
        let fraction =
            Double(time.microseconds - span.start.microseconds)
            / Double(span.end.microseconds - span.start.microseconds)
        return Self.left + min(max(fraction, 0), 1) * plotWidth
    }

    private func y(_ value: Double, _ axis: ChartAxis) -> Double {
        Self.top + (axis.high - value) / (axis.high - axis.low) * plotHeight
    }

    private func c(_ value: Double) -> String { HTMLText.coordinate(value) }

    /// Grey before the latest `active_from` still inside the span (the rules do not judge there).
    private func inactiveShading() -> String {
        guard let from = targets.compactMap(\.activeFrom).min(), from > span.start else { return "" }
        let edge = x(from)
        var out = "<rect x=\"\(c(Self.left))\" y=\"\(c(Self.top))\" width=\"\(c(edge - Self.left))\" "
        out += "height=\"\(c(plotHeight))\" fill=\"#e8e8e8\" opacity=\"0.6\">"
        out +=
            "<title>rule not active before \(HTMLText.escaped(from.localText(offsetSeconds: offset)))</title></rect>\n"
        if edge - Self.left > 90 {
            out += "<text x=\"\(c(Self.left + 6))\" y=\"\(c(Self.top + 14))\">not yet active</text>\n"
        }
        return out
    }

    /// A band per alert, from firing (or start) to resolution (or the end of the data), at least 2 px wide.
    private func alertShading() -> String {
        var out = ""
        for alert in alerts {
            let from = x(alert.firedAt ?? alert.startedAt)
            let to = max(x(alert.resolvedAt ?? span.dataEnd), from + 2)
            let colour = Self.severityColour(alert.severity)
            var tip = "\(alert.ruleID) \(alert.severity.rawValue): \(alert.condition), "
            tip += "started \(alert.startedAt.localText(offsetSeconds: offset)), "
            tip += alert.resolvedAt.map { "resolved \($0.localText(offsetSeconds: offset))" } ?? "still firing"
            out += "<rect class=\"alert\" x=\"\(c(from))\" y=\"\(c(Self.top))\" width=\"\(c(to - from))\" "
            out += "height=\"\(c(plotHeight))\" fill=\"\(colour)\" opacity=\"0.22\">"
            out += "<title>\(HTMLText.escaped(tip))</title></rect>\n"
        }
        return out
    }

    private func valueGrid(_ axis: ChartAxis) -> String {
        let scale = isPercent ? 100.0 : 1
        let decimals = axis.decimals(scale: scale)
        var out = ""
        for tick in axis.ticks {
            let ty = y(tick, axis)
            out += "<line x1=\"\(c(Self.left))\" x2=\"\(c(Self.left + plotWidth))\" y1=\"\(c(ty))\" y2=\"\(c(ty))\" "
            out += "stroke=\"#e2e2e2\"/>"
            let label = Self.format(tick * scale, decimals: decimals) + (isPercent ? " %" : "")
            out += "<text x=\"\(c(Self.left - 6))\" y=\"\(c(ty + 4))\" text-anchor=\"end\">\(label)</text>\n"
        }
        return out
    }

    /// Month starts over long spans (`2017-03`), else days (`06-05`).
    private func timeGrid() -> String {
        var ticks: [(Timestamp, String)] = []
        let firstDay = zone.localDay(of: span.start)
        let lastDay = zone.localDay(of: span.end)
        if span.days > 62 {
            let months = zone.monthOrdinal(of: span.start)...zone.monthOrdinal(of: span.end)
            let every = months.count > 24 ? 3 : 1
            for ordinal in months where ordinal % every == 0 {
                let start = zone.startOfMonth(ordinal: ordinal)
                guard start >= span.start, start <= span.end else { continue }
                ticks.append((start, YearMonth(ordinal: ordinal).description))
            }
        } else {
            let every = Int64([1, 2, 7, 14].first { Double($0) * 12 >= span.days } ?? 28)
            for day in stride(from: firstDay, through: lastDay, by: Int(every)) {
                let date = ParkZone.civil(fromDays: day)
                ticks.append((zone.startOfDay(day), Self.twoDigits(date.month) + "-" + Self.twoDigits(date.day)))
            }
        }
        var out = ""
        for (time, label) in ticks {
            let tx = x(time)
            out += "<line x1=\"\(c(tx))\" x2=\"\(c(tx))\" y1=\"\(c(Self.top))\" y2=\"\(c(Self.top + plotHeight + 4))\" "
            out += "stroke=\"#e2e2e2\"/>"
            // A label at the right edge would be cut off: it ends there instead.
            let anchor = tx > Self.left + plotWidth - 30 ? "end" : "middle"
            out +=
                "<text x=\"\(c(tx))\" y=\"\(c(Self.top + plotHeight + 16))\" text-anchor=\"\(anchor)\">\(label)</text>\n"
        }
        return out
    }

    /// Each rule's `when` level dashed (severity colour) and, when different, its `clear` level
    /// dotted green.
    private func thresholdLines(_ axis: ChartAxis) -> String {
        var out = ""
        var drawn: Set<String> = []
        for target in targets {
            // Across the whole plot: the grey shading shows when the rule starts to count.
            let from = Self.left
            let colour = Self.severityColour(target.severity)
            let levels = [
                (target.when.threshold, colour, "6 4", "\(target.ruleID): when \(target.when)"),
                (target.clear.threshold, "#2a8a3a", "2 3", "\(target.ruleID): clear \(target.clear)"),
            ]
            for (index, (level, stroke, dash, tip)) in levels.enumerated() {
                guard index == 0 || level != target.when.threshold else { continue }
                guard drawn.insert("\(level) \(stroke) \(dash)").inserted else { continue }
                let ly = y(level, axis)
                out += "<line class=\"threshold\" x1=\"\(c(from))\" x2=\"\(c(Self.left + plotWidth))\" "
                out += "y1=\"\(c(ly))\" y2=\"\(c(ly))\" stroke=\"\(stroke)\" stroke-width=\"1.5\" "
                out += "stroke-dasharray=\"\(dash)\"><title>\(HTMLText.escaped(tip))</title></line>\n"
            }
        }
        return out
    }

    /// Dense points: the low–high band and the daily line, broken where days are missing. Sparse
    /// points: a step line held to the end (the value stands until the next one) and markers.
    private func dataLines(_ axis: ChartAxis) -> String {
        guard !points.isEmpty else { return "" }
        var out = ""
        let stroke = "#1f5fa8"
        if isSparse {
            var path = ""
            for (index, point) in points.enumerated() {
                let px = x(point.time)
                let py = y(point.last, axis)
                path += index == 0 ? "M\(c(px)) \(c(py))" : "H\(c(px))V\(c(py))"
            }
            path += "H\(c(x(span.dataEnd)))"
            out += "<path class=\"value\" d=\"\(path)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\"/>\n"
            for point in points {
                out += "<circle cx=\"\(c(x(point.time)))\" cy=\"\(c(y(point.last, axis)))\" r=\"3\" fill=\"\(stroke)\">"
                out += "<title>\(HTMLText.escaped(tip(point)))</title></circle>\n"
            }
            return out
        }
        var runs: [[RuleSeries.Point]] = []
        for point in points {
            if let last = runs.last?.last, point.day - last.day <= 2 {
                runs[runs.count - 1].append(point)
            } else {
                runs.append([point])
            }
        }
        for run in runs {
            let xs = run.map { x(zone.startOfDay($0.day) + .seconds(43_200)) }
            let upper = zip(xs, run).map { "\(c($0)),\(c(y($1.high, axis)))" }
            let lower = zip(xs, run).reversed().map { "\(c($0)),\(c(y($1.low, axis)))" }
            out += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\" "
            out += "fill=\"\(stroke)\" opacity=\"0.18\"/>\n"
            if run.count == 1, let only = run.first, let px = xs.first {
                out += "<circle cx=\"\(c(px))\" cy=\"\(c(y(only.last, axis)))\" r=\"2.5\" fill=\"\(stroke)\"/>\n"
            } else {
                let line = zip(xs, run).map { "\(c($0)),\(c(y($1.last, axis)))" }
                out += "<polyline class=\"value\" points=\"\(line.joined(separator: " "))\" fill=\"none\" "
                out += "stroke=\"\(stroke)\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>\n"
            }
        }
        return out
    }

    private func tip(_ point: RuleSeries.Point) -> String {
        let value =
            isPercent
            ? ShortestNumber.format((point.last * 10_000).rounded() / 100) + " %" : ShortestNumber.format(point.last)
        return "\(point.time.localText(offsetSeconds: offset)): \(value)"
    }

    /// A key above the plot: what the marks mean.
    private func legend() -> String {
        var items: [(mark: String, label: String)] = []
        let stroke = "#1f5fa8"
        if isSparse {
            items.append(
                (
                    "<circle cx=\"9\" cy=\"-4\" r=\"3\" fill=\"\(stroke)\"/><line x1=\"0\" x2=\"18\" y1=\"-4\" y2=\"-4\" stroke=\"\(stroke)\" stroke-width=\"2\"/>",
                    "value as judged (held until the next)"
                ))
        } else {
            items.append(
                (
                    "<line x1=\"0\" x2=\"18\" y1=\"-4\" y2=\"-4\" stroke=\"\(stroke)\" stroke-width=\"2\"/>",
                    "last value of the day"
                ))
            items.append(
                (
                    "<rect x=\"0\" y=\"-9\" width=\"18\" height=\"10\" fill=\"\(stroke)\" opacity=\"0.18\"/>",
                    "day's low–high"
                ))
        }
        let severity = targets.map(\.severity).max() ?? .warning
        items.append(
            (
                "<line x1=\"0\" x2=\"18\" y1=\"-4\" y2=\"-4\" stroke=\"\(Self.severityColour(severity))\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                "target (when)"
            ))
        if targets.contains(where: { $0.clear.threshold != $0.when.threshold }) {
            items.append(
                (
                    "<line x1=\"0\" x2=\"18\" y1=\"-4\" y2=\"-4\" stroke=\"#2a8a3a\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>",
                    "clear level"
                ))
        }
        items.append(
            (
                "<rect x=\"0\" y=\"-9\" width=\"18\" height=\"10\" fill=\"\(Self.severityColour(severity))\" opacity=\"0.22\"/>",
                "alert firing (\(alerts.count))"
            ))
        var out = ""
        var cursor = Self.left
        for item in items {
            out += "<g transform=\"translate(\(c(cursor)) 18)\">\(item.mark)"
            out += "<text x=\"24\" y=\"0\">\(HTMLText.escaped(item.label))</text></g>"
            cursor += 24 + Double(item.label.count) * 6.6 + 18
        }
        return out + "\n"
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    static func severityColour(_ severity: Severity) -> String {
        switch severity {
        case .critical: "#c8102e"
        case .warning: "#e07b00"
        case .info: "#6a6aa8"
        }
    }

    /// `value` with `decimals` decimals (ticks: exact multiples of the step).
    static func format(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let text = ShortestNumber.format(rounded == 0 ? 0 : rounded)
        guard decimals > 0 else { return text }
        let dot = text.firstIndex(of: ".")
        let have = dot.map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        return text + (dot == nil ? "." : "") + String(repeating: "0", count: max(0, decimals - have))
    }
}
