import ParkMetrics
import ParkRules
import Testing

@Suite("rules/hebi-2017.yaml")
struct HebiRulesTests {
    /// The repository root, from this file's path.
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test("loads and validates, with the plan's targets")
    func loads() throws {
        let set = try RuleSet.load(path: Self.root + "/rules/hebi-2017.yaml")
        let ids = Set(set.targets.map(\.id))
        for id in [
            "fixed-asset-investment-growth-reported", "fixed-asset-investment-growth-ytd",
            "added-value-growth-reported",
            "main-business-revenue-growth-reported", "wastewater-compliance-24h", "wastewater-treatment-30d",
            "solid-waste-treatment-30d", "heating-coverage-2017", "idle-assets-revitalization-2017",
            "energy-intensity-yoy",
        ] {
            #expect(ids.contains(id), "missing \(id)")
        }
        let heating = try #require(set.targets.first { $0.id == "heating-coverage-2017" })
        #expect(heating.activeFrom == Timestamp(rfc3339: "2017-10-31T00:00:00+08:00"))
        let fai = try #require(set.targets.first { $0.id == "fixed-asset-investment-growth-ytd" })
        #expect(fai.growth == .yoy && fai.when == Condition(.less, 0.18))
        let energy = try #require(set.targets.first { $0.id == "energy-intensity-yoy" })
        #expect(energy.when == Condition(.greater, -0.034))
        #expect(set.completeness.contains { $0.check == .absent(RuleDuration(parsing: "2h")!) })
        #expect(set.completeness.contains { $0.check == .dueDay(10) })
    }

    @Test("a missing file is an io error")
    func missing() {
        #expect(throws: RuleError.self) { try RuleSet.load(path: Self.root + "/rules/no-such-file.yaml") }
    }
}
