import Foundation
import Testing

/// May and June 2017 simulated (compliance sampled hourly) and replayed once with the Hebi rules:
/// the baseline alerts and report the what-if and report tests start from.
struct WhatIfFixture {
    let directory: String
    let input: String
    let hebiRules: String
    let stricterRules: String
    let baselineAlerts: String
    let baselineReport: String

    static let shared: Result<WhatIfFixture, any Error> = Result { try WhatIfFixture() }

    private init() throws {
        input = try temporaryFile("may-june.ndjson", "")
        directory = URL(fileURLWithPath: input).deletingLastPathComponent().path
        let simulate = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "simulate", "--start", "2017-05-01", "--until", "2017-07-01", "--wastewater-interval", "1h",
                "--energy-interval", "1h", "--output", input,
            ])
        guard simulate.status == 0 else { throw CommandError(simulate.stderr) }
        hebiRules = repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path
        // Compliance target 95 % → 97 % (clear stays 97 %): at hourly samples one failed sample
        // in 24 hours (95.8 %) now fires.
        let text = try String(contentsOfFile: hebiRules, encoding: .utf8)
        let old = "    window: 24h\n    when: \"< 0.95\"\n"
        guard text.components(separatedBy: old).count == 2 else { throw CommandError("rule text not found") }
        stricterRules = directory + "/stricter.yaml"
        try text.replacingOccurrences(of: old, with: "    window: 24h\n    when: \"< 0.97\"\n").write(
            toFile: stricterRules, atomically: true, encoding: .utf8)
        baselineAlerts = directory + "/baseline.alerts.ndjson"
        baselineReport = directory + "/baseline.html"
        let replay = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "replay", "--input", input, "--rules", hebiRules, "--alerts", baselineAlerts, "--report",
                baselineReport,
            ])
        guard replay.status == 0 else { throw CommandError(replay.stderr) }
    }

    struct CommandError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// Alerts of an alerts NDJSON file as `rule park started fired resolved` strings, built from the
/// JSON directly (firing and resolved events joined by alert id).
func alertTimes(ndjson path: String) throws -> Set<String> {
    var byID: [String: [String: String]] = [:]
    for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let id = try #require(object["alert_id"] as? String)
        var alert = byID[id] ?? [:]
        for key in ["rule_id", "park_id", "started_at"] { alert[key] = object[key] as? String }
        if object["state"] as? String == "firing" {
            alert["fired_at"] = object["event_time"] as? String
        } else {
            alert["resolved_at"] = object["resolved_at"] as? String
        }
        byID[id] = alert
    }
    return Set(byID.values.map(alertKey))
}

func alertKey(_ alert: [String: Any]) -> String {
    ["rule_id", "park_id", "started_at", "fired_at", "resolved_at"].map { alert[$0] as? String ?? "-" }.joined(
        separator: " ")
}

