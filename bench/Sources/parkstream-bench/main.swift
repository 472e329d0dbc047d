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

/// CPU time used by the calling thread, in seconds: unlike wall-clock time it does not count the
/// time the thread waits while other processes run on its core (this machine is shared).
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Rates of repeated passes, in lines per wall-clock second and per CPU second, each sorted.
struct Rates {
    var wall: [Double] = []
    var cpu: [Double] = []
}

/// Runs `pass` (one pass over the file, returning the lines it handled) for at least `seconds` and
/// at least three times.
func rates(seconds: Double, _ pass: () -> Int) -> Rates {
    let clock = ContinuousClock()
    let deadline = clock.now + .milliseconds(Int(seconds * 1000))
    var rates = Rates()
    repeat {
        var lines = 0
        let cpuStart = threadCPUSeconds()
        let elapsed = clock.measure { lines = pass() }
        let cpu = threadCPUSeconds() - cpuStart
        let (whole, fraction) = elapsed.components
        rates.wall.append(Double(lines) / (Double(whole) + Double(fraction) * 1e-18))
        rates.cpu.append(Double(lines) / cpu)
    } while clock.now < deadline || rates.wall.count < 3
    rates.wall.sort()
    rates.cpu.sort()
    return rates
}

func report(_ label: String, _ rates: Rates, bytesPerLine: Double) {
    for (clock, runs) in [("wall", rates.wall), ("cpu", rates.cpu)] {
        let best = runs[runs.count - 1]
        let median = runs[runs.count / 2]
        let text = String(
            format: "%@ (%@): best %.2f M events/s, median %.2f M events/s, %.0f MB/s (best), %d runs", label, clock,
            best / 1e6, median / 1e6, best * bytesPerLine / 1e6, runs.count)
        print(text)
    }
}

/// Decodes the whole file repeatedly, two ways, and prints the best and median rates: the NDJSON
/// line API (`decodeLines`, as `publish` reads files) and one `decode` call per line (as a worker
/// decodes one Kafka message at a time; lines are found the same way).
func decode(path: String, seconds: Double) {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    let bytes = [UInt8](data)
    var accepted = 0
    var rejected = 0
    var firstReject: String?
    var checksum = 0.0
    let lineRuns = rates(seconds: seconds) {
        var decoder = MetricEventDecoder()
        accepted = 0
        rejected = 0
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
        return accepted + rejected
    }
    let messageRuns = rates(seconds: seconds) {
        var decoder = MetricEventDecoder()
        var lines = 0
        bytes.withUnsafeBytes { buffer in
            MetricEventDecoder.forEachLine(in: buffer) { line in
                lines += 1
                do throws(MetricEventError) {
                    checksum += try decoder.decode(UnsafeRawBufferPointer(rebasing: buffer[line.range])).value
                } catch {
                    checksum -= 1
                }
            }
        }
        return lines
    }
    let lines = accepted + rejected
    let bytesPerLine = Double(bytes.count) / Double(max(lines, 1))
    print("file: \(path) (\(bytes.count) bytes, \(lines) lines, \(Int(bytesPerLine)) B/line)")
    print("accepted: \(accepted), rejected: \(rejected)" + (firstReject.map { " (first: \($0))" } ?? ""))
    report("decode+validate, decodeLines", lineRuns, bytesPerLine: bytesPerLine)
    report("decode+validate, decode per line", messageRuns, bytesPerLine: bytesPerLine)
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
