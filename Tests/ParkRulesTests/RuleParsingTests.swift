import ParkMetrics
import ParkRules
import Testing

@Suite("Parsing valid rules")
struct RuleParsingTests {
    static let architectureExample = """
        rules:
          - id: wastewater-compliance-24h
            metric: wastewater_compliance
            window: 24h            # duration | day | month | ytd | latest
            when: "< 0.95"         # fire when the aggregate satisfies this
            clear: ">= 0.97"       # optional hysteresis; default: not `when`
            for: 1h                # optional: condition must hold this long (event time)
            severity: critical     # info | warning | critical
            parks: ["*"]
            overrides: {baoshan: {when: "< 0.98"}}   # per-park responsibility targets
          - id: heating-coverage-2017
            metric: heating_coverage
            window: latest
            when: "< 1.0"
            active_from: 2017-10-31T00:00:00+08:00   # a deadline
          - id: fixed-asset-investment-growth
            metric: fixed_asset_investment
            window: ytd
            growth: yoy
            when: "< 0.18"
        """

    @Test("ARCHITECTURE.md §6's example parses with its defaults")
    func architectureExample() throws {
        let set = try RuleSet(yaml: Self.architectureExample)
        #expect(set.targets.count == 3)
        #expect(set.completeness.isEmpty)
        let ww = set.targets[0]
        #expect(ww.metric == .wastewaterCompliance)
        #expect(ww.window == .sliding(RuleDuration(parsing: "24h")!))
        #expect(ww.when == Condition(.less, 0.95))
        #expect(ww.clear == Condition(.greaterOrEqual, 0.97))
        #expect(ww.forDuration.seconds == 3600)
        #expect(ww.severity == .critical)
        #expect(ww.parks == .all)
        #expect(ww.overrides[Fixtures.baoshan] == RuleOverride(when: Condition(.less, 0.98)))
        let heating = set.targets[1]
        #expect(heating.window == .latest)
        #expect(heating.severity == .warning)
        #expect(heating.forDuration == .zero)
        #expect(heating.clear == nil)
        #expect(heating.activeFrom == Fixtures.time("2017-10-30T16:00:00Z"))
        let fai = set.targets[2]
        #expect(fai.growth == .yoy)
        #expect(fai.aggregateWindow == "yoy")
    }

    @Test("an override's when without clear gets clear = not its when; other fields keep the rule's")
    func overrideMerging() throws {
        let rule = try RuleSet(yaml: Self.architectureExample).targets[0]
        let baoshan = rule.target(for: Fixtures.baoshan)
        #expect(baoshan.when == Condition(.less, 0.98))
        #expect(baoshan.clear == Condition(.greaterOrEqual, 0.98))
        #expect(baoshan.severity == .critical)
        #expect(baoshan.forDuration.seconds == 3600)
        let jinshan = rule.target(for: Fixtures.jinshan)
        #expect(jinshan.when == Condition(.less, 0.95))
        #expect(jinshan.clear == Condition(.greaterOrEqual, 0.97))
        #expect(jinshan.window == "24h")
    }

    @Test("an empty rule list is a valid file; targets are found by metric, derived ratios included")
    func lookups() throws {
        #expect(try RuleSet(yaml: "rules: []\n") == RuleSet())
        let set = try RuleSet(
            yaml: Self.architectureExample + "\n  - {id: e, metric: energy_intensity, window: ytd, when: '> 1'}")
        #expect(
            set.targets(for: .wastewaterCompliance, park: Fixtures.jinshan).map(\.id) == ["wastewater-compliance-24h"])
        #expect(set.targets(affectedBy: .addedValue, park: Fixtures.jinshan).map(\.id) == ["e"])
        #expect(set.targets(affectedBy: .energyConsumption, park: Fixtures.jinshan).map(\.id) == ["e"])
        #expect(set.metrics.contains(.energyIntensity))
    }

    @Test("completeness rules parse")
    func completeness() throws {
        let set = try RuleSet(
            yaml: """
                rules:
                  - {id: a, metric: wastewater_compliance, absent: 2h, severity: critical, parks: [jinshan]}
                  - {id: b, metric: added_value, due_day: 10, active_from: "2017-03-01T00:00:00+08:00"}
                """)
        #expect(set.completeness.count == 2)
        #expect(set.completeness[0].check == .absent(RuleDuration(parsing: "2h")!))
        #expect(set.completeness[0].parks == .only([Fixtures.jinshan]))
        #expect(set.completeness[0].window == "2h")
        #expect(set.completeness[1].check == .dueDay(10))
        #expect(set.completeness[1].conditionText == "due_day 10")
    }

    @Test(
        "conditions parse to canonical text",
        arguments: [
            ("< 0.95", "< 0.95"), ("<=1", "<= 1"), (" >  -0.034 ", "> -0.034"), (">= 1.0", ">= 1"),
            ("== 0", "== 0"), ("!= -0", "!= 0"), ("< 1e-3", "< 0.001"), ("> .5", "> 0.5"),
        ])
    func conditions(text: String, canonical: String) throws {
        let condition = try #require(Condition(parsing: text))
        #expect(condition.description == canonical)
    }

    @Test("not conditions", arguments: ["", "<", "0.95", "< abc", "< 1 2", "<> 1", "=< 1", "< 0x10", "< inf", "< 1e"])
    func notConditions(text: String) {
        #expect(Condition(parsing: text) == nil)
    }

    @Test("durations", arguments: [("30m", 1800), ("24h", 86_400), ("7d", 604_800), ("90s", 90), ("0", 0)])
    func durations(text: String, seconds: Int64) throws {
        #expect(try #require(RuleDuration(parsing: text)).seconds == seconds)
    }

    @Test("not durations", arguments: ["", "h", "1", "1.5h", "-1h", "1w", "99999999999d", "1 h"])
    func notDurations(text: String) {
        #expect(RuleDuration(parsing: text) == nil)
    }

    @Test("the window and kind matrix")
    func windowMatrix() {
        let latest = RuleWindow.latest
        #expect(latest.isDefined(for: .telemetryGauge) && latest.isDefined(for: .monthlyGauge))
        #expect(!latest.isDefined(for: .telemetryRate) && !latest.isDefined(for: .monthlyAmount))
        #expect(!RuleWindow.ytd.isDefined(for: .monthlyGauge))
        #expect(RuleWindow.month.kinds == MetricKind.allCases)
        #expect(!RuleWindow.day.isDefined(for: .derivedRatio))
        #expect(RuleWindow.growthKinds == [.telemetrySum, .monthlyAmount, .derivedRatio])
    }

    @Test("conditions that overlap and those that do not")
    func overlap() throws {
        let when = try #require(Condition(parsing: "< 0.95"))
        #expect(!when.overlaps(try #require(Condition(parsing: ">= 0.95"))))
        #expect(when.overlaps(try #require(Condition(parsing: "<= 0.95"))))
        #expect(when.overlaps(try #require(Condition(parsing: "!= 1"))))
        #expect(!when.overlaps(try #require(Condition(parsing: "== 1"))))
        #expect(try #require(Condition(parsing: "> 0")).overlaps(try #require(Condition(parsing: "< 0.5"))))
    }
}
