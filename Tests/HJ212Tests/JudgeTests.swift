import HJ212
import ParkMetrics
import Testing

@Suite("ComplianceJudge")
struct JudgeTests {
    static func judge(
        _ segment: String, judge: ComplianceJudge = ComplianceJudge(), device: HJ212Device = Fixtures.device
    )
        throws -> ComplianceJudge.Judgement
    {
        try judge.judge(HJ212Packet(segment: Array(segment.utf8)), device: device)
    }

    static func value(_ judgement: ComplianceJudge.Judgement) -> Double? {
        if case .event(let event) = judgement { return event.value }
        return nil
    }

    @Test func allWithinLimitsIsOne() throws {
        let judgement = try Self.judge(Fixtures.hourly(Fixtures.compliant))
        guard case .event(let event) = judgement else {
            Issue.record("no event: \(judgement)")
            return
        }
        #expect(event.value == 1)
        #expect(event.metric == .wastewaterCompliance)
        #expect(event.parkID == Fixtures.jinshan)
        #expect(event.eventID == "\(Fixtures.mn)-2061-20170608100000")
        #expect(event.source == Fixtures.mn)
        #expect(event.observedAt.rfc3339() == "2017-06-08T10:00:00+08:00")
    }

    @Test(arguments: [
        ("w01018", 50.0, 1.0), ("w01018", 50.01, 0.0), ("w21003", 5.0, 1.0), ("w21003", 5.2, 0.0),
        ("w21011", 0.51, 0.0), ("w21001", 15.5, 0.0), ("w01001", 6.0, 1.0), ("w01001", 5.9, 0.0), ("w01001", 9.1, 0.0),
    ])
    func eachLimitIsInclusive(code: String, average: Double, expected: Double) throws {
        var pollutants = Fixtures.compliant
        pollutants = pollutants.map { $0.0 == code ? (code, average, "N") : $0 }
        #expect(Self.value(try Self.judge(Fixtures.hourly(pollutants))) == expected)
    }

    @Test func outOfLimitsButNotFlaggedNormalIsNotJudged() throws {
        let pollutants = Fixtures.compliant.map { $0.0 == "w01018" ? ("w01018", 400.0, "M") : $0 }
        #expect(Self.value(try Self.judge(Fixtures.hourly(pollutants))) == 1)
    }

    @Test func noPollutantFlaggedNormalGivesNoEvent() throws {
        for flag in ["M", "C", "D", "F"] {
            let pollutants = Fixtures.compliant.map { ($0.0, 999.0, flag) }
            let judgement = try Self.judge(Fixtures.hourly(pollutants))
            #expect(Self.value(judgement) == nil, "flag \(flag)")
        }
    }

    @Test func codesOf2005AreJudgedLikeTheir2017Equivalents() throws {
        let segment = "ST=32;CN=2061;PW=1;MN=\(Fixtures.mn);CP=&&DataTime=20170608100000;011-Avg=60;060-Avg=1&&"
        #expect(Self.value(try Self.judge(segment)) == 0)
        let good = "ST=32;CN=2061;PW=1;MN=\(Fixtures.mn);CP=&&DataTime=20170608100000;011-Avg=20;060-Avg=1&&"
        #expect(Self.value(try Self.judge(good)) == 1)
    }

    @Test func onlyConfiguredCommandsAndSystemsGiveEvents() throws {
        let daily = Fixtures.hourly(cn: "2031", Fixtures.compliant)
        #expect(Self.value(try Self.judge(daily)) == nil)
        #expect(Self.value(try Self.judge(daily, judge: ComplianceJudge(commands: ["2031"]))) == 1)
        #expect(
            Self.value(try Self.judge(Fixtures.hourly(Fixtures.compliant), judge: ComplianceJudge(commands: ["2031"])))
                == nil)
        let otherSystem = Fixtures.hourly(Fixtures.compliant).replacingFirst("ST=32", with: "ST=21")
        #expect(Self.value(try Self.judge(otherSystem)) == nil)
    }

    @Test func aDeviceMayOverrideLimits() throws {
        var device = Fixtures.device
        device.limits.limits["w21003"] = PollutantLimit(max: 1.5)
        #expect(Self.value(try Self.judge(Fixtures.hourly(Fixtures.compliant), device: device)) == 0)
    }

    @Test func aJudgedPacketNeedsARealDataTime() {
        for bad in ["20170632100000", "2017060810", "20170608250000"] {
            #expect(throws: HJ212Error.self) { try Self.judge(Fixtures.hourly(dataTime: bad, Fixtures.compliant)) }
        }
        #expect(ComplianceJudge.instant("20170608100000123")?.rfc3339() == "2017-06-08T10:00:00.123+08:00")
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
