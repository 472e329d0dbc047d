import ParkMetrics
import ParkRules
import Testing

@Suite("RFC 3339 and civil time")
struct RFC3339Tests {
    @Test(
        "parse then format in +08:00",
        arguments: [
            ("2017-06-08T10:00:00+08:00", "2017-06-08T10:00:00+08:00"),
            ("2017-06-08T02:00:00Z", "2017-06-08T10:00:00+08:00"),
            ("2017-06-08t02:00:00z", "2017-06-08T10:00:00+08:00"),
            ("2016-12-31T20:30:00-05:00", "2017-01-01T09:30:00+08:00"),
            ("2017-06-08T10:00:00.250+08:00", "2017-06-08T10:00:00.25+08:00"),
            ("2017-06-08T10:00:00.1234567+08:00", "2017-06-08T10:00:00.123456+08:00"),
            ("2016-02-29T00:00:00+08:00", "2016-02-29T00:00:00+08:00"),
            ("1969-12-31T23:59:59Z", "1970-01-01T07:59:59+08:00"),
        ])
    func roundTrip(input: String, formatted: String) throws {
        let instant = try #require(Timestamp(rfc3339: input))
        #expect(instant.rfc3339() == formatted)
        #expect(Timestamp(rfc3339: formatted) == instant)
    }

    @Test(
        "not RFC 3339",
        arguments: [
            "2017-06-08", "2017-06-08T10:00:00", "2017-02-29T00:00:00Z", "2017-13-01T00:00:00Z",
            "2017-06-08T24:00:00Z", "2017-06-08T10:00:60Z", "2017-06-08 10:00:00Z", "2017-06-08T10:00:00.Z",
            "2017-06-08T10:00:00+0800", "2017-06-08T10:00:00+08:00x",
        ])
    func invalid(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test("format in UTC and other offsets")
    func offsets() {
        let instant = Timestamp(seconds: 0)
        #expect(instant.rfc3339(offsetSeconds: 0) == "1970-01-01T00:00:00Z")
        #expect(instant.rfc3339(offsetSeconds: -5 * 3600) == "1969-12-31T19:00:00-05:00")
    }

    @Test("the month of an instant in park time")
    func monthOf() throws {
        let instant = Fixtures.time("2017-06-30T16:30:00Z")  // 2017-07-01T00:30+08:00
        #expect(ParkZone.shanghai.monthOrdinal(of: instant) == YearMonth(year: 2017, month: 7)?.ordinal)
        #expect(ParkZone.utc.monthOrdinal(of: instant) == YearMonth(year: 2017, month: 6)?.ordinal)
    }
}
