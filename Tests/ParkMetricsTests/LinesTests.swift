import ParkMetrics
import Testing

@Suite("NDJSON lines and CSV records")
struct LinesTests {
    static func decodeNDJSON(_ text: [UInt8]) -> [String] {
        var decoder = MetricEventDecoder()
        var outcomes: [String] = []
        text.withUnsafeBytes { bytes in
            decoder.decodeLines(bytes) { line, result in
                switch result {
                case .success(let event): outcomes.append("line \(line.number): ok \(event.eventID)")
                case .failure(let error): outcomes.append(error.description)
                }
            }
        }
        return outcomes
    }

    @Test func ndjsonSkipsBlankLinesAndNumbersEveryLine() {
        let good = TestSupport.goodLine
        let bad = TestSupport.replacing("value", with: "1.2")
        let text = "\u{FEFF}" + good + "\r\n\n   \t\r\n" + bad + "\n" + "{" + "\n" + good
        #expect(
            Self.decodeNDJSON(Array(text.utf8)) == [
                "line 1: ok jinshan-ww01-000123",
                "line 4: value: 1.2 is outside the range of wastewater_compliance (must be >= 0 and <= 1)",
                "line 5: json: unexpected end of input at byte 1",
                "line 6: ok jinshan-ww01-000123",
            ])
    }

    @Test func byteOrderMarkOnlyAtTheStart() {
        let text = Array((TestSupport.goodLine + "\n").utf8) + [0xEF, 0xBB, 0xBF] + Array(TestSupport.goodLine.utf8)
        #expect(
            Self.decodeNDJSON(text) == [
                "line 1: ok jinshan-ww01-000123",
                "line 2: json: a UTF-8 byte order mark is only allowed at the start of a file",
            ])
    }

    @Test func lineLengthExcludesTheNewline() {
        let filler = String(repeating: "x", count: 65_536 - TestSupport.goodLine.utf8.count - 7)
        let exact = TestSupport.replacing("x", with: "\"" + filler + "\"")
        #expect(exact.utf8.count == 65_536)
        #expect(Self.decodeNDJSON(Array((exact + "\r\n").utf8)) == ["line 1: ok jinshan-ww01-000123"])
        #expect(
            Self.decodeNDJSON(Array((exact + " \n").utf8)) == [
                "line 1: json: line is 65537 bytes, over the limit of 65536"
            ])
    }

    static func readCSV(_ text: String) -> [String] {
        do throws(MetricEventDecoder.LineError) {
            let reader = try MetricEventCSVReader(Array(text.utf8))
            return reader.map { result in
                switch result {
                case .success(let event): "ok \(event.eventID) \(event.value) \(event.source ?? "-")"
                case .failure(let error): error.description
                }
            }
        } catch {
            return [error.description]
        }
    }

    @Test func csvRecordsValidateLikeJSON() {
        let t = "2017-06-08T10:00:00+08:00"
        let csv = [
            "event_id,park_id,metric,observed_at,value,weight,period,unit,source,comment\r",
            "a1,jinshan,wastewater_compliance,\(t),0.5,,,,\"ww01, \"\"east\"\"\",x\r",
            "\r",
            "a2,jinshan,added_value,\(t),12.5,,2017-05,10k_yuan,,\"multi",
            "line\"",
            "a3,jinshan,wastewater_compliance,\(t),1.2,,,,,",
            "a4,jinshan,wastewater_compliance,\(t),abc,,,,,",
            "a5,jinshan,wastewater_compliance,\(t),1,0,,,,",
            ",jinshan,wastewater_compliance,\(t),1,,,,,",
            "a7,jinshan,wastewater_compliance",
            "a8,jin\"shan,wastewater_compliance,\(t),1,,,,,",
            "a9,jinshan,added_value,\(t),1,,,,,",
            "a10,jinshan,heating_coverage,2017-06-08T10:00:00Z,1,,,ratio,,",
        ].joined(separator: "\n")
        #expect(
            Self.readCSV(csv) == [
                "ok a1 0.5 ww01, \"east\"",
                "ok a2 12.5 -",
                "line 6: value: 1.2 is outside the range of wastewater_compliance (must be >= 0 and <= 1)",
                #"line 7: value: "abc" is not a number"#,
                "line 8: weight: 0 is not > 0",
                "line 9: event_id: required",
                "line 10: csv: record has 3 fields, the header has 10",
                "line 11: csv: quote inside an unquoted cell",
                "line 12: period: required for monthly metric added_value",
                "ok a10 1.0 -",
            ])
    }

    @Test func csvHeaderProblems() {
        #expect(Self.readCSV("") == ["line 1: csv: no header row"])
        #expect(Self.readCSV("value,value\n") == ["line 1: csv: column value appears twice"])
        #expect(Self.readCSV("event_id,\"unterminated\n") == ["line 1: csv: unterminated quoted cell"])
    }

    @Test func csvWithByteOrderMarkAndNumbersThatAreNotJSON() {
        let t = "2017-06-08T10:00:00+08:00"
        let csv =
            "\u{FEFF}event_id,park_id,metric,observed_at,value\r\n"
            + "b1,jinshan,energy_consumption,\(t),1e400\r\n"
            + "b2,jinshan,energy_consumption,\(t),NaN\r\n"
            + "b3,jinshan,energy_consumption,\(t), 5\r\n"
            + "\"b\r\n4\",jinshan,energy_consumption,\(t),5\r\n"
        #expect(
            Self.readCSV(csv) == [
                "line 2: value: 1e400 is not a finite number",
                #"line 3: value: "NaN" is not a number"#,
                #"line 4: value: " 5" is not a number"#,
                "ok b\r\n4 5.0 -",
            ])
    }
}
