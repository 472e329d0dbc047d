import ParkMetrics
import ParkRules
import Testing

/// Random observation sequences checked against the lifecycle's contract, read off the whole history.
@Suite("Alert lifecycle properties")
struct AlertLifecyclePropertyTests {

    @Test("transitions alternate, respect when, clear, for and active_from", arguments: 0..<200)
    func contract(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        let forMinutes = Int64.random(in: 0...30, using: &random)
        let clearText = Bool.random(using: &random) ? ", clear: '>= 0.97'" : ""
        let rule = try Fixtures.target(
            "rules: [{id: p, metric: wastewater_compliance, window: 24h, when: '< 0.95', for: \(forMinutes)m"
                + "\(clearText), active_from: '2017-06-08T12:00:00+08:00'}]")
        let target = rule.target(for: Fixtures.jinshan)
        let activeFrom = try #require(rule.activeFrom)
        var lifecycle = AlertLifecycle(target: target)
        var history: [(time: Timestamp, value: Double?)] = []
        var transitions: [AlertTransition] = []
        var time = Fixtures.time("2017-06-08T10:00:00+08:00")
        for _ in 0..<300 {
            time = Fixtures.plus(time, minutes: Int64.random(in: 1...10, using: &random))
            let value: Double? =
                Int.random(in: 0..<8, using: &random) == 0
                ? nil : [0.9, 0.94, 0.96, 0.98].randomElement(using: &random)
            history.append((time, value))
            if let transition = lifecycle.observe(value: value, at: time) {
                transitions.append(transition)
                #expect(transition.eventTime == time)
                #expect(transition.value == value)
            }
        }
        for (index, transition) in transitions.enumerated() {
            #expect(transition.state == (index.isMultiple(of: 2) ? .firing : .resolved))
            #expect(transition.startedAt >= activeFrom)
            if transition.state == .firing {
                #expect(target.when.holds(transition.value))
                #expect(
                    transition.eventTime.microseconds - transition.startedAt.microseconds >= forMinutes * 60_000_000)
                // Every defined value from the start of `for` to the firing satisfied `when`.
                for observation in history
                where observation.time >= transition.startedAt && observation.time <= transition.eventTime {
                    if let value = observation.value { #expect(target.when.holds(value)) }
                }
            } else {
                #expect(target.clear.holds(transition.value))
                #expect(transition.alertID == transitions[index - 1].alertID)
                // Nothing between the firing and this resolve satisfied `clear`.
                let fired = transitions[index - 1]
                for observation in history
                where observation.time > fired.eventTime && observation.time < transition.eventTime {
                    if let value = observation.value { #expect(!target.clear.holds(value)) }
                }
            }
        }
    }
}
