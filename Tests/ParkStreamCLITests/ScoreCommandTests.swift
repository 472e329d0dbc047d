import Foundation
import Testing

@Suite("parkstream score", .serialized, .timeLimit(.minutes(6)))
struct ScoreCommandTests {
    /// Contents the simulator has no metric for (the catalog has none).
    static let unmeasured: Set<String> = ["input_output_efficiency"]

    @Test func aSimulatedYearRanksAllEightParksWithPlausibleNumbers() throws {
        let events = try temporaryFile("year.ndjson", "")
        defer { try? FileManager.default.removeItem(atPath: events) }
        // 2016 as history, 2017 live, and January 2018 for December 2017's statistics.
        let simulate = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "simulate", "--until", "2018-01-15", "--wastewater-interval", "30m", "--energy-interval", "1h",
                "--output", events,
            ])
        #expect(simulate.status == 0)

        let run = try ChildProcess.run(
            ChildProcess.parkstream.path, ["score", "--input", events, "--year", "2017", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(" 0 late, 0 rejected"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(root["year"] as? Int == 2017)
        let parks = try #require(root["parks"] as? [[String: Any]])
        #expect(
            Set(parks.compactMap { $0["park_id"] as? String })
                == ["baoshan", "jinshan", "xunxian", "qixian", "qibin", "shancheng", "kaifaqu", "chengxiang"])
        #expect(parks.compactMap { $0["rank"] as? Int } == Array(1...8), "ranked, best first, no ties")
        let scores = parks.compactMap { $0["score"] as? Double }
        #expect(scores.count == 8)
        #expect(scores == scores.sorted(by: >))
        // 90 points are reachable (input-output efficiency has no metric); the worst park earns 60 %.
        #expect(scores.allSatisfy { $0 >= 54 && $0 <= 90 }, "\(scores)")
        #expect(Set(scores).count > 1)
        let definitions = try #require(root["indicators"] as? [[String: Any]])
        let contents = definitions.flatMap { ($0["contents"] as? [[String: Any]]) ?? [] }
        for content in contents where !Self.unmeasured.contains(content["id"] as? String ?? "") {
            #expect(content["through"] as? String == "2017-12", "\(content["id"] ?? "?")")
        }
        for park in parks {
            let id = park["park_id"] as? String ?? "?"
            #expect((park["missing"] as? [String]).map(Set.init) == Self.unmeasured, "\(id)")
            let values = try Self.values(park)
            #expect(values.count == contents.count && contents.count == 20, "\(id)")
            for (content, value) in values where !Self.unmeasured.contains(content) {
                let number = try #require(value, "\(id) \(content) is missing")
                #expect(Self.plausible(content, number), "\(id) \(content) = \(number)")
            }
            #expect(values["input_output_efficiency"] == .some(nil), "shown as null, never 0")
        }

        let table = try ChildProcess.run(ChildProcess.parkstream.path, ["score", "--input", events, "--year", "2017"])
        #expect(table.status == 0)
        let best = try #require(parks.first?["park_id"] as? String)
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("   1  \(best) ") })
        #expect(table.stdout.contains("missing for every park: input_output_efficiency\n"))
    }

    @Test func aBadWeightsFileIsRefusedNamingLineFieldAndRule() throws {
        let weights = try temporaryFile("weights.yaml", "weights:\n  added_value: 100\n  energy: 0\n")
        let events = try temporaryFile("none.ndjson", "")
        let run = try ChildProcess.run(
            ChildProcess.parkstream.path, ["score", "--input", events, "--year", "2017", "--weights", weights])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("weights file: line 3, column 3: weights: unknown indicator \"energy\""),
            "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func badLinesAreReportedAndTheRestIsStillScored() throws {
        let good =
            "{\"event_id\":\"a1\",\"park_id\":\"alpha\",\"metric\":\"idle_assets_revitalization\","
            + "\"observed_at\":\"2017-07-05T09:00:00+08:00\",\"value\":0.3,\"period\":\"2017-06\"}\n"
        let events = try temporaryFile("bad.ndjson", good + "{\"park_id\":\"beta\"}\n")
        let run = try ChildProcess.run(
            ChildProcess.parkstream.path, ["score", "--input", events, "--year", "2017", "--format", "csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("line 2: event_id: required"), "\(run.stderr)")
        #expect(run.stdout.contains("1,alpha,6,idle_assets_revitalization,6,6,idle_assets_revitalization,"))
    }

    /// The contents' values by id (nil: JSON null).
    static func values(_ park: [String: Any]) throws -> [String: Double?] {
        let indicators = try #require(park["indicators"] as? [String: [String: Any]])
        var values: [String: Double?] = [:]
        for indicator in indicators.values {
            for (id, content) in (indicator["contents"] as? [String: [String: Any]]) ?? [:] {
                values[id] = content["value"] as? Double
            }
        }
        return values
    }

    /// Broad bounds a Hebi park's figures for 2017 fall in.
    static func plausible(_ content: String, _ value: Double) -> Bool {
        switch content {
        case let id where id.hasSuffix("_yoy"): return value > -0.5 && value < 1
        case "rd_intensity", "leading_industry_va_share", "leading_industry_investment_share",
            "wastewater_treatment_rate", "solid_waste_treatment_rate", "wastewater_compliance",
            "idle_assets_revitalization":
            return value > 0 && value <= 1
        case "energy_intensity": return value > 0 && value < 10
        default: return value > 0
        }
    }
}
