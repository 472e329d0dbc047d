import ParkMetrics
import ParkRules
import Testing

@Suite("Alert lifecycle")
struct AlertLifecycleTests {
    static let hysteresis = """
        rules:
          - {id: ww, metric: wastewater_compliance, window: 24h, when: "< 0.95", clear: ">= 0.97", severity: critical}
        """
    let start = Fixtures.time("2017-06-08T10:00:00+08:00")

    /// Feeds values one minute apart; returns the transitions.
    func run(_ lifecycle: inout AlertLifecycle, _ values: [Double?], from: Timestamp) -> [AlertTransition] {
        var out: [AlertTransition] = []
        for (index, value) in values.enumerated() {
            if let transition = lifecycle.observe(value: value, at: Fixtures.plus(from, minutes: Int64(index))) {
                out.append(transition)
            }
        }
        return out
    }

    @Test("a value oscillating around the threshold fires once and resolves once (hysteresis)")
    func noStorm() throws {
        var lifecycle = AlertLifecycle(rule: try Fixtures.target(Self.hysteresis), park: Fixtures.jinshan)
        var values: [Double?] = []
        for _ in 0..<500 { values += [0.949, 0.951, 0.96, 0.94] }
        values += [0.97]
        let transitions = run(&lifecycle, values, from: start)
        #expect(transitions.map(\.state) == [.firing, .resolved])
        #expect(transitions[0].eventTime == start)
        #expect(transitions[0].value == 0.949)
        #expect(transitions[1].value == 0.97)
        #expect(transitions[1].resolvedAt == Fixtures.plus(start, minutes: 2000))
        #expect(transitions[0].alertID == transitions[1].alertID)
        #expect(!lifecycle.isFiring)
    }

    @Test("without clear, every crossing is a transition (what hysteresis prevents)")
    func withoutClear() throws {
        let rule = try Fixtures.target("rules: [{id: ww, metric: wastewater_compliance, window: 24h, when: '< 0.95'}]")
        var lifecycle = AlertLifecycle(rule: rule, park: Fixtures.jinshan)
        let transitions = run(&lifecycle, [0.94, 0.96, 0.94, 0.96], from: start)
        #expect(transitions.map(\.state) == [.firing, .resolved, .firing, .resolved])
        #expect(transitions[0].alertID != transitions[2].alertID)
    }

    @Test("for: the condition must hold continuously for the duration, in event time")
    func forDuration() throws {
        let rule = try Fixtures.target(
            "rules: [{id: ww, metric: wastewater_compliance, window: 24h, when: '< 0.95', for: 30m}]")
        var lifecycle = AlertLifecycle(rule: rule, park: Fixtures.jinshan)
        // Holds for 20 minutes, breaks, then holds from minute 25 on.
        var values: [Double?] = Array(repeating: 0.9, count: 20) + [0.99]
        values += Array(repeating: 0.9, count: 60)
        let transitions = run(&lifecycle, values, from: start)
        #expect(transitions.count == 1)
        let fired = try #require(transitions.first)
        #expect(fired.startedAt == Fixtures.plus(start, minutes: 21))
        #expect(fired.eventTime == Fixtures.plus(start, minutes: 51))
        #expect(fired.state == .firing)
    }

    @Test("for is met by the first observation at or after start + for, even with sparse events")
    func forSparse() throws {
        let rule = try Fixtures.target(
            "rules: [{id: ww, metric: wastewater_compliance, window: 24h, when: '< 0.95', for: 1h}]")
        var lifecycle = AlertLifecycle(rule: rule, park: Fixtures.jinshan)
        #expect(lifecycle.observe(value: 0.9, at: start) == nil)
        #expect(lifecycle.observe(value: 0.9, at: Fixtures.plus(start, minutes: 59)) == nil)
        let firedTransition = lifecycle.observe(value: 0.9, at: Fixtures.plus(start, minutes: 95))
        let fired = try #require(firedTransition)
        #expect(fired.startedAt == start)
        #expect(fired.eventTime == Fixtures.plus(start, minutes: 95))
    }

