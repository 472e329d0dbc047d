// latency-bench: produce→alert latency through a running worker, the Swift side of bench/latency.sh.
//
//   latency-bench BROKERS [--rate 20000] [--seconds 30] [--warmup 5] [--toggle-parks 50]
//
// Publishes metric events to park.metrics at a fixed rate (wastewater samples of the eight Hebi
// parks, stamped with the current time), and among them, once a second for each of
// `--toggle-parks` extra parks, a heating-coverage reading that alternates between 0.5 and 1.0, so
// that bench/latency-rules.yaml fires and resolves an alert on every one of them. A consumer on
// park.alerts matches each alert to the reading that caused it (park and event time) and records
// the time from `send` to the alert's arrival. Prints the percentiles after the warm-up, and the
// readings whose alert never came.

import Foundation
import KafkaClient
import Logging
import Synchronization

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("latency-bench: \(message)\n".utf8))
    exit(2)
}

struct Options {
    var brokers = ""
    var rate = 20_000
    var seconds = 30
    var warmup = 5
    var toggleParks = 50

    init(_ arguments: [String]) {
        var rest = arguments[...]
        guard let brokers = rest.popFirst() else { fail("usage: latency-bench BROKERS [--rate N] [--seconds N] …") }
        self.brokers = brokers
        while let flag = rest.popFirst() {
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else { fail("\(flag) needs a number") }
            switch flag {
            case "--rate": rate = value
            case "--seconds": seconds = value
            case "--warmup": warmup = value
            case "--toggle-parks": toggleParks = value
            default: fail("unknown option \(flag)")
            }
        }
    }
}

