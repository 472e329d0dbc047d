import ArgumentParser
import Foundation
import KafkaClient
import Logging
import ParkMetrics
import ParkStreamRuntime

/// `parkstream publish FILE|-`: validate metric events and publish the valid ones (ARCHITECTURE.md §8).
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Validate metric events (NDJSON or CSV) and publish the valid ones to Kafka.",
        discussion: """
            Each invalid line is reported on stderr as `line N: <field>: <reason>`; valid lines are \
            still published, keyed by park_id, stamped with observed_at, and acknowledged by all \
            replicas before the command ends. Exit status: 0 all valid and delivered, 2 some lines \
            rejected (the valid ones delivered), 1 delivery failed.
            """)

    @Argument(help: "The input file, or - for standard input.")
    var input: String

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "Topic to publish to.")
    var topic = "park.metrics"

    @Option(help: "Input format: ndjson or csv (default: by file extension, .csv is CSV).")
    var format: String?

    @Flag(name: .customLong("dry-run"), help: "Validate only; publish nothing.")
    var dryRun = false

    @Option(help: "Write each rejected line, verbatim, to this file.")
    var rejects: String?

    @Option(
        name: .customLong("max-errors-shown"), help: "Rejected lines to report on stderr (the count is always given).")
    var maxErrorsShown = 1000

    func run() throws {
        let inputFormat = try resolvedFormat()
        let bytes = try readInput()
        let producer: KafkaProducer? =
            dryRun
            ? nil
            : try KafkaProducer(
                configuration: KafkaProducerConfiguration(
                    client: kafka.clientConfiguration(clientID: "parkstream-publish")),
                logger: Logger(label: "parkstream.publish"))
        let rejectsFile = try rejects.map { try RejectsFile(path: $0) }
        let progress = Progress()
        var shown = 0
        var publisher = EventPublisher(producer: producer, topic: topic)
        publisher.onReject = { _, raw, error in
            rejectsFile?.write(raw)
            if shown < maxErrorsShown {
                progress.finish()
                printError(error.description)
                shown += 1
            }
        }
        publisher.onProgress = { summary in
            let rate = Int(Double(summary.read) / max(progress.elapsed, 0.001))
            progress.update(
                "\(Progress.count(summary.read)) lines, \(Progress.count(summary.accepted)) valid, \(Progress.count(summary.rejected.count)) rejected, \(Progress.count(rate)) lines/s"
            )
        }
        let summary = try bytes.withUnsafeBytes { try publisher.publish($0, format: inputFormat) }
        progress.finish()
        try rejectsFile?.close()
        report(summary, seconds: progress.elapsed)
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    private func report(_ summary: PublishSummary, seconds: Double) {
        if summary.rejected.count > maxErrorsShown {
            printError("… \(summary.rejected.count - maxErrorsShown) more rejected lines not shown")
        }
        for (line, reason) in summary.undelivered.prefix(20) {
            printError(line > 0 ? "line \(line): delivery failed: \(reason)" : "delivery failed: \(reason)")
        }
        let rate = Int(Double(summary.read) / max(seconds, 0.001))
        let verb = dryRun ? "valid (dry run, nothing published)" : "published"
        let count = dryRun ? summary.accepted : summary.delivered
        var text = "\(Progress.count(count)) \(verb), \(Progress.count(summary.rejected.count)) rejected"
        if !summary.undelivered.isEmpty { text += ", \(Progress.count(summary.undelivered.count)) not delivered" }
        printError(
            text
                + " of \(Progress.count(summary.read)) lines in \(String(format: "%.2f", seconds)) s (\(Progress.count(rate)) lines/s)"
        )
    }

    private func resolvedFormat() throws -> InputFormat {
        guard let format else { return input == "-" ? .ndjson : InputFormat.guess(path: input) }
        guard let known = InputFormat(rawValue: format) else {
            throw ValidationError("--format must be ndjson or csv, not \(format)")
        }
        return known
    }

    /// The input; a file is mapped into memory rather than copied.
    private func readInput() throws -> Data {
        if input == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: input), options: .alwaysMapped)
        } catch {
            throw CommandFailure("cannot read \(input): \(error.localizedDescription)")
        }
    }
}

/// The `--rejects` file: rejected lines, verbatim, one per line.
final class RejectsFile {
    private let handle: FileHandle

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CommandFailure("cannot create \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CommandFailure("cannot open \(path)") }
        self.handle = handle
    }

    func write(_ line: UnsafeRawBufferPointer) {
        handle.write(Data(line) + Data("\n".utf8))
    }

    func close() throws {
        try handle.close()
    }
}
