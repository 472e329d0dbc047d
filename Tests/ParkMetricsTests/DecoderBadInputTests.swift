import ParkMetrics
import Testing

@Suite("MetricEventDecoder: bad input")
struct DecoderBadInputTests {
    @Test(arguments: BadInputCases.all.map(\.name))
    func refusesWithTheExactMessage(_ name: String) throws {
        let entry = try #require(BadInputCases.all.first { $0.name == name })
        #expect(TestSupport.message(entry.line) == entry.message)
    }

    @Test func goodLinesAreGood() {
        #expect(TestSupport.message(TestSupport.goodLine) == nil)
        #expect(TestSupport.message(TestSupport.monthlyLine) == nil)
    }

    @Test func errorsCarryFieldAndCode() throws {
        var decoder = MetricEventDecoder()
        let line = TestSupport.replacing("value", with: "1.2")
        let error = try #require(throws: MetricEventError.self) { try decoder.decode(line) }
        #expect(error.field == "value")
        #expect(error.code == .range)
        #expect(!error.code.isSyntactic)
        let syntax = try #require(throws: MetricEventError.self) { try decoder.decode("{") }
        #expect(syntax.field == nil)
        #expect(syntax.code.isSyntactic)
    }

    @Test func caseNamesAreUnique() {
        #expect(Set(BadInputCases.all.map(\.name)).count == BadInputCases.all.count)
    }
}
