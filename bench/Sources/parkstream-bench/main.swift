// parkstream-bench: micro-benchmarks of the pure modules, outside the test suite (STYLE.md: a
// benchmark is not a test). Build in release: `swift build -c release --product parkstream-bench`.
//
//   parkstream-bench decode FILE [SECONDS]    decode+validate every line of an NDJSON file, on one core
//   parkstream-bench generate COUNT FILE      write COUNT typical events (~160 B each) as NDJSON

import Foundation
import ParkMetrics

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(64)
}

/// Decodes the whole file repeatedly for at least `seconds` and prints the best and median rates.
func decode(path: String, seconds: Double) {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    let bytes = [UInt8](data)
    var runs: [Double] = []
    var accepted = 0
    var rejected = 0
    var firstReject: String?
    var checksum = 0.0
    let clock = ContinuousClock()
    let deadline = clock.now + .milliseconds(Int(seconds * 1000))
    repeat {
        var decoder = MetricEventDecoder()
        accepted = 0
        rejected = 0
        let elapsed = clock.measure {
            bytes.withUnsafeBytes { buffer in
                decoder.decodeLines(buffer) { _, result in
                    switch result {
                    case .success(let event):
                        accepted += 1
                        checksum += event.value
                    case .failure(let error):
                        rejected += 1
                        if firstReject == nil { firstReject = error.description }
                    }
                }
            }
        }
        let (whole, fraction) = elapsed.components
        runs.append(Double(accepted + rejected) / (Double(whole) + Double(fraction) * 1e-18))
    } while clock.now < deadline || runs.count < 3
    runs.sort()
    let lines = accepted + rejected
    print("file: \(path) (\(bytes.count) bytes, \(lines) lines, \(bytes.count / max(lines, 1)) B/line)")
    print("accepted: \(accepted), rejected: \(rejected)" + (firstReject.map { " (first: \($0))" } ?? ""))
    print(
        String(
            format: "decode+validate: best %.2f M events/s, median %.2f M events/s, %.0f MB/s (best), %d runs",
            runs[runs.count - 1] / 1e6, runs[runs.count / 2] / 1e6,
            runs[runs.count - 1] * Double(bytes.count) / Double(lines) / 1e6,
            runs.count))
    if checksum.isNaN { print("unreachable") }
}

/// Writes `count` events shaped like the simulator's: mostly telemetry, some monthly statistics.
func generate(count: Int, path: String) {
    let parks = ["qibin", "heshan", "shancheng", "baoshan", "jinshan", "xunxian", "qixian", "hebi-jingkai"]
    let telemetry: [(Metric, String)] = [
        (.wastewaterCompliance, "ww01"), (.wastewaterTreatmentRate, "ww02"), (.energyConsumption, "em01"),
        (.heatingCoverage, "heat"),
    ]
    var random = SystemRandomNumberGenerator()
    let encoder = MetricEventEncoder()
    var out: [UInt8] = []
    out.reserveCapacity(count * 170)
    let start = Timestamp(rfc3339: "2017-01-01T00:00:00+08:00") ?? Timestamp(seconds: 0)
    for index in 0..<count {
        let park = parks[index % parks.count]
        guard let parkID = ParkID(rawValue: park) else { continue }
        let at = Timestamp(microseconds: start.microseconds + Int64(index) * 37_000_000)
        let event: MetricEvent
        if index % 50 == 49 {
            event = MetricEvent(
                eventID: "\(park)-av-\(index)", parkID: parkID, metric: .addedValue, observedAt: at,
                value: Double(Int.random(in: 10_000...900_000, using: &random)) / 10,
                period: YearMonth(year: 2017, month: 1),
                source: "stats")
        } else {
            let (metric, source) = telemetry[index % telemetry.count]
            let value =
                metric == .energyConsumption
                ? Double(Int.random(in: 0...50_000, using: &random)) / 100
                : Double(Int.random(in: 900...1000, using: &random)) / 1000
            event = MetricEvent(
                eventID: "\(park)-\(source)-\(String(index))", parkID: parkID, metric: metric, observedAt: at,
                value: value, weight: Double(Int.random(in: 1...20, using: &random)), source: source)
        }
        encoder.appendLine(event, to: &out)
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(out)) else { fail("cannot write \(path)") }
    print("wrote \(count) events, \(out.count) bytes, to \(path)")
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "decode" where arguments.count >= 3:
    decode(path: arguments[2], seconds: arguments.count > 3 ? Double(arguments[3]) ?? 3 : 3)
case "generate" where arguments.count == 4:
    guard let count = Int(arguments[2]) else { fail("COUNT must be an integer") }
    generate(count: count, path: arguments[3])
default:
    fail("usage: parkstream-bench decode FILE [SECONDS] | generate COUNT FILE")
}
