import ArgumentParser
import Foundation
import Logging
import ParkStreamRuntime

/// `parkstream export`: archive a time range of a topic as NDJSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write a time range of the metrics topic as NDJSON (stdout or --output), e.g. to keep 13 months for year-on-year replay.",
        discussion: """
            Messages are written as they are, merged across partitions by timestamp without \
            reordering any partition, so `replay --input` of the file equals `replay --topic` of the \
            range. Events are selected as replay selects them (telemetry by observed_at, monthly \
            statistics by period).
            """)

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "Topic to export.")
    var topic = "park.metrics"

    @Option(help: "Start of the range (date or RFC 3339), inclusive.")
    var from: TimeArgument?

    @Option(help: "End of the range, exclusive.")
    var to: TimeArgument?

    @Option(help: "Write here instead of standard output.")
    var output: String?

    func run() throws {
        let export = TopicExport(
            client: try kafka.clientConfiguration(clientID: "parkstream-export"), topic: topic,
            selection: ReplaySelection(from: from?.timestamp, to: to?.timestamp),
            logger: Logger(label: "parkstream.export"))
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil),
                let file = FileHandle(forWritingAtPath: output)
            else {
                throw CommandFailure("cannot create \(output)")
            }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        var buffer: [UInt8] = []
        let summary = try export.run { line in
            buffer += line
            if buffer.count >= 1 << 20 {
                handle.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
        if output != nil { try handle.close() }
        for problem in summary.invalid.prefix(20) { printError("not a metric event at \(problem)") }
        printError(
            "\(Progress.count(summary.written)) events exported, \(Progress.count(summary.outsideSelection)) outside the range, "
                + "\(Progress.count(summary.invalid.count)) not metric events")
    }
}
