import Foundation
import Testing

@Suite("parkstream replay", .serialized, .timeLimit(.minutes(6)))
struct ReplayCommandTests {
    @Test func replayingTheSameFileTwiceWritesByteIdenticalFiles() throws {
        let input = try temporaryFile("june.ndjson", "")
        let simulate = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "simulate", "--start", "2017-06-01", "--until", "2017-06-15", "--wastewater-interval", "30m",
                "--output", input,
            ])
        #expect(simulate.status == 0)
        let rules = repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path
        var outputs: [(csv: Data, alerts: Data)] = []
        for run in 0..<2 {
            let csv = input + ".\(run).csv"
            let alerts = input + ".\(run).alerts.ndjson"
            let replay = try ChildProcess.run(
                ChildProcess.parkstream.path,
                ["replay", "--input", input, "--rules", rules, "--aggregates", csv, "--alerts", alerts])
            #expect(replay.status == 0, "\(replay.stderr)")
            outputs.append(
                (try Data(contentsOf: URL(fileURLWithPath: csv)), try Data(contentsOf: URL(fileURLWithPath: alerts))))
        }
        #expect(outputs[0].csv == outputs[1].csv)
        #expect(outputs[0].alerts == outputs[1].alerts)
        let csvText = String(decoding: outputs[0].csv, as: UTF8.self)
        #expect(csvText.hasPrefix("park_id,metric,window,window_end,value,count\n"))
        #expect(csvText.contains("jinshan,wastewater_compliance,month,2017-07-01T00:00:00+08:00,"))
        // The jinshan sag of 5-9 June is in the span.
        #expect(
            String(decoding: outputs[0].alerts, as: UTF8.self).contains(
                #""rule_id":"wastewater-compliance-24h","park_id":"jinshan""#))
    }

    @Test func aBadRulesFileIsRefusedWithTheRuleAndField() throws {
        let rules = try temporaryFile(
            "bad.yaml", "rules:\n  - id: x\n    metric: foo\n    window: 24h\n    when: \"< 1\"\n")
        let input = try temporaryFile("empty.ndjson", "")
        let replay = try ChildProcess.run(
            ChildProcess.parkstream.path, ["replay", "--input", input, "--rules", rules, "--alerts", input + ".out"])
        #expect(replay.status == 1)
        #expect(replay.stderr.contains(#"rule "x": metric: unknown metric "foo""#), "\(replay.stderr)")
    }
}
