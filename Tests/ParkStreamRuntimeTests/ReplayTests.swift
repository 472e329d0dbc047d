import Foundation
import ParkMetrics
import ParkRules
import ParkSimulator
import ParkStreamRuntime
import Testing

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A year of simulated Hebi data as NDJSON (coarser sampling keeps debug builds quick).
let simulatedYear: [UInt8] = {
    var configuration = SimulationConfiguration()
    configuration.wastewaterInterval = .seconds(1800)
    configuration.energyInterval = .seconds(3600)
    let encoder = MetricEventEncoder()
    var bytes: [UInt8] = []
    for event in ParkSimulation(configuration: configuration) { encoder.appendLine(event, to: &bytes) }
    return bytes
}()

func hebiRules() throws -> RuleSet {
    try RuleSet.load(path: repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path)
}

/// The year replayed once with the Hebi rules, shared by the tests that only read it.
let replayedYear: Result<ReplayResult, any Error> = Result {
    FileReplay(rules: try hebiRules()).run(simulatedYear, path: "year.ndjson")
}

@Suite("replay", .serialized)
struct ReplayTests {
    @Test func aYearOfSimulatedDataRaisesEachPlantedShortfallAndNothingElse() throws {
        let result = try replayedYear.get()
        #expect(result.rejected.isEmpty)
        #expect(result.late.isEmpty)
        let fired = Set(
            result.alerts.filter { $0.transition.state == .firing }.map {
                "\($0.transition.parkID) \($0.transition.ruleID)"
            })
        let reports = [
            "added-value", "added-value-growth", "main-business-revenue", "main-business-revenue-growth",
            "fixed-asset-investment", "fixed-asset-investment-growth", "idle-assets-revitalization",
        ].map { "shancheng \($0)-monthly-report" }
        let planted: Set<String> = [
            "jinshan wastewater-compliance-24h", "xunxian heating-coverage-2017",
            "qixian fixed-asset-investment-growth-reported", "qixian fixed-asset-investment-growth-ytd",
            "qibin wastewater-compliance-absent",
        ]
        #expect(fired == planted.union(reports))
        for healthy in ["baoshan", "kaifaqu", "chengxiang"] {
            #expect(!result.alerts.contains { $0.transition.parkID.rawValue == healthy })
        }
        // The sag, the silence and the late report end; the missed deadline and the slow investment do not.
        let resolved = Set(
            result.alerts.filter { $0.transition.state == .resolved }.map {
                "\($0.transition.parkID) \($0.transition.ruleID)"
            })
        #expect(
            resolved
                == fired.subtracting([
                    "xunxian heating-coverage-2017", "qixian fixed-asset-investment-growth-reported",
                    "qixian fixed-asset-investment-growth-ytd",
                ]))
    }

    @Test func replayingTheSameInputTwiceIsByteIdentical() throws {
        let first = try replayedYear.get()
        let second = FileReplay(rules: try hebiRules()).run(simulatedYear, path: "year.ndjson")
        #expect(first.aggregates.csv == second.aggregates.csv)
        #expect(first.alerts.map { $0.canonicalJSON() } == second.alerts.map { $0.canonicalJSON() })
        #expect(first.aggregates.csv.hasPrefix("park_id,metric,window,window_end,value,count\n"))
    }

    @Test func alertsAreInEventTimeOrderWithFileSources() throws {
        let result = try replayedYear.get()
        #expect(
            zip(result.alerts, result.alerts.dropFirst()).allSatisfy {
                $0.transition.eventTime <= $1.transition.eventTime
            })
        #expect(result.alerts.allSatisfy { if case .file("year.ndjson", _) = $0.source { true } else { false } })
    }

    @Test func aTimeRangeSelectsEventsByObservedAtAndMonthlyEventsByPeriod() throws {
        let june = ReplaySelection(
            from: Timestamp(rfc3339: "2017-06-01T00:00:00+08:00"), to: Timestamp(rfc3339: "2017-07-01T00:00:00+08:00"))
        let result = FileReplay(rules: RuleSet(), selection: june).run(simulatedYear, path: "year.ndjson")
        let months = Set(result.aggregates.rows.map { $0.windowEnd })
        #expect(months == [Timestamp(rfc3339: "2017-07-01T00:00:00+08:00")])
        #expect(result.outsideSelection > 0)
    }
}
