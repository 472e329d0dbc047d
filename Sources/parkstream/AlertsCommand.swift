import ArgumentParser
import Foundation
import KafkaClient
import Logging
import ParkRules
import ParkStreamRuntime

/// `parkstream alerts`: print or follow the alerts topic (ARCHITECTURE.md §8), one line per transition.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Print the alerts topic, one line per alert transition, or follow it.",
        discussion: """
            Reads every partition of the topic (no consumer group, nothing committed) up to the end \
            offsets seen when it starts, then exits; with --follow it keeps printing new transitions \
            until SIGINT or SIGTERM. Lines read `FIRING critical jinshan wastewater_compliance 24h = \
            0.912 (< 0.95) since 2017-06-08T10:00:00+08:00 [rule]`, coloured by severity on a \
            terminal; --json prints each alert event v1 exactly as it is stored. A message that is \
            not an alert event is reported on stderr and skipped.
            """)

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "The alerts topic.")
    var topic = "park.alerts"

    @Flag(help: "Keep printing new transitions until SIGINT/SIGTERM.")
    var follow = false

    @Flag(help: "Print the alert events' JSON (alert event v1), one per line.")
    var json = false

    @Flag(
        name: .customLong("from-beginning"), inversion: .prefixedNo,
        help: "Start at the oldest transition kept (--no-from-beginning: only new ones, with --follow).")
    var fromBeginning = true

    @Option(help: "Seconds to wait for the cluster's metadata, and (without --follow) for the next message.")
    var timeout = 15

    func run() throws {
        let logger = Logger(label: "parkstream.alerts")
        let signals = SignalFlag([SIGINT, SIGTERM])
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: kafka.clientConfiguration(clientID: "parkstream-alerts")),
            logger: logger)
        let metadata = try consumer.metadata(topic: topic, timeout: .seconds(timeout))
        guard let partitions = metadata.topic(topic)?.partitions, !partitions.isEmpty else {
            throw CommandFailure("topic \(topic) not found")
        }
        let keys = partitions.map { KafkaTopicPartition(topic: topic, partition: $0) }
        // The end offsets seen now: without --follow, reading stops there.
        var ends: [Int32: Int64] = [:]
        var positions: [Int32: Int64] = [:]
        for key in keys {
            let (low, high) = try consumer.watermarks(key, timeout: .seconds(timeout))
            ends[key.partition] = high
            positions[key.partition] = fromBeginning ? low : high
        }
        try consumer.assign(
            Dictionary(uniqueKeysWithValues: keys.map { ($0, fromBeginning ? KafkaOffset.beginning : .end) }))
        let printer = AlertPrinter(json: json, color: isatty(STDOUT_FILENO) != 0)
        var lastProgress = ContinuousClock.now
        while !signals.isRaised {
            let behind = positions.filter { $0.value < ends[$0.key, default: 0] }
            if !follow, behind.isEmpty { break }
            let batch = try consumer.poll(timeout: .milliseconds(200))
            guard !batch.isEmpty else {
                // Without --follow, a partition whose end offset is never reached (messages gone
                // meanwhile, transaction markers) must not keep the command waiting forever.
                if !follow, ContinuousClock.now - lastProgress > .seconds(timeout) {
                    let pending = behind.sorted { $0.key < $1.key }.map { "\(topic)/\($0.key) at \($0.value)" }
                    throw CommandFailure(
                        "no new alerts for \(timeout) s before the end offsets: \(pending.joined(separator: ", "))")
                }
                continue
            }
            lastProgress = ContinuousClock.now
            printer.write(batch)
            for record in batch.records {
                positions[record.partition] = max(positions[record.partition] ?? 0, record.offset + 1)
            }
        }
        try consumer.close()
    }
}

/// Turns consumed alert messages into output lines and writes each batch with one write, so
/// lines appear at once even when stdout is a pipe.
struct AlertPrinter {
    let json: Bool
    let color: Bool

    func write(_ batch: KafkaMessageBatch) {
        var text = ""
        for message in batch {
            if json {
                text += String(decoding: message.value, as: UTF8.self) + "\n"
                continue
            }
            do {
                text += AlertLine.format(try AlertEvent(canonicalJSON: message.value), color: color) + "\n"
            } catch {
                printError("\(message.topic)/\(message.partition)/\(message.offset): \(error)")
            }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
