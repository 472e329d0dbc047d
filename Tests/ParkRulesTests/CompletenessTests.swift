import ParkMetrics
import ParkRules
import Testing

@Suite("Completeness rules")
struct CompletenessTests {
    @Test("absent fires when stream time is the duration past the last event, resolves on the next")
    func absent() throws {
        let rule = try Fixtures.completeness("rules: [{id: ww-absent, metric: wastewater_compliance, absent: 2h}]")
        var tracker = try #require(AbsenceTracker(rule: rule))
        let ten = Fixtures.time("2017-06-08T10:00:00+08:00")
        #expect(tracker.observe(park: Fixtures.jinshan, at: ten) == nil)
        #expect(tracker.observe(park: Fixtures.baoshan, at: ten) == nil)
        #expect(tracker.advance(streamTime: ten).isEmpty)
        #expect(tracker.observe(park: Fixtures.baoshan, at: Fixtures.plus(ten, minutes: 60)) == nil)
        #expect(tracker.advance(streamTime: Fixtures.plus(ten, minutes: 119)).isEmpty)
        let fired = tracker.advance(streamTime: Fixtures.plus(ten, minutes: 125))
        #expect(fired.map(\.parkID) == [Fixtures.jinshan])
        let alert = try #require(fired.first)
        #expect(alert.state == .firing)
        #expect(alert.startedAt == Fixtures.plus(ten, minutes: 120))
        #expect(alert.eventTime == Fixtures.plus(ten, minutes: 125))
        #expect(alert.value == 7500)
        #expect(alert.threshold == 7200)
        #expect(alert.condition == "absent 2h")
        #expect(alert.window == "2h")
        // Still silent: no repeat.
        #expect(tracker.advance(streamTime: Fixtures.plus(ten, minutes: 170)).isEmpty)
        #expect(tracker.firingParks == [Fixtures.jinshan])
        #expect(tracker.observe(park: Fixtures.jinshan, at: Fixtures.plus(ten, minutes: -5)) == nil)  // old: no news
        let resolvedTransition = tracker.observe(park: Fixtures.jinshan, at: Fixtures.plus(ten, minutes: 210))
        let resolved = try #require(resolvedTransition)
        #expect(resolved.state == .resolved)
        #expect(resolved.alertID == alert.alertID)
        #expect(resolved.resolvedAt == Fixtures.plus(ten, minutes: 210))
        #expect(tracker.firingParks.isEmpty)
        // baoshan was last seen at 11:00; 13:30 is 2.5 h later.
        #expect(tracker.advance(streamTime: Fixtures.plus(ten, minutes: 210)).map(\.parkID) == [Fixtures.baoshan])
    }

    @Test("absent: listed parks count from the first stream time; active_from holds firing back")
    func absentListedAndDeadline() throws {
        let rule = try Fixtures.completeness(
            """
            rules:
              - {id: a, metric: wastewater_compliance, absent: 2h, parks: [qixian, jinshan],
                 active_from: "2017-06-08T13:00:00+08:00"}
            """)
        var tracker = try #require(AbsenceTracker(rule: rule))
        let ten = Fixtures.time("2017-06-08T10:00:00+08:00")
        #expect(tracker.advance(streamTime: ten).isEmpty)
        #expect(tracker.observe(park: Fixtures.baoshan, at: ten) == nil)  // not in parks: ignored
        #expect(tracker.observe(park: Fixtures.jinshan, at: Fixtures.plus(ten, minutes: 90)) == nil)
        #expect(tracker.advance(streamTime: Fixtures.plus(ten, minutes: 150)).isEmpty)  // before active_from
        let fired = tracker.advance(streamTime: Fixtures.plus(ten, minutes: 180))
        #expect(fired.map(\.parkID) == [Fixtures.qixian])
        #expect(fired.first?.startedAt == Fixtures.plus(ten, minutes: 180))  // never before active_from
    }

