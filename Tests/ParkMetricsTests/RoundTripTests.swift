import ParkMetrics
import PropertyBased
import Testing

@Suite("MetricEventEncoder → MetricEventDecoder round trip")
struct RoundTripTests {
    @Test func encoderOutputDecodesToTheSameEvent() async {
        await propertyCheck(count: 2000, input: Gen.uint64()) { seed in
            var generator = EventGenerator(seed: seed)
            let event = generator.event()
            let encoder = MetricEventEncoder(
                offsetSeconds: generator.offsetSeconds(), includeUnit: Bool.random(using: &generator.random))
            var decoder = MetricEventDecoder()
            let line = encoder.encode(event)
            #expect(throws: Never.self) {
                let decoded = try decoder.decode(line)
                #expect(decoded == event, "\(String(decoding: line, as: UTF8.self))")
                #expect(decoded.value.sign == .plus || decoded.value != 0)
            }
        }
    }

    @Test func canonicalFormIsStable() throws {
        let event = MetricEvent(
            eventID: "jinshan-ww01-000123", parkID: try #require(ParkID(rawValue: "jinshan")),
            metric: .wastewaterCompliance, observedAt: Timestamp(seconds: 1_496_887_200), value: 1, source: "ww01")
        let expected =
            #"{"event_id":"jinshan-ww01-000123","park_id":"jinshan","metric":"wastewater_compliance","#
            + #""observed_at":"2017-06-08T10:00:00+08:00","value":1,"weight":1,"source":"ww01"}"#
        #expect(MetricEventEncoder().string(event) == expected)
        var withUnit = MetricEventEncoder(offsetSeconds: 0, includeUnit: true)
        withUnit.offsetSeconds = 0
        #expect(withUnit.string(event).contains(#""observed_at":"2017-06-08T02:00:00Z""#))
        #expect(withUnit.string(event).contains(#""unit":"ratio""#))
    }
}
