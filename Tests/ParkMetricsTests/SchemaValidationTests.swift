import Foundation
import ParkMetrics
import Testing

/// The JSON Schema and the Swift decoder agree: what the encoder writes validates with a standard
/// validator (Python `jsonschema`, via scripts/validate-events.py), and known-bad events do not.
/// Needs `python3` with `jsonschema` installed (`pip install jsonschema`).
@Suite("JSON Schema (Python jsonschema)")
struct SchemaValidationTests {
    static let root = TestSupport.repositoryRoot()

    /// Runs a script of the repository with `input` on stdin; returns its exit code and stdout.
    static func run(_ script: String, _ arguments: [String] = [], input: [UInt8] = []) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root + "/scripts/" + script] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func encoderOutputForEveryMetricIsValid() throws {
        var generator = EventGenerator(seed: 2017)
        var lines: [UInt8] = []
        for metric in Metric.allCases where metric.kind.isPublishable {
            for index in 0..<20 {
                var event = generator.event()
                event.metric = metric
                event.value = generator.value(in: metric.range)
                event.period = metric.kind.isMonthly ? YearMonth(year: 2017, month: index % 12 + 1) : nil
                event.observedAt = Timestamp(microseconds: event.observedAt.microseconds.floorDivided(by: 1000) * 1000)
                let encoder = MetricEventEncoder(offsetSeconds: generator.offsetSeconds(), includeUnit: index % 2 == 0)
                encoder.appendLine(event, to: &lines)
            }
        }
        let (status, output) = try Self.run("validate-events.py", input: lines)
        #expect(status == 0, "\(output)")
        #expect(output.isEmpty)
    }

    @Test func knownBadEventsAreInvalid() throws {
        let cases = BadInputCases.all.filter { !$0.line.isEmpty }
        var input: [UInt8] = []
        for entry in cases {
            input += entry.line.filter { $0 != 0x0A } + [0x0A]
        }
        let (status, output) = try Self.run("validate-events.py", input: input)
        #expect(status == 1)
        let reported = Set(
            output.split(separator: "\n").compactMap { line -> Int? in
                guard let range = line.range(of: "line ") else { return nil }
                return Int(line[range.upperBound...].prefix { $0.isNumber })
            })
        for (index, entry) in cases.enumerated() {
            #expect(reported.contains(index + 1), "\(entry.name) passed the schema")
        }
    }

    @Test func schemaIsGeneratedFromTheCatalog() throws {
        let (status, _) = try Self.run("generate-event-schema.py", ["--check"])
        #expect(status == 0, "run scripts/generate-event-schema.py")
    }
}
