// The Kafka wrapper's own benchmark: a poll loop with no parsing, the Swift side of
// `bench/consume.sh`, which runs it against `kcat -C` on the same broker and data.
//
//   kafka-bench consume BROKERS TOPIC [-X key=value …]
//
// Reads every partition of TOPIC from the beginning to the end offsets seen at start, touching
// every value byte, and prints the message and byte counts (to stderr, so stdout stays empty like
// `kcat -C … > /dev/null`).

import Foundation
import KafkaClient
import Logging

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kafka-bench: \(message)\n".utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, arguments[0] == "consume" else {
    fail("usage: kafka-bench consume BROKERS TOPIC [-X key=value …]")
}
var properties: [String: String] = [:]
var rest = arguments.dropFirst(3)
while let flag = rest.popFirst() {
    guard flag == "-X", let pair = rest.popFirst(), let equals = pair.firstIndex(of: "=") else {
        fail("expected -X key=value, got \(flag)")
    }
    properties[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
}

var logger = Logger(label: "kafka-bench")
logger.logLevel = .warning
let client = KafkaClientConfiguration(
    bootstrapServers: [arguments[1]], clientID: "kafka-bench", properties: properties)
let topic = arguments[2]
do {
    let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(client: client), logger: logger)
    guard let partitions = try consumer.metadata(topic: topic).topic(topic)?.partitions else {
        fail("no topic \(topic)")
    }
    // End offset still to reach, per partition (-1: none).
    var ends = [Int64](repeating: -1, count: Int(partitions.max() ?? 0) + 1)
    var open = 0
    var start: [KafkaTopicPartition: KafkaOffset] = [:]
    for partition in partitions {
        let topicPartition = KafkaTopicPartition(topic: topic, partition: partition)
        let (low, high) = try consumer.watermarks(topicPartition)
        if high > low {
            ends[Int(partition)] = high
            open += 1
        }
        start[topicPartition] = .beginning
    }
    try consumer.assign(start)
    var messages = 0
    var bytes = 0
    var checksum: UInt8 = 0
    while open > 0 {
        let batch = try consumer.poll(maxMessages: 2_000, timeout: .milliseconds(100))
        batch.withUnsafeBytes { buffer in
            for record in batch.records {
                messages += 1
                bytes += record.valueCount
                if let last = buffer.value(of: record).last { checksum ^= last }
                let end = ends[Int(record.partition)]
                if end >= 0, record.offset + 1 >= end {
                    ends[Int(record.partition)] = -1
                    open -= 1
                }
            }
        }
    }
    FileHandle.standardError.write(Data("consumed \(messages) messages, \(bytes) bytes (xor \(checksum))\n".utf8))
} catch {
    fail("\(error)")
}
