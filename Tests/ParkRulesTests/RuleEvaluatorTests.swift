import ParkMetrics
import ParkRules
import Testing

@Suite("Rule evaluator")
struct RuleEvaluatorTests {
    static let yaml = """
        rules:
          - {id: ww, metric: wastewater_compliance, window: 24h, when: "< 0.95", parks: [jinshan, baoshan]}
          - {id: energy, metric: energy_intensity, window: ytd, growth: yoy, when: "> -0.034"}
          - {id: heat, metric: heating_coverage, window: latest, when: "< 1"}
        """

    @Test("evaluates the rules an event can change, derived ratios included, per park")
    func evaluate() throws {
        var evaluator = RuleEvaluator(rules: try RuleSet(yaml: Self.yaml))
        let time = Fixtures.time("2017-06-08T10:00:00+08:00")
        var asked: [String] = []
        let fired = evaluator.evaluate(park: Fixtures.jinshan, metric: .addedValue, at: time) { rule in
            asked.append(rule.id)
            return 0.01
        }
        #expect(asked == ["energy"])
        #expect(fired.map(\.ruleID) == ["energy"])
        asked = []
        let none = evaluator.evaluate(park: Fixtures.qixian, metric: .wastewaterCompliance, at: time) { rule in
            asked.append(rule.id)
            return 0.5
        }
        #expect(none.isEmpty && asked.isEmpty)  // qixian is not in the rule's parks
        _ = evaluator.evaluate(park: Fixtures.baoshan, metric: .wastewaterCompliance, at: time) { _ in 0.5 }
        #expect(evaluator.firing.map(\.ruleID) == ["ww", "energy"])
        #expect(evaluator.lifecycle(ruleID: "ww", park: Fixtures.baoshan)?.isFiring == true)
        #expect(evaluator.lifecycle(ruleID: "ww", park: Fixtures.jinshan) == nil)
    }
}