/// RFC 3339 in +08:00 for whole `epochSeconds`.
func shanghaiTime(_ epochSeconds: Int) -> String {
    var time = time_t(epochSeconds + 8 * 3600)
    var parts = tm()
    gmtime_r(&time, &parts)
    return String(
        format: "%04d-%02d-%02dT%02d:%02d:%02d+08:00", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
        Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
}

func wallSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

func monotonic() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

/// The value of `"name":"…"` in a flat JSON object (alert events have no escapes in these fields).
func field(_ name: String, in json: String) -> Substring? {
    guard let start = json.range(of: "\"\(name)\":\"") else { return nil }
    let rest = json[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return rest[..<end]
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
var logger = Logger(label: "latency-bench")
logger.logLevel = .warning
let client = KafkaClientConfiguration(bootstrapServers: [options.brokers], clientID: "latency-bench")

/// Send times (monotonic seconds) of the toggling readings, by "park event_time".
let sent = Mutex<[String: Double]>([:])
let latencies = Mutex<[Double]>([])
let stop = Atomic<Bool>(false)

// The alerts consumer, from the end of every partition of park.alerts. It asks the broker to
// answer a fetch within 1 ms when nothing is there (the default waits up to 10 ms): what is timed
// is the alert's way to the topic, not this observer's polling.
var alertsConfiguration = KafkaConsumerConfiguration(client: client)
alertsConfiguration.fetchWaitMax = .milliseconds(1)
let consumer = try KafkaConsumer(configuration: alertsConfiguration, logger: logger)
guard let alertPartitions = try consumer.metadata(topic: "park.alerts").topic("park.alerts")?.partitions else {
    fail("no topic park.alerts")
}
var starts: [KafkaTopicPartition: KafkaOffset] = [:]
for partition in alertPartitions {
    let topicPartition = KafkaTopicPartition(topic: "park.alerts", partition: partition)
    starts[topicPartition] = KafkaOffset(rawValue: try consumer.watermarks(topicPartition).high)
}
try consumer.assign(starts)
let reader = Thread {
    while !stop.load(ordering: .relaxed) {
        guard let batch = try? consumer.poll(maxMessages: 1000, timeout: .milliseconds(20)) else { continue }
        let arrived = monotonic()
        batch.withUnsafeBytes { bytes in
            for record in batch.records {
                let json = String(decoding: bytes.value(of: record), as: UTF8.self)
                guard let park = field("park_id", in: json), let time = field("event_time", in: json) else { continue }
                let key = "\(park) \(time)"
                if let sentAt = sent.withLock({ $0.removeValue(forKey: key) }) {
                    latencies.withLock { $0.append(arrived - sentAt) }
                }
            }
        }
    }
}
reader.start()

// The producer: steady load plus the toggles, paced every millisecond.
var producerConfiguration = KafkaProducerConfiguration(client: client)
producerConfiguration.compression = .zstd
let producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
let metrics = try producer.topic("park.metrics")
let hebiParks = ["baoshan", "jinshan", "xunxian", "qixian", "qibin", "shancheng", "kaifaqu", "chengxiang"]
let toggleParks = (0..<options.toggleParks).map { String(format: "bench-%03d", $0) }

func send(park: String, _ json: String) throws {
    try Array(park.utf8).withUnsafeBytes { key in
        try Array(json.utf8).withUnsafeBytes { value in
            try producer.send(to: metrics, partition: nil, key: key, value: value)
        }
    }
}

let started = monotonic()
let total = options.warmup + options.seconds
var steady = 0
var toggles = 0
var measuredToggles = 0
var nextToggle = 0  // index over (second, park)
FileHandle.standardError.write(
    Data(
        "latency-bench: \(options.rate) events/s for \(options.warmup) s warm-up + \(options.seconds) s, \(options.toggleParks) toggling parks\n"
            .utf8))
while true {
    let elapsed = monotonic() - started
    if elapsed >= Double(total) { break }
    let now = Int(wallSeconds())
    let observedAt = shanghaiTime(now)
    // Toggles: park i of second s at s + i/parks.
    while Double(nextToggle) / Double(options.toggleParks) <= elapsed {
        let second = nextToggle / options.toggleParks
        let park = toggleParks[nextToggle % options.toggleParks]
        let value = second % 2 == 0 ? "0.5" : "1"
        let key = "\(park) \(observedAt)"
        let measured = Double(second) >= Double(options.warmup)
        // One reading per park and event second: a second already used waits for the next.
        if sent.withLock({ $0[key] == nil }) {
            let json =
                #"{"event_id":"\#(park)-\#(nextToggle)","park_id":"\#(park)","metric":"heating_coverage","observed_at":"\#(observedAt)","value":\#(value),"source":"latency-bench"}"#
            if measured { sent.withLock { $0[key] = monotonic() } }
            try send(park: park, json)
            toggles += 1
            if measured { measuredToggles += 1 }
        }
        nextToggle += 1
    }
    let due = Int(elapsed * Double(options.rate))
    while steady < due {
        let park = hebiParks[steady % hebiParks.count]
        let json =
            #"{"event_id":"\#(park)-bench-\#(steady)","park_id":"\#(park)","metric":"wastewater_compliance","observed_at":"\#(observedAt)","value":1,"weight":1,"source":"latency-bench"}"#
        try send(park: park, json)
        steady += 1
    }
    producer.poll()
    usleep(1000)
}
_ = try producer.flush(timeout: .seconds(30))
Thread.sleep(forTimeInterval: 3)  // the last alerts
stop.store(true, ordering: .relaxed)
Thread.sleep(forTimeInterval: 0.1)

let values = latencies.withLock { $0 }.sorted()
let missing = sent.withLock { $0.count }
func percentile(_ p: Double) -> Double {
    values.isEmpty ? .nan : values[min(values.count - 1, Int(Double(values.count) * p))] * 1000
}
let rate = Double(steady) / (monotonic() - started - 3)
print(
    String(
        format: "sent %d events (%.0f/s) incl. %d toggles; alerts matched %d of %d measured toggles (%d missing)",
        steady + toggles, rate, toggles, values.count, measuredToggles, missing))
print(
    String(
        format: "produce→alert latency: p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms", percentile(0.50),
        percentile(0.90), percentile(0.99), (values.last ?? .nan) * 1000))
print(
    #"{"latency_p50_ms":\#(percentile(0.50)),"latency_p99_ms":\#(percentile(0.99)),"latency_max_ms":\#((values.last ?? 0) * 1000),"matched":\#(values.count),"missing":\#(missing),"rate":\#(options.rate)}"#
)
