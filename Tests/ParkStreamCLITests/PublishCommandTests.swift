import Foundation
import KafkaClient
import Testing

/// Five good lines and one of each kind of trouble, with a blank line that counts for numbering only.
let mixedInput = """
    {"event_id":"jinshan-ww01-1","park_id":"jinshan","metric":"wastewater_compliance","observed_at":"2017-06-08T10:00:00+08:00","value":1,"source":"ww01"}
    {"event_id":"x","park_id":"Jinshan","metric":"wastewater_compliance","observed_at":"2017-06-08T10:00:00+08:00","value":1}

    {"event_id":"baoshan-e-1","park_id":"baoshan","metric":"energy_consumption","observed_at":"2017-06-08T10:15:00+08:00","value":12.5}
    {"event_id":"jinshan-ww01-2","park_id":"jinshan","metric":"wastewater_compliance","observed_at":"2017-02-30T10:00:00+08:00","value":1}
    not json
    {"event_id":"baoshan-av-1","park_id":"baoshan","metric":"added_value","observed_at":"2017-07-05T09:00:00+08:00","value":52000,"period":"2017-06"}
    {"event_id":"baoshan-av-2","park_id":"baoshan","metric":"added_value","observed_at":"2017-07-05T09:00:00+08:00","value":52000}
    {"event_id":"qixian-e-1","park_id":"qixian","metric":"energy_consumption","observed_at":"2017-07-05T09:00:00Z","value":1e400}
    {"event_id":"qixian-hc-1","park_id":"qixian","metric":"heating_coverage","observed_at":"2017-07-05T09:00:00Z","value":0.8}
    {"event_id":"kaifaqu-ww-1","park_id":"kaifaqu","metric":"wastewater_compliance","observed_at":"2017-07-05T09:00:00Z","value":0,"weight":3}

    """

let expectedErrors = [
    #"line 2: park_id: "Jinshan" does not match ^[a-z0-9][a-z0-9-]{0,63}$"#,
    "line 5: observed_at: 2017-02-30T10:00:00+08:00 is not a real date",
    "line 6: json: unexpected 'o' at byte 1",
    "line 8: period: required for monthly metric added_value",
    "line 9: value: 1e400 is not a finite number",
]

