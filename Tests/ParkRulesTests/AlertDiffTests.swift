import ParkMetrics
import ParkRules
import Testing

@Suite("alert diff")
struct AlertDiffTests {
    /// An alert of `rule` on `park` started at `start` (minutes after a fixed instant), firing
    /// `fireAfter` minutes later and resolved at `end` (nil: still firing).
    static func alert(
        _ rule: String = "wastewater-compliance-24h", park: ParkID = Fixtures.jinshan, start: Int64, end: Int64?,
        fireAfter: Int64 = 60
    ) -> [AlertTransition] {
        let base = Fixtures.time("2017-06-05T00:00:00+08:00")
        let firing = AlertTransition(
            ruleID: rule, parkID: park, metric: .wastewaterCompliance, window: "24h", state: .firing,
            severity: .critical, value: 0.9, threshold: 0.95, condition: "< 0.95",
            startedAt: Fixtures.plus(base, minutes: start), eventTime: Fixtures.plus(base, minutes: start + fireAfter))
        guard let end else { return [firing] }
        var resolved = firing
        resolved.state = .resolved
        resolved.eventTime = Fixtures.plus(base, minutes: end)
        resolved.resolvedAt = resolved.eventTime
        return [firing, resolved]
    }

    static func intervals(_ transitions: [[AlertTransition]]) -> [AlertInterval] {
        AlertInterval.pairing(transitions.flatMap { $0 })
    }

    @Test func firingAndResolvedPairIntoOneIntervalWhateverTheirOrderAndRepeats() {
        let transitions = Self.alert(start: 0, end: 300)
        let pairs = AlertInterval.pairing(transitions.reversed() + transitions)
        #expect(pairs.count == 1)
        #expect(pairs[0].firedAt == Fixtures.plus(Fixtures.time("2017-06-05T00:00:00+08:00"), minutes: 60))
        #expect(pairs[0].resolvedAt == Fixtures.plus(Fixtures.time("2017-06-05T00:00:00+08:00"), minutes: 300))
        // A resolved event alone (its firing before the baseline's range) still gives the interval.
        let alone = AlertInterval.pairing([transitions[1]])
        #expect(alone.count == 1 && alone[0].firedAt == nil && alone[0].resolvedAt != nil)
    }

    @Test func sameAlertsAreNoDifference() {
        let both = Self.intervals([
            Self.alert(start: 0, end: 300), Self.alert(park: Fixtures.baoshan, start: 10, end: nil),
        ])
        let diff = AlertDiff(baseline: both, candidate: both.reversed())
        #expect(diff.isEmpty)
        #expect(diff.unchanged == 2)
        #expect(diff.table().hasPrefix("0 added, 0 dropped, 0 shifted, 2 unchanged; baseline 2 alerts, candidate 2"))
    }

    @Test func addedDroppedAndShiftedAlertsAreTold() {
        let baseline = Self.intervals([
            Self.alert(start: 0, end: 300),  // shifted: starts an hour earlier
            Self.alert(start: 2_000, end: 2_100),  // dropped
            Self.alert(park: Fixtures.baoshan, start: 50, end: 90),  // unchanged
        ])
        let candidate = Self.intervals([
            Self.alert(start: -60, end: 300),
            Self.alert(start: 5_000, end: nil),  // added, still firing
            Self.alert(park: Fixtures.baoshan, start: 50, end: 90),
            Self.alert("other-rule", start: 0, end: 300),  // another rule: added
        ])
        let diff = AlertDiff(baseline: baseline, candidate: candidate)
        #expect(diff.unchanged == 1)
        #expect(diff.changes.map(\.kind) == [.added, .shifted, .dropped, .added])
        #expect(
            diff.changes.map(\.alert.ruleID) == ["other-rule"] + Array(repeating: "wastewater-compliance-24h", count: 3)
        )
        let shift = diff.changes[1]
        #expect(shift.startDelta == -3_600_000_000 && shift.firedDelta == -3_600_000_000 && shift.resolvedDelta == 0)
        #expect(diff.changes[3].candidate?.resolvedAt == nil)
        let table = diff.table()
        #expect(
            table.contains("shifted  wastewater-compliance-24h  jinshan  24h     2017-06-05 00:00 → 2017-06-05 05:00"))
        #expect(table.contains("2017-06-04 23:00 → 2017-06-05 05:00  -1h     -1h     0"))
        #expect(table.contains("2017-06-08 11:20 → …"))
        #expect(
            table.hasSuffix(
                "2 added, 1 dropped, 1 shifted, 1 unchanged; baseline 3 alerts, candidate 4 (times +08:00)\n"))
        let json = diff.json()
        #expect(
            json.hasPrefix(
                #"{"baseline_alerts":3,"candidate_alerts":4,"unchanged":1,"added":2,"dropped":1,"shifted":1,"changes":["#
            ))
        #expect(json.contains(#""start_delta_seconds":-3600,"fired_delta_seconds":-3600,"resolved_delta_seconds":0}"#))
        #expect(json.contains(#""change":"dropped","rule_id":"wastewater-compliance-24h","park_id":"jinshan""#))
        #expect(json.contains(#""resolved_at":null},"start_delta_seconds":null"#))
    }

    @Test func alertsPairOnlyWhenTheyShareAnInstantAndOnlyOnce() {
        // One long candidate alert covers two baseline alerts: one shift, one drop.
        let diff = AlertDiff(
            baseline: Self.intervals([Self.alert(start: 0, end: 100), Self.alert(start: 200, end: 300)]),
            candidate: Self.intervals([Self.alert(start: 0, end: 300)]))
        #expect(diff.changes.map(\.kind) == [.shifted, .dropped])
        #expect(diff.changes[0].resolvedDelta == Int64(12_000_000_000))
        // Disjoint in time: not a shift but a drop and an addition.
        let apart = AlertDiff(
            baseline: Self.intervals([Self.alert(start: 0, end: 100)]),
            candidate: Self.intervals([Self.alert(start: 101, end: 200)]))
        #expect(apart.changes.map(\.kind) == [.dropped, .added])
    }

    @Test func durationsReadForPeople() {
        #expect(Timestamp.durationText(microseconds: 0) == "0")
        #expect(Timestamp.durationText(microseconds: -(86_400 + 3_600 * 4) * 1_000_000, signed: true) == "-1d4h")
        #expect(Timestamp.durationText(microseconds: 9_000 * 1_000_000, signed: true) == "+2h30m")
        #expect(Timestamp.durationText(microseconds: 12_500_000) == "12.5s")
        #expect(Fixtures.time("2017-06-05T10:00:30+08:00").localText(offsetSeconds: 8 * 3600) == "2017-06-05 10:00:30")
    }
}
