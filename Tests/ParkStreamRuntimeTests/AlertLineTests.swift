import Foundation
import ParkMetrics
import ParkRules
import ParkStreamRuntime
import Testing

@Suite("Alert lines and the stdout sink")
struct AlertLineTests {
    @Test func firingLineNamesStateSeverityParkMetricWindowValueConditionStartAndRule() {
        let line = AlertLine.format(AlertFixtures.firing())
        #expect(
            line
                == "FIRING critical jinshan wastewater_compliance 24h = 0.912 (< 0.95) "
                + "since 2017-06-08T10:00:00+08:00 [wastewater-compliance-24h]")
    }

    @Test func resolvedLineAddsWhenTheConditionCleared() {
        let line = AlertLine.format(AlertFixtures.resolved(AlertFixtures.firing()))
        #expect(
            line
                == "RESOLVED critical jinshan wastewater_compliance 24h = 0.971 (< 0.95) "
                + "since 2017-06-08T10:00:00+08:00 until 2017-06-09T08:00:00+08:00 [wastewater-compliance-24h]")
    }

    @Test func colorsFollowSeverityAndResolvedIsGreen() {
        let plain = AlertLine.format(AlertFixtures.firing(severity: .warning))
        let colored = AlertLine.format(AlertFixtures.firing(severity: .warning), color: true)
        #expect(colored == "\u{1B}[33m" + plain + "\u{1B}[0m")
        #expect(AlertLine.format(AlertFixtures.firing(severity: .critical), color: true).hasPrefix("\u{1B}[1;31m"))
        #expect(AlertLine.format(AlertFixtures.firing(severity: .info), color: true).hasPrefix("\u{1B}[36m"))
        let resolved = AlertFixtures.resolved(AlertFixtures.firing(severity: .critical))
        #expect(AlertLine.format(resolved, color: true).hasPrefix("\u{1B}[32mRESOLVED"))
    }

    @Test func timesFollowTheGivenZone() {
        let line = AlertLine.format(AlertFixtures.firing(), offsetSeconds: 0)
        #expect(line.contains("since 2017-06-08T02:00:00Z"))
    }

    @Test func stdoutSinkWritesOneLinePerTransitionAsTextOrCanonicalJSON() throws {
        let events = [AlertFixtures.firing(), AlertFixtures.resolved(AlertFixtures.firing())]
        for format in [StdoutAlertSink.Format.line(color: false), .json] {
            let pipe = Pipe()
            let sink = StdoutAlertSink(format: format, output: pipe.fileHandleForWriting)
            for event in events { try sink.deliver(event) }
            try sink.close(timeout: .seconds(1))
            #expect(throws: AlertSinkError.self) { try sink.deliver(events[0]) }
            try pipe.fileHandleForWriting.close()
            let written = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let expected =
                format == .json
                ? events.map { $0.canonicalJSON() } : events.map { AlertLine.format($0) }
            #expect(written == expected.joined(separator: "\n") + "\n")
        }
    }
}