@Suite("parkstream replay: what-if and report", .serialized, .timeLimit(.minutes(6)))
struct ReplayWhatIfCommandTests {
    @Test func aRaisedThresholdShowsExactlyTheAlertsItAddsAndShifts() throws {
        let fixture = try WhatIfFixture.shared.get()
        let candidateAlerts = fixture.directory + "/stricter.alerts.ndjson"
        let diffFile = fixture.directory + "/diff.json"
        let whatIf = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "replay", "--input", fixture.input, "--rules", fixture.stricterRules, "--alerts", candidateAlerts,
                "--diff-against", fixture.baselineAlerts, "--diff-format", "json", "--diff-output", diffFile,
            ])
        #expect(whatIf.status == 3, "\(whatIf.stderr)")
        #expect(whatIf.stdout.isEmpty)
        #expect(whatIf.stderr.contains(" added, 0 dropped, 1 shifted, "), "\(whatIf.stderr)")
        #expect(whatIf.stderr.contains("\n0 added") == false)

        // Independently: the alerts each replay has and the other has not at the same times.
        let before = try alertTimes(ndjson: fixture.baselineAlerts)
        let after = try alertTimes(ndjson: candidateAlerts)
        let diff = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: diffFile))) as? [String: Any])
        let changes = try #require(diff["changes"] as? [[String: Any]])
        func side(_ name: String) -> Set<String> {
            Set(
                changes.compactMap { change in
                    (change[name] as? [String: Any]).map { alert in
                        var flat = alert
                        flat["rule_id"] = change["rule_id"]
                        flat["park_id"] = change["park_id"]
                        return alertKey(flat)
                    }
                })
        }
        #expect(!after.subtracting(before).isEmpty)
        #expect(side("baseline") == before.subtracting(after))
        #expect(side("candidate") == after.subtracting(before))
        #expect(diff["unchanged"] as? Int == before.intersection(after).count)
        #expect(changes.allSatisfy { $0["rule_id"] as? String == "wastewater-compliance-24h" })
        let jinshan = try #require(changes.first { $0["park_id"] as? String == "jinshan" })
        #expect(jinshan["change"] as? String == "shifted")
        #expect((jinshan["start_delta_seconds"] as? Int ?? 0) < 0)
    }

    @Test func theReportRendersAChartPerParkAndMetricInHeadlessChromium() throws {
        let fixture = try WhatIfFixture.shared.get()
        let report = fixture.directory + "/again.html"
        // Same input and rules: no differences (exit 0, the table is just its count line) and a
        // byte-identical report.
        let replay = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "replay", "--input", fixture.input, "--rules", fixture.hebiRules, "--diff-against",
                fixture.baselineAlerts, "--report", report,
            ])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.hasPrefix("0 added, 0 dropped, 0 shifted, "), "\(replay.stdout)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.baselineReport)) == Data(html.utf8))

        // One chart per park and judged aggregate: 8 parks × the 11 aggregates the Hebi rules judge.
        let parks = ["baoshan", "chengxiang", "jinshan", "kaifaqu", "qibin", "qixian", "shancheng", "xunxian"]
        let aggregates = [
            "wastewater_compliance-24h", "wastewater_treatment_rate-30d", "solid_waste_treatment_rate-30d",
            "heating_coverage-latest", "fixed_asset_investment-yoy", "main_business_revenue-yoy",
            "fixed_asset_investment_growth-latest", "added_value_growth-latest", "main_business_revenue_growth-latest",
            "idle_assets_revitalization-latest", "energy_intensity-yoy",
        ]
        for park in parks {
            #expect(html.contains("<section id=\"park-\(park)\">"))
            for aggregate in aggregates {
                #expect(html.contains("<svg id=\"chart-\(park)-\(aggregate)\" class=\"chart\""), "\(park) \(aggregate)")
            }
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == parks.count * aggregates.count)
        #expect(html.contains("<title>jinshan: wastewater_compliance over 24h</title>"))
        #expect(html.contains("<rect class=\"alert\""))

        // Headless Chromium renders it; the screenshot is kept under .build for people to look at.
        let kept = repositoryRoot.appendingPathComponent(".build/replay-report")
        try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        let keptReport = kept.appendingPathComponent("replay-report.html").path
        let screenshot = kept.appendingPathComponent("replay-report.png").path
        try? FileManager.default.removeItem(atPath: keptReport)
        try FileManager.default.copyItem(atPath: report, toPath: keptReport)
        let shot = try ChildProcess.run(
            "/bin/bash",
            [
                repositoryRoot.appendingPathComponent("scripts/screenshot-report.sh").path, keptReport, screenshot,
                "1400", "3000",
            ])
        #expect(shot.status == 0, "\(shot.stderr)")
        print("replay report screenshot: \(screenshot)")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let bigEndian = { (offset: Int) in png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        #expect(bigEndian(16) == 1400 && bigEndian(20) == 3000)
        // A blank page of this size is about 19 kB; the summary and charts several times that.
        #expect(png.count > 100_000)
    }
}
