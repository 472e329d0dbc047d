import Foundation
import Testing

/// The time limit counts from the moment the test is scheduled: in the full run on two cores it may
/// wait minutes for a thread while the Kafka suites' blocking calls hold the pool, as the other
/// suites of that run do (6 minutes).
@Suite("command-line mistakes", .timeLimit(.minutes(6)))
struct CommandLineMistakeTests {
    /// Some values are checked only when the command runs (a duration, a URL, HOST:PORT): the error
    /// still names the flag and shows the usage of that subcommand, not of `parkstream` itself.
    @Test func aBadValueFoundWhileRunningShowsTheSubcommandsUsage() throws {
        let rules = repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path
        let result = try ChildProcess.run(
            ChildProcess.parkstream.path,
            ["worker", "--brokers", "127.0.0.1:1", "--rules", rules, "--checkpoint-interval", "xyz"])
        #expect(result.status == 64, "EX_USAGE, as for mistakes found while parsing")
        #expect(result.stderr.contains(#"Error: --checkpoint-interval: "xyz" is not a duration"#))
        #expect(result.stderr.contains("Usage: parkstream worker"), "\(result.stderr)")
        #expect(result.stderr.contains("See 'parkstream worker --help'"))
        #expect(!result.stderr.contains("parkstream <subcommand>"))
    }
}
