import Foundation
import Testing

@Suite("parkstream demo", .serialized, .timeLimit(.minutes(6)))
struct DemoCommandTests {
    @Test func theDemoRunsWorkersThatPrintAlertsAndStopsCleanly() throws {
        let rules = repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path
        let demo = try ChildProcess.run(
            ChildProcess.parkstream.path,
            ["demo", "--rules", rules, "--start", "2017-01-01", "--until", "2017-03-10", "--speed", "5000000"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stderr.contains("demo: embedded Kafka cluster: 3 brokers"))
        // qixian's investment report of early March is the first planted shortfall.
        #expect(
            demo.stdout.contains("FIRING warning qixian fixed_asset_investment_growth latest = 0.132 (< 0.18)"),
            "\(demo.stdout)")
        #expect(demo.stderr.contains("workers stopped (exit status 0, 0)"))
    }
}
