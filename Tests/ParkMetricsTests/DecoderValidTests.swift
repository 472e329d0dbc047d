import ParkMetrics
import Testing

@Suite("MetricEventDecoder: valid events")
struct DecoderValidTests {
    @Test func decodesTheContractExample() throws {
        var decoder = MetricEventDecoder()
        let event = try decoder.decode(TestSupport.goodLine)
        #expect(event.eventID == "jinshan-ww01-000123")
        #expect(event.parkID.rawValue == "jinshan")
        #expect(event.metric == .wastewaterCompliance)
        #expect(event.observedAt == Timestamp(seconds: 1_496_887_200))
        #expect(event.value == 1)
        #expect(event.weight == 1)
        #expect(event.period == nil)
        #expect(event.source == "ww01")
    }

    @Test func decodesFromEveryKindOfBuffer() throws {
        var decoder = MetricEventDecoder()
        let bytes = Array(TestSupport.goodLine.utf8)
        let expected = try decoder.decode(TestSupport.goodLine)
        #expect(try decoder.decode(bytes) == expected)
        #expect(try bytes.withUnsafeBytes { buffer throws(MetricEventError) in try decoder.decode(buffer) } == expected)
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
            #expect(try decoder.decode(bytes.span) == expected)
        }
        let empty = decoder.result(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(
            empty == .failure(MetricEventError(field: nil, code: .syntax, reason: "unexpected end of input at byte 0")))
    }

    @Test func decodesAMonthlyEvent() throws {
        var decoder = MetricEventDecoder()
        let event = try decoder.decode(TestSupport.monthlyLine)
        #expect(event.metric == .addedValue)
        #expect(event.value == 12345.6)
        #expect(event.period == YearMonth(year: 2017, month: 5))
        #expect(event.source == nil)
    }

    @Test func acceptsWhitespaceAroundAndInside() throws {
        var decoder = MetricEventDecoder()
        let spaced =
            " \t{ \"event_id\" : \"a\" ,\"park_id\":\"p\",\"metric\":\"energy_consumption\",\r\n"
            + "\"observed_at\":\"2017-01-01t00:00:00.5z\",\"value\":2.5e1 , \"unit\":\"tce\"} \r\n"
        let event = try decoder.decode(spaced)
        #expect(event.value == 25)
        #expect(event.observedAt == Timestamp(microseconds: 1_483_228_800_500_000))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        var decoder = MetricEventDecoder()
        let line = TestSupport.replacing("event_id", with: #""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#)
        let event = try decoder.decode(line)
        #expect(event.eventID == "a\"\\/\u{8}\u{c}\n\r\té😀")
        let escapedKeys =
            #"{"\u0065vent_id":"x","park_id":"\u006ainshan","metric":"heating_\u0063overage","#
            + #""observed_at":"2017-06-08T10:00:00\u002B08:00","value":0.5}"#
        let escaped = try decoder.decode(escapedKeys)
        #expect(escaped.parkID.rawValue == "jinshan")
        #expect(escaped.metric == .heatingCoverage)
    }

    @Test func negativeZeroIsZero() throws {
        var decoder = MetricEventDecoder()
        let event = try decoder.decode(TestSupport.replacing("value", with: "-0.0"))
        #expect(event.value == 0)
        #expect(event.value.sign == .plus)
    }

    @Test func skipsUnknownFieldsOfAnyShape() throws {
        var decoder = MetricEventDecoder()
        let line = TestSupport.replacing("extra", with: #"{"a":[1,{"b":null}],"c":true,"d":-1.5e-3}"#)
        #expect(throws: Never.self) { try decoder.decode(line) }
    }

    @Test func timestampsHonourOffsetsAndFractions() throws {
        let cases: [(String, Int64)] = [
            ("2017-06-08T10:00:00+08:00", 1_496_887_200_000_000),
            ("2017-06-08T02:00:00Z", 1_496_887_200_000_000),
            ("2017-06-07T21:30:00-04:30", 1_496_887_200_000_000),
            ("2016-02-29T00:00:00.123456789Z", 1_456_704_000_123_456),
            ("2000-02-29T23:59:59.9+00:00", 951_868_799_900_000),
            ("1969-12-31T23:59:59Z", -1_000_000),
        ]
        for (text, micros) in cases {
            #expect(Timestamp(rfc3339: text) == Timestamp(microseconds: micros), "\(text)")
        }
        #expect(Timestamp(microseconds: 1_496_887_200_000_000).rfc3339() == "2017-06-08T10:00:00+08:00")
        #expect(Timestamp(microseconds: -1_500_000).rfc3339(offsetSeconds: 0) == "1969-12-31T23:59:58.5Z")
    }

    @Test func numbersAreCorrectlyRounded() throws {
        var decoder = MetricEventDecoder()
        let texts = [
            "0.1", "0.3", "1e-7", "123456789012345678", "9007199254740993", "2.2250738585072011e-308",
            "0.95", "1.7976931348623157e308", "4.9e-324", "1e-400", "0.000000000000000000000000000001",
            "12345678901234567890123", "1.00000000000000011102230246251565404236316680908203125",
        ]
        for text in texts {
            let line = TestSupport.replacing(
                "value", with: text, in: TestSupport.replacing("metric", with: #""energy_consumption""#))
            let event = try decoder.decode(line)
            #expect(event.value == Double(text), "\(text)")
        }
    }

    @Test func cachesNeverLetBadInputThrough() throws {
        var decoder = MetricEventDecoder()
        let leapDay = TestSupport.replacing("observed_at", with: #""2016-02-29T10:00:00+08:00""#)
        _ = try decoder.decode(leapDay)
        _ = try decoder.decode(leapDay)
        let commonYear = TestSupport.replacing("observed_at", with: #""2017-02-29T10:00:00+08:00""#)
        #expect(throws: MetricEventError.self) { try decoder.decode(commonYear) }
        let sameDayLeapSecond = TestSupport.replacing("observed_at", with: #""2016-02-29T23:59:60+08:00""#)
        #expect(throws: MetricEventError.self) { try decoder.decode(sameDayLeapSecond) }
        let badPark = TestSupport.replacing("park_id", with: #""jinshan-""#)
        _ = try decoder.decode(badPark)  // a trailing dash is allowed by the pattern
        #expect(throws: MetricEventError.self) {
            try decoder.decode(TestSupport.replacing("park_id", with: #""Jinshan""#))
        }
        for _ in 0..<3 {
            let event = try decoder.decode(TestSupport.goodLine)
            #expect(event.parkID.rawValue == "jinshan")
            #expect(event.source == "ww01")
        }
    }
}
