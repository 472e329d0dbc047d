import ArgumentParser
import Foundation
import KafkaClient
import Logging
import ParkMetrics
import ParkRules
import ParkStreamRuntime

/// `--diff-format`.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

extension ReplayCommand {
    /// The baseline's alert events: the file at `source`, or else the topic of that name.
    func readBaseline(_ source: String) throws -> [AlertEvent] {
        if FileManager.default.fileExists(atPath: source) {
            guard let bytes = FileManager.default.contents(atPath: source) else {
                throw CommandFailure("--diff-against \(source): cannot read the file")
            }
            return try BaselineAlerts.read(ndjson: [UInt8](bytes), path: source)
        }
        let client: KafkaClientConfiguration
        do {
            client = try kafka.clientConfiguration(clientID: "parkstream-replay-baseline")
        } catch {
            throw CommandFailure("--diff-against \(source): no such file, and as a topic: \(error)")
        }
        do {
            return try BaselineAlerts.read(
                topic: source, client: client, logger: Logger(label: "parkstream.replay.baseline"))
        } catch {
            throw CommandFailure("--diff-against \(source): no such file, and as a topic: \(error)")
        }
    }

    /// Writes the diff of the replay's alerts against `baseline`; returns whether they are the same.
    /// Baseline alerts that started outside `--from`/`--to` are left out (the replay cannot raise them).
    func writeDiff(_ result: ReplayResult, baseline: [AlertEvent], selection: ReplaySelection) throws -> Bool {
        let all = AlertInterval.pairing(baseline.map(\.transition))
        let inRange = all.filter { alert in
            selection.from.map { alert.startedAt >= $0 } ?? true && selection.to.map { alert.startedAt < $0 } ?? true
        }
        if inRange.count < all.count {
            printError(
                "--diff-against: \(all.count - inRange.count) baseline alerts started outside --from/--to; not compared"
            )
        }
        let diff = AlertDiff(baseline: inRange, candidate: AlertInterval.pairing(result.alerts.map(\.transition)))
        let text = diffFormat == .json ? diff.json() : diff.table()
        if let diffOutput {
            try write(text, to: diffOutput)
            printError(diff.table().split(separator: "\n").last.map(String.init) ?? "")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return diff.isEmpty
    }

    /// Writes the HTML report of the replay.
    func writeReport(_ result: ReplayResult, rules: RuleSet, to path: String) throws {
        var notes = ["Input: " + (topic.map { "topic \($0)" } ?? input ?? "-") + "; rules: " + (self.rules ?? "")]
        if from != nil || to != nil {
            notes.append(
                "Selection: " + (from.map { "from \($0.timestamp.rfc3339())" } ?? "") + " "
                    + (to.map { "to \($0.timestamp.rfc3339())" } ?? ""))
        }
        let report = ReplayReport(
            title: "ParkStream replay report", notes: notes, rules: rules,
            series: result.series ?? RuleSeries(zone: result.aggregates.zone),
            alerts: AlertInterval.pairing(result.alerts.map(\.transition)))
        try write(report.html(), to: path)
    }
}
