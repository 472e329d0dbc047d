// Engine ingest throughput and memory (issue 4): pre-decoded events, one core.
//
//     swift run -c release engine-bench [parks] [events-millions] [ms-between-a-park's-events]
//
// Events are generated in memory from a fixed seed, one chunk of 1 M at a time (the chunk buffer is
// reused, so it weighs the same in every RSS figure); only `ingest` is timed. Each park sends the
// five telemetry metrics in turn, one event every `ms` of event time (default 10 s: a park with a
// dozen monitors), up to 5 minutes out of order, 0.5 % exact re-sends, 0.1 % late, plus 0.2 %
// monthly statistics with revisions. The event density sets the dedup working set (ids inside the
// lateness horizon): at 200 ms a park keeps ~9,000 ids, and the lookups miss the CPU caches.
import Foundation
import ParkMetrics
import StreamEngine

func residentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ")[1]) ?? -1
    }
    return -1
}

struct EventSource {
    let parks: [ParkID]
    let chunk: Int
    var random = SeededRandom(seed: 2017)
    var sequence = 0
    var buffer: [MetricEvent] = []
    let start: Int64 = 1_483_200_000_000_000  // 2017-01-01T00:00:00+08:00
    let telemetry: [Metric] = Metric.allCases.filter { $0.kind.isTelemetry }
    let monthly: [Metric] = Metric.allCases.filter { $0.kind.isMonthly }

    let stepMicros: Int64

    init(parkCount: Int, chunk: Int, stepMilliseconds: Int) {
        stepMicros = Int64(stepMilliseconds) * 1000
        parks = (0..<parkCount).compactMap { ParkID(rawValue: "park-\($0)") }
        self.chunk = chunk
        buffer.reserveCapacity(chunk)
    }

    mutating func fill() {
        let parkCount = parks.count
        buffer.removeAll(keepingCapacity: true)
        for _ in 0..<chunk {
            if buffer.count > parks.count, random.next() % 200 == 0 {
                buffer.append(buffer[buffer.count - parks.count])  // an exact re-send
                continue
            }
            let park = sequence % parkCount
            let step = sequence / parkCount
            var micros = start + Int64(step) * stepMicros - Int64(random.next() % 300_000_000)
            let roll = random.next() % 1000
            if roll < 1 { micros -= 3_600_000_000 }  // late
            let metric: Metric
            var period: YearMonth?
            if roll >= 1, roll < 3 {
                metric = monthly[Int(random.next() % UInt64(monthly.count))]
                let month = Int((micros - start) / 2_629_800_000_000) % 12
                period = YearMonth(year: 2017, month: month + 1)
            } else {
                metric = telemetry[step % telemetry.count]
            }
            buffer.append(
                MetricEvent(
                    eventID: "\(parks[park].rawValue)-m\(metric.rawValue)-\(sequence)", parkID: parks[park],
                    metric: metric,
                    observedAt: Timestamp(microseconds: micros), value: Double(random.next() % 1000) / 1000,
                    weight: 1 + Double(random.next() % 4), period: period))
            sequence += 1
        }
    }
}

@main
struct EngineBench {
    static func main() {
        let arguments = CommandLine.arguments
        let parkCount = arguments.count > 1 ? Int(arguments[1]) ?? 100 : 100
        let millions = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
        let stepMilliseconds = arguments.count > 3 ? Int(arguments[3]) ?? 10_000 : 10_000
        let chunk = 1_000_000
        var source = EventSource(parkCount: parkCount, chunk: chunk, stepMilliseconds: stepMilliseconds)
        var engine = PartitionEngine()
        var outcomes = [Int](repeating: 0, count: 4)
        var batchOutcomes: [IngestOutcome] = []
        batchOutcomes.reserveCapacity(chunk)
        var ingestSeconds = 0.0
        print(
            "engine-bench: \(parkCount) parks, \(millions) M events, chunks of \(chunk),"
                + " one event per park every \(stepMilliseconds) ms")
        let baseline = residentKiB()
        for round in 1...millions {
            source.fill()
            batchOutcomes.removeAll(keepingCapacity: true)
            let elapsed = ContinuousClock().measure {
                engine.ingest(contentsOf: source.buffer, outcomes: &batchOutcomes)
            }
            for outcome in batchOutcomes { outcomes[Int(outcome.rawValue)] += 1 }
            let (seconds, attoseconds) = elapsed.components
            ingestSeconds += Double(seconds) + Double(attoseconds) / 1e18
            if round == 1 || round == millions || round % 5 == 0 {
                let rate = Double(round * chunk) / ingestSeconds / 1e6
                print(
                    "after \(round) M: \(String(format: "%.2f", rate)) M events/s, VmRSS \(residentKiB() / 1024) MiB"
                        + " (before the first event: \(baseline / 1024) MiB)")
            }
        }
        print("accepted \(outcomes[0]), duplicate \(outcomes[1]), late \(outcomes[2]), invalid \(outcomes[3])")
        var bytes: [UInt8] = []
        let write = ContinuousClock().measure { bytes = engine.checkpoint() }
        var restored: PartitionEngine?
        let read = ContinuousClock().measure { restored = try? PartitionEngine(checkpoint: bytes) }
        print(
            "checkpoint: \(bytes.count / 1024) KiB, written in \(write), restored in \(read)"
                + (restored == nil ? " (restore FAILED)" : ""))
    }
}