    @Test("active_from: nothing before the deadline counts; started_at is never before it")
    func deadline() throws {
        let rule = try Fixtures.target(
            """
            rules:
              - {id: heating-coverage-2017, metric: heating_coverage, window: latest, when: "< 1.0",
                 active_from: "2017-10-31T00:00:00+08:00"}
            """)
        var lifecycle = AlertLifecycle(rule: rule, park: Fixtures.qixian)
        let deadline = Fixtures.time("2017-10-31T00:00:00+08:00")
        #expect(lifecycle.observe(value: 0.8, at: Fixtures.time("2017-10-20T08:00:00+08:00")) == nil)
        #expect(lifecycle.observe(value: 0.9, at: Fixtures.time("2017-10-30T23:59:59+08:00")) == nil)
        let firedTransition = lifecycle.observe(value: 0.9, at: Fixtures.time("2017-10-31T08:00:00+08:00"))
        let fired = try #require(firedTransition)
        #expect(fired.startedAt == deadline)
        #expect(fired.eventTime == Fixtures.time("2017-10-31T08:00:00+08:00"))
        #expect(fired.condition == "< 1")
        #expect(fired.threshold == 1)
        let resolvedTransition = lifecycle.observe(value: 1, at: Fixtures.time("2017-11-03T08:00:00+08:00"))
        let resolved = try #require(resolvedTransition)
        #expect(resolved.state == .resolved)
        #expect(resolved.startedAt == deadline)
    }

    @Test("active_from is inclusive: an observation exactly at the deadline fires")
    func deadlineInclusive() throws {
        let rule = try Fixtures.target(
            "rules: [{id: h, metric: heating_coverage, window: latest, when: '< 1', active_from: '2017-10-31T00:00:00+08:00'}]"
        )
        var lifecycle = AlertLifecycle(rule: rule, park: Fixtures.qixian)
        let deadline = Fixtures.time("2017-10-31T00:00:00+08:00")
        let firedTransition = lifecycle.observe(value: 0.5, at: deadline)
        let fired = try #require(firedTransition)
        #expect(fired.startedAt == deadline && fired.eventTime == deadline)
    }

    @Test("overrides: a park's own target, severity and for")
    func overrides() throws {
        let rule = try Fixtures.target(
            """
            rules:
              - id: ww
                metric: wastewater_compliance
                window: 24h
                when: "< 0.95"
                clear: ">= 0.97"
                severity: warning
                overrides: {baoshan: {when: "< 0.98", severity: critical}, qixian: {for: 2h}}
            """)
        var jinshan = AlertLifecycle(rule: rule, park: Fixtures.jinshan)
        var baoshan = AlertLifecycle(rule: rule, park: Fixtures.baoshan)
        var qixian = AlertLifecycle(rule: rule, park: Fixtures.qixian)
        #expect(jinshan.observe(value: 0.96, at: start) == nil)
        let firedTransition = baoshan.observe(value: 0.96, at: start)
        let fired = try #require(firedTransition)
        #expect(fired.severity == .critical)
        #expect(fired.threshold == 0.98)
        #expect(fired.condition == "< 0.98")
        // baoshan's override sets when without clear: it clears at >= 0.98, not the rule's >= 0.97.
        #expect(baoshan.observe(value: 0.975, at: Fixtures.plus(start, minutes: 1)) == nil)
        #expect(baoshan.observe(value: 0.98, at: Fixtures.plus(start, minutes: 2))?.state == .resolved)
        #expect(qixian.observe(value: 0.9, at: start) == nil)
        #expect(qixian.observe(value: 0.9, at: Fixtures.plus(start, minutes: 119)) == nil)
        let lateTransition = qixian.observe(value: 0.9, at: Fixtures.plus(start, minutes: 120))
        let late = try #require(lateTransition)
        #expect(late.severity == .warning)
    }

    @Test("undefined values neither fire, resolve, nor break a pending for")
    func undefined() throws {
        let rule = try Fixtures.target(
            "rules: [{id: ww, metric: wastewater_compliance, window: 24h, when: '< 0.95', for: 10m}]")
        var lifecycle = AlertLifecycle(rule: rule, park: Fixtures.jinshan)
        #expect(lifecycle.observe(value: nil, at: start) == nil)
        #expect(lifecycle.phase == .inactive)
        #expect(lifecycle.observe(value: 0.9, at: Fixtures.plus(start, minutes: 1)) == nil)
        #expect(lifecycle.observe(value: nil, at: Fixtures.plus(start, minutes: 5)) == nil)
        #expect(lifecycle.phase == .pending(since: Fixtures.plus(start, minutes: 1)))
        let firedTransition = lifecycle.observe(value: 0.9, at: Fixtures.plus(start, minutes: 11))
        let fired = try #require(firedTransition)
        #expect(fired.startedAt == Fixtures.plus(start, minutes: 1))
        #expect(lifecycle.observe(value: nil, at: Fixtures.plus(start, minutes: 12)) == nil)
        #expect(lifecycle.observe(value: .nan, at: Fixtures.plus(start, minutes: 13)) == nil)
        #expect(lifecycle.isFiring)
    }