    @Test("due_day fires as stream time passes 00:00 of day N of the next month, park time")
    func dueDay() throws {
        let rule = try Fixtures.completeness("rules: [{id: fai-report, metric: fixed_asset_investment, due_day: 10}]")
        var tracker = try #require(DueDayTracker(rule: rule))
        let june = YearMonth(year: 2017, month: 6)!
        let may = YearMonth(year: 2017, month: 5)!
        let deadline = Fixtures.time("2017-07-10T00:00:00+08:00")
        #expect(tracker.deadline(of: june) == deadline)
        #expect(tracker.advance(streamTime: Fixtures.time("2017-06-20T00:00:00+08:00")).isEmpty)
        #expect(
            tracker.observe(park: Fixtures.jinshan, period: may, at: Fixtures.time("2017-06-20T09:00:00+08:00")) == nil)
        #expect(
            tracker.observe(park: Fixtures.baoshan, period: may, at: Fixtures.time("2017-06-21T09:00:00+08:00")) == nil)
        #expect(
            tracker.observe(park: Fixtures.baoshan, period: june, at: Fixtures.time("2017-07-05T09:00:00+08:00")) == nil
        )
        #expect(tracker.advance(streamTime: Fixtures.time("2017-07-09T23:59:59+08:00")).isEmpty)
        let fired = tracker.advance(streamTime: Fixtures.time("2017-07-10T00:00:00+08:00"))
        #expect(fired.map(\.parkID) == [Fixtures.jinshan])
        let alert = try #require(fired.first)
        #expect(alert.startedAt == deadline && alert.eventTime == deadline)
        #expect(alert.period == june)
        #expect(alert.window == "month")
        #expect(alert.threshold == 10)
        #expect(
            AlertSummary.text(for: alert)
                == "jinshan: fixed_asset_investment for 2017-06 not reported by 2017-07-10 (rule fai-report)")
        let report = Fixtures.time("2017-07-12T09:00:00+08:00")
        let resolvedTransition = tracker.observe(park: Fixtures.jinshan, period: june, at: report)
        let resolved = try #require(resolvedTransition)
        #expect(resolved.state == .resolved && resolved.resolvedAt == report && resolved.value == 1)
        #expect(tracker.firingAlerts.isEmpty)
    }

    @Test("due_day: several deadlines passed at once come in order; active_from skips earlier ones")
    func dueDaySeveral() throws {
        let rule = try Fixtures.completeness(
            "rules: [{id: r, metric: added_value, due_day: 1, parks: [qixian], active_from: '2017-03-01T00:00:00+08:00'}]"
        )
        var tracker = try #require(DueDayTracker(rule: rule))
        #expect(tracker.advance(streamTime: Fixtures.time("2017-01-15T00:00:00+08:00")).isEmpty)
        let fired = tracker.advance(streamTime: Fixtures.time("2017-05-01T00:00:00+08:00"))
        #expect(fired.compactMap(\.period) == [2, 3, 4].compactMap { YearMonth(year: 2017, month: $0) })
        #expect(
            fired.map(\.startedAt) == [
                Fixtures.time("2017-03-01T00:00:00+08:00"),
                Fixtures.time("2017-04-01T00:00:00+08:00"), Fixtures.time("2017-05-01T00:00:00+08:00"),
            ])
        #expect(Set(fired.map(\.alertID)).count == 3)
    }

    @Test("due_day uses the park's zone offset")
    func dueDayOffset() throws {
        let rule = try Fixtures.completeness("rules: [{id: r, metric: added_value, due_day: 10}]")
        let utc = try #require(DueDayTracker(rule: rule, zone: .utc))
        #expect(utc.deadline(of: YearMonth(year: 2017, month: 12)!) == Fixtures.time("2018-01-10T00:00:00Z"))
    }

    @Test("trackers refuse the other kind of rule")
    func wrongKind() throws {
        let absent = try Fixtures.completeness("rules: [{id: a, metric: wastewater_compliance, absent: 2h}]")
        let due = try Fixtures.completeness("rules: [{id: r, metric: added_value, due_day: 10}]")
        #expect(DueDayTracker(rule: absent) == nil)
        #expect(AbsenceTracker(rule: due) == nil)
    }
}