func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parkstream-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("parkstream publish", .serialized, .timeLimit(.minutes(6)))
struct PublishCommandTests {
    @Test func dryRunReportsEachBadLineAndCountsTheGoodOnes() throws {
        let input = try temporaryFile("mixed.ndjson", mixedInput)
        let rejects = input + ".rejects"
        let result = try ChildProcess.run(
            ChildProcess.parkstream.path, ["publish", "--dry-run", input, "--rejects", rejects])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(5)) == expectedErrors)
        #expect(lines.last?.hasPrefix("5 valid (dry run, nothing published), 5 rejected of 10 lines") == true)
        let kept = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n").map(String.init)
        let inputLines = mixedInput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(kept == [inputLines[1], inputLines[4], inputLines[5], inputLines[7], inputLines[8]])
    }

    @Test func theClusterHoldsExactlyTheGoodLinesKeyedByPark() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "12"])
        let input = try temporaryFile("mixed.ndjson", mixedInput)
        let result = try ChildProcess.run(
            ChildProcess.parkstream.path, ["publish", "--brokers", broker.bootstrap, input])
        #expect(result.status == 2, "some lines rejected, the valid ones delivered")
        #expect(result.stderr.contains("5 published, 5 rejected of 10 lines"))
        let consumed = try ChildProcess.run(
            "/usr/bin/kcat", ["-C", "-b", broker.bootstrap, "-t", "park.metrics", "-e", "-q", "-f", "%k %p %T %s\n"])
        let records = consumed.stdout.split(separator: "\n").map {
            $0.split(separator: " ", maxSplits: 3).map(String.init)
        }
        #expect(records.count == 5)
        let inputLines = mixedInput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Set(records.map { $0[3] }) == Set([0, 3, 6, 9, 10].map { inputLines[$0] }), "published verbatim")
        for record in records {
            let park = record[0]
            #expect(record[3].contains("\"park_id\":\"\(park)\""), "keyed by park_id")
        }
        // murmur2 (the Java client's partitioner) puts each park on one partition.
        let partitionsByPark = Dictionary(grouping: records, by: { $0[0] }).mapValues { Set($0.map { $0[1] }) }
        #expect(partitionsByPark.values.allSatisfy { $0.count == 1 })
        // The message timestamp is observed_at: 2017-06-08T10:00:00+08:00.
        #expect(records.contains { $0[3].contains("jinshan-ww01-1") && $0[2] == "1496887200000" })
        _ = broker.stop()
    }

    /// Publish sends a window's lines a partition at a time; each partition must still hold its
    /// lines in input order, on the partition murmur2 gives its park (as replay assumes).
    @Test func eachPartitionHoldsItsLinesInInputOrder() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "12"])
        let parks = ["baoshan", "jinshan", "qixian", "kaifaqu", "heshan", "xunxian", "shancheng", "qibin"]
        var lines: [String] = []
        for index in 0..<4_000 {
            let park = parks[(index * 5 + index / 7) % parks.count]
            let minute = String(format: "%02d", index % 60)
            lines.append(
                #"{"event_id":"order-\#(index)","park_id":"\#(park)","metric":"energy_consumption","observed_at":"2017-03-01T10:\#(minute):00+08:00","value":\#(index % 90 + 1)}"#
            )
        }
        let input = try temporaryFile("order.ndjson", lines.joined(separator: "\n") + "\n")
        let result = try ChildProcess.run(
            ChildProcess.parkstream.path, ["publish", "--brokers", broker.bootstrap, input])
        #expect(result.status == 0, "\(result.stderr)")
        let consumed = try ChildProcess.run(
            "/usr/bin/kcat", ["-C", "-b", broker.bootstrap, "-t", "park.metrics", "-e", "-q", "-f", "%p %k %s\n"])
        var byPartition: [Int32: [String]] = [:]
        for record in consumed.stdout.split(separator: "\n") {
            let fields = record.split(separator: " ", maxSplits: 2).map(String.init)
            let expected = KafkaPartitioner.partition(forKey: Array(fields[1].utf8), partitions: 12)
            #expect(Int32(fields[0]) == expected, "park \(fields[1]) on murmur2's partition")
            byPartition[Int32(fields[0]) ?? -1, default: []].append(fields[2])
        }
        #expect(byPartition.values.reduce(0) { $0 + $1.count } == lines.count)
        for (partition, published) in byPartition {
            let inInputOrder = lines.filter { line in
                parks.contains {
                    line.contains(#""park_id":"\#($0)""#)
                        && KafkaPartitioner.partition(forKey: Array($0.utf8), partitions: 12) == partition
                }
            }
            let firstMisplaced = zip(published, inInputOrder).enumerated().first { $0.element.0 != $0.element.1 }?
                .offset
            #expect(
                published.count == inInputOrder.count && firstMisplaced == nil,
                "partition \(partition): \(published.count) lines, line \(firstMisplaced ?? -1) out of input order")
        }
        _ = broker.stop()
    }

    @Test func csvInputIsValidatedAndPublishedAsJSON() throws {
        let csv = """
            event_id,park_id,metric,observed_at,value,period
            baoshan-av-3,baoshan,added_value,2017-08-05T09:00:00+08:00,51000,2017-07
            baoshan-av-4,baoshan,added_value,2017-08-05T09:00:00+08:00,51000,
            """
        let input = try temporaryFile("stats.csv", csv + "\n")
        let result = try ChildProcess.run(ChildProcess.parkstream.path, ["publish", "--dry-run", input])
        #expect(result.status == 2)
        #expect(result.stderr.contains("line 3: period: required for monthly metric added_value"))
        #expect(result.stderr.contains("1 valid (dry run, nothing published), 1 rejected of 2 lines"))
    }
}