    @Test("a yoy growth rule fires on growth below target and reports window yoy")
    func yoy() throws {
        let rule = try Fixtures.target(
            "rules: [{id: fai, metric: fixed_asset_investment, window: ytd, growth: yoy, when: '< 0.18'}]")
        var lifecycle = AlertLifecycle(rule: rule, park: Fixtures.jinshan)
        let march = Fixtures.time("2017-03-08T09:00:00+08:00")
        #expect(lifecycle.observe(value: nil, at: march) == nil)  // no base last year: undefined
        #expect(lifecycle.observe(value: 0.2, at: Fixtures.time("2017-04-08T09:00:00+08:00")) == nil)
        let firedTransition = lifecycle.observe(value: 0.125, at: Fixtures.time("2017-05-08T09:00:00+08:00"))
        let fired = try #require(firedTransition)
        #expect(fired.window == "yoy")
        #expect(fired.metric == .fixedAssetInvestment)
        #expect(fired.threshold == 0.18)
        #expect(AlertSummary.text(for: fired).hasPrefix("jinshan: fixed_asset_investment year-on-year growth"))
        let resolvedTransition = lifecycle.observe(value: 0.18, at: Fixtures.time("2017-06-08T09:00:00+08:00"))
        let resolved = try #require(resolvedTransition)
        #expect(resolved.state == .resolved)
    }

    @Test("event time never runs backwards inside a lifecycle")
    func monotonic() throws {
        var lifecycle = AlertLifecycle(rule: try Fixtures.target(Self.hysteresis), park: Fixtures.jinshan)
        _ = lifecycle.observe(value: 0.9, at: start)
        let resolvedTransition = lifecycle.observe(value: 0.99, at: Fixtures.plus(start, minutes: -30))
        let resolved = try #require(resolvedTransition)
        #expect(resolved.eventTime == start)
    }

    @Test("alert ids are deterministic from rule, park and start (FNV-1a 64)")
    func alertIDs() throws {
        let started = Fixtures.time("2017-06-08T10:00:00+08:00")
        let id = AlertID.make(ruleID: "wastewater-compliance-24h", parkID: Fixtures.jinshan, startedAt: started)
        // FNV-1a 64 of "wastewater-compliance-24h/jinshan/1496887200000000", computed independently.
        #expect(id == "86f31f4e178c13e5")
        #expect(AlertID.make(ruleID: "wastewater-compliance-24h", parkID: Fixtures.baoshan, startedAt: started) != id)
        #expect(
            AlertID.make(
                ruleID: "wastewater-compliance-24h", parkID: Fixtures.jinshan,
                startedAt: Fixtures.plus(started, minutes: 1)) != id)
        // The same observations twice give the same transitions.
        func replay() throws -> [AlertTransition] {
            var lifecycle = AlertLifecycle(rule: try Fixtures.target(Self.hysteresis), park: Fixtures.jinshan)
            return run(&lifecycle, [0.99, 0.9, 0.96, 0.98, 0.9], from: started)
        }
        let first = try replay()
        let second = try replay()
        #expect(first == second)
        let expected = AlertID.make(
            ruleID: "ww", parkID: Fixtures.jinshan, startedAt: Fixtures.plus(started, minutes: 1))
        #expect(first[0].alertID == expected)
    }

    @Test("alerts that start at the same instant (events sharing a timestamp) still get distinct ids")
    func sameInstant() throws {
        let rule = try Fixtures.target("rules: [{id: ww, metric: wastewater_compliance, window: 24h, when: '< 0.95'}]")
        var lifecycle = AlertLifecycle(rule: rule, park: Fixtures.jinshan)
        let transitions = [0.9, 0.99, 0.9, 0.99, 0.9].compactMap { lifecycle.observe(value: $0, at: start) }
        #expect(transitions.map(\.state) == [.firing, .resolved, .firing, .resolved, .firing])
        #expect(Set(transitions.map(\.alertID)).count == 3)
        #expect(transitions[0].alertID == AlertID.make(ruleID: "ww", parkID: Fixtures.jinshan, startedAt: start))
        #expect(
            transitions[2].alertID == AlertID.make(ruleID: "ww", parkID: Fixtures.jinshan, startedAt: start, repeat: 1))
    }
}
