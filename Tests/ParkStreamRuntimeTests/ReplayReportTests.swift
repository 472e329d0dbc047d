import Foundation
import ParkMetrics
import ParkRules
import ParkStreamRuntime
import Testing

@Suite("replay report", .serialized)
struct ReplayReportTests {
    func report(title: String = "Year") throws -> (ReplayReport, String) {
        let result = try quarterStricter.get()
        let report = ReplayReport(
            title: title, notes: ["input: year.ndjson"], rules: try stricterRules(),
            series: try #require(result.series), alerts: AlertInterval.pairing(result.alerts.map(\.transition)))
        return (report, report.html())
    }

    @Test func everyParkHasAChartPerJudgedAggregateWithItsAlertsShaded() throws {
        let (report, html) = try report()
        let rules = report.rules
        let parks = Set(report.series.points.keys.map(\.parkID))
        #expect(parks.count == 8)
        // Every rule aggregate of every park was judged in May and June, and each has its chart.
        let expected = Set(
            parks.flatMap { park in
                rules.targets.map { RuleSeries.Key(parkID: park, metric: $0.metric, window: $0.aggregateWindow) }
            })
        #expect(expected.count == 8 * 11)
        #expect(Set(report.series.points.keys) == expected)
        for key in expected {
            #expect(html.components(separatedBy: "<svg id=\"\(ReplayReport.chartID(key))\"").count == 2, "\(key)")
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == expected.count)
        #expect(html.components(separatedBy: "<section id=\"park-").count - 1 == 8)
        // Each alert of a threshold rule is shaded once, in its rule's chart.
        let thresholdIDs = Set(rules.targets.map(\.id))
        let shaded = report.alerts.filter { thresholdIDs.contains($0.ruleID) }
        #expect(!shaded.isEmpty)
        #expect(html.components(separatedBy: "<rect class=\"alert\"").count - 1 == shaded.count)
        // The summary: one row per park; jinshan missed its compliance target, baoshan nothing.
        let summary = try #require(html.range(of: "<table class=\"summary\">").map { html[$0.lowerBound...] })
        let table = summary[..<(summary.range(of: "</table>")?.lowerBound ?? summary.endIndex)]
        #expect(table.components(separatedBy: "<tr><td><a href=\"#park-").count - 1 == 8)
        #expect(table.contains("wastewater_compliance (24h)"))
        #expect(table.contains("<a href=\"#park-xunxian\">xunxian</a>"))
        // Self-contained: no script, no external reference, no font download.
        for forbidden in ["<script", "http://", "https://", "@import", "url(", "<link"] {
            let allowed = forbidden == "http://" ? "http://www.w3.org/2000/svg" : nil
            let hits = html.components(separatedBy: forbidden).count - 1
            let allowedHits = allowed.map { html.components(separatedBy: $0).count - 1 } ?? 0
            #expect(hits == allowedHits, "\(forbidden)")
        }
        // Two months of eight parks stays small (one point per day).
        #expect(html.utf8.count < 400_000)
    }

    @Test func textIsEscaped() throws {
        let (_, html) = try report(title: "Q3 <b>\"what-if\"</b> & more")
        #expect(html.contains("<h1>Q3 &lt;b&gt;&quot;what-if&quot;&lt;/b&gt; &amp; more</h1>"))
        #expect(!html.contains("<b>"))
    }

    @Test func anEmptyReplayStillGivesAPage() {
        let html = ReplayReport(
            title: "Empty", notes: [], rules: RuleSet(), series: RuleSeries(zone: .shanghai), alerts: []
        ).html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("nothing to chart"))
        #expect(html.hasSuffix("</html>\n"))
    }
}
