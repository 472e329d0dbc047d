import ArgumentParser
import Foundation
import Logging
import ParkMetrics
import ParkRules
import ParkStreamRuntime
import StreamEngine

/// `parkstream replay`: recompute aggregates and alerts from a file of metric events.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Recompute aggregates and alerts from a topic or an NDJSON file of metric events, with any rules.",
        discussion: """
            Each partition is computed as a worker computes it, so the alerts equal the live ones \
            (but for their source). A file's events are spread over --partitions as Kafka's murmur2 \
            partitioner spreads them by park_id; a topic is read without a consumer group, from the \
            first offset at or after --from to the end offsets seen at the start. The same input and \
            rules give byte-identical files.

            What-if: --diff-against compares the alerts of this replay (the candidate rules) with a \
            baseline, an alerts NDJSON file (as --alerts writes it) or, when no such file exists, the \
            alerts topic of that name on --brokers; it prints which alerts were added, dropped or \
            shifted. Exit status: 0 when the alerts are the same, 3 when they differ, 1 on errors. \
            --report writes one self-contained HTML file with a chart per park and judged aggregate.
            """)

    @Option(help: "NDJSON file of metric events.")
    var input: String?

    @Option(help: "Topic of metric events to replay instead of a file.")
    var topic: String?

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "Rules file (YAML); without it only aggregates are computed.")
    var rules: String?

    @Option(help: "Write the monthly aggregates here as CSV (park_id,metric,window,window_end,value,count).")
    var aggregates: String?

    @Option(help: "Write the alert events here as NDJSON, in event-time order.")
    var alerts: String?

    @Option(help: "Write an HTML report: per park, each judged aggregate against its thresholds, alerts shaded.")
    var report: String?

    @Option(
        name: .customLong("diff-against"),
        help: "Baseline alerts: an alerts NDJSON file, or else an alerts topic (e.g. park.alerts) on --brokers.")
    var diffAgainst: String?

    @Option(name: .customLong("diff-format"), help: "The diff as a table or as JSON (table|json).")
    var diffFormat: DiffFormat = .table

    @Option(name: .customLong("diff-output"), help: "Write the diff here instead of stdout.")
    var diffOutput: String?

    @Option(help: "Only events from this time on (date or RFC 3339; monthly events by their period).")
    var from: TimeArgument?

    @Option(help: "Only events before this time.")
    var to: TimeArgument?

    @Option(help: "Partitions of the metrics topic, for the partition-wide stream time of completeness rules.")
    var partitions: Int32 = 12

    func validate() throws {
        guard (input == nil) != (topic == nil) else {
            throw ValidationError("give either --input FILE or --topic TOPIC")
        }
        guard aggregates != nil || alerts != nil || report != nil || diffAgainst != nil else {
            throw ValidationError(
                "nothing to write: give --aggregates OUT.csv, --alerts OUT.ndjson, --report OUT.html "
                    + "and/or --diff-against BASELINE")
        }
        guard alerts == nil || rules != nil else { throw ValidationError("--alerts needs --rules") }
        guard report == nil || rules != nil else { throw ValidationError("--report needs --rules") }
        guard diffAgainst == nil || rules != nil else { throw ValidationError("--diff-against needs --rules") }
        guard diffAgainst != nil || diffOutput == nil else {
            throw ValidationError("--diff-output needs --diff-against")
        }
        guard partitions > 0 else { throw ValidationError("--partitions must be at least 1") }
    }

    func run() throws {
        let ruleSet: RuleSet
        do {
            ruleSet = try rules.map { try RuleSet.load(path: $0) } ?? RuleSet()
        } catch {
            throw CommandFailure("\(rules ?? ""): \(error)")
        }
        let selection = ReplaySelection(from: from?.timestamp, to: to?.timestamp)
        // Read before the replay, so a bad baseline fails fast.
        let baseline = try diffAgainst.map { try readBaseline($0) }
        let progress = Progress()
        let result: ReplayResult
        if let topic {
            var replay = TopicReplay(
                client: try kafka.clientConfiguration(clientID: "parkstream-replay"), topic: topic, rules: ruleSet,
                selection: selection, logger: Logger(label: "parkstream.replay"))
            replay.recordsSeries = report != nil
            result = try replay.run { read, total in
                progress.update("\(Progress.count(read)) of \(Progress.count(Int(total))) messages replayed")
            }
        } else {
            let path = input ?? "-"
            // Mapped, not read, where it can be (a regular file): its pages are decoded where the
            // kernel already holds them.
            let mapped = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
            guard let bytes = mapped ?? FileManager.default.contents(atPath: path) else {
                throw CommandFailure("cannot read \(path)")
            }
            var replay = FileReplay(rules: ruleSet, partitions: partitions, selection: selection)
            replay.recordsSeries = report != nil
            result = bytes.withUnsafeBytes { bytes in
                replay.run(bytes, path: path) { read in progress.update("\(Progress.count(read)) lines replayed") }
            }
        }
        progress.finish()
        if let aggregates { try write(result.aggregates.csv, to: aggregates) }
        if let alerts {
            try write(result.alerts.map { $0.canonicalJSON() + "\n" }.joined(), to: alerts)
        }
        if let report { try writeReport(result, rules: ruleSet, to: report) }
        for error in result.rejected.prefix(20) { printError(error.description) }
        printError(
            "\(Progress.count(result.read)) lines: \(Progress.count(result.accepted)) counted, "
                + "\(Progress.count(result.duplicates)) duplicates, \(Progress.count(result.late.count)) late, "
                + "\(Progress.count(result.rejected.count)) rejected, \(Progress.count(result.outsideSelection)) outside --from/--to; "
                + "\(Progress.count(result.alerts.count)) alert transitions; \(String(format: "%.2f", progress.elapsed)) s"
        )
        if let baseline, try !writeDiff(result, baseline: baseline, selection: selection) { throw ExitCode(3) }
    }

    func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
