import HJ212
import HJ212Gateway
import KafkaClient
import NIOCore
import ParkMetrics
import Testing

/// The gateway over real TCP on loopback, writing to the embedded cluster; what comes out is read
/// back through the Kafka consumer.
@Suite("HJ212Gateway over TCP", .serialized)
struct GatewayStreamTests {
    static let parks = ["baoshan", "jinshan", "xunxian", "qibin"].compactMap { ParkID(rawValue: $0) }
    static let devices = parks.enumerated().map { index, park in
        HJ212Device(mn: "HB-WW-\(index)-000000000000000", parkID: park, monitor: "ww01")
    }

    /// One device's stream: hourly packets (some out of limits, some all in maintenance), some
    /// without Flag A, with garbage, truncated and corrupted copies in between.
    struct DeviceStream {
        var bytes: [UInt8] = []
        var events: [String: Double] = [:]
        var replyQNs: Set<String> = []
    }

    static func stream(mn: String, packets: Int, random: inout SeededRandom) -> DeviceStream {
        var stream = DeviceStream()
        for hour in 0..<packets {
            let qn = "2017060810\(threeDigits(hour))0000"
            let dataTime = "201706\(10 + hour / 24)\(twoDigits(hour % 24))0000"
            let flag = Bool.random(using: &random) ? 5 : 4
            var pollutants: [(String, Double, String)] = [
                ("w01018", 30, "N"), ("w21003", 2, "N"), ("w21011", 0.3, "N"), ("w21001", 10, "N"), ("w01001", 7, "N"),
            ]
            var expected: Double? = 1
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                pollutants[1].1 = 7.5
                expected = 0
            case 1:
                pollutants = pollutants.map { ($0.0, 99, "M") }
                expected = nil
            default: break
            }
            let groups = pollutants.map { "\($0.0)-Avg=\($0.1),\($0.0)-Flag=\($0.2)" }.joined(separator: ";")
            let segment = "QN=\(qn);ST=32;CN=2061;PW=123456;MN=\(mn);Flag=\(flag);CP=&&DataTime=\(dataTime);\(groups)&&"
            let packet = HJ212Frame.encode(segment) ?? []
            switch Int.random(in: 0..<5, using: &random) {
            case 0: stream.bytes += Array("\u{0}noise#\r\n".utf8.prefix(Int.random(in: 1...9, using: &random)))
            case 1: stream.bytes += packet.prefix(Int.random(in: 1..<packet.count, using: &random))
            case 2:
                var corrupted = packet
                corrupted[Int.random(in: 10..<(packet.count - 6), using: &random)] ^= 0x02
                stream.bytes += corrupted
            default: break
            }
            stream.bytes += packet
            if let expected { stream.events["\(mn)-2061-\(dataTime)"] = expected }
            if flag == 5 { stream.replyQNs.insert(qn) }
        }
        return stream
    }

    static func sendInRandomPieces(_ bytes: [UInt8], to connection: DeviceConnection, random: inout SeededRandom)
        throws
    {
        var start = 0
        var pieces = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...80, using: &random))
            try connection.send(Array(bytes[start..<end]))
            start = end
            pieces += 1
            if pieces % 8 == 0 { Thread.sleepMilliseconds(1) }
        }
    }

    @Test(.timeLimit(.minutes(6)))
    func aStreamCutAnywhereWithBrokenPacketsGivesExactlyTheExpectedEventsAndReplies() throws {
        let harness = try GatewayHarness(devices: DeviceRegistry(Self.devices))
        var random = SeededRandom(seed: 2017_0608)
        var streams = Self.devices.map { Self.stream(mn: $0.mn, packets: 30, random: &random) }
        // A device nobody listed: archived, answered, never judged.
        streams.append(Self.stream(mn: "UNLISTED-000000000000001", packets: 5, random: &random))
        let connections = try streams.map { _ in try harness.connect() }
        for (stream, connection) in zip(streams, connections) {
            try Self.sendInRandomPieces(stream.bytes, to: connection, random: &random)
        }
        for (stream, connection) in zip(streams, connections) {
            let replies = connection.waitForReplies(stream.replyQNs.count)
            #expect(Set(replies.compactMap(\.qn)) == stream.replyQNs)
            #expect(replies.count == stream.replyQNs.count, "one reply per Flag-A packet")
            #expect(replies.allSatisfy { $0.cn == "9014" && $0.st == "91" })
        }
        for connection in connections { connection.close() }
        // The oracle for the raw topic: the pure session over each whole stream.
        var expectedRaw: [String] = []
        for stream in streams {
            var session = DeviceSession(registry: DeviceRegistry(Self.devices))
            let records = session.receive(stream.bytes) + session.finish()
            expectedRaw += records.map { $0.verdict.rawValue + " " + String(decoding: $0.bytes, as: UTF8.self) }
        }
        harness.waitForFrames(expectedRaw.count)
        harness.stop()

        let expectedEvents = streams.dropLast().reduce(into: [String: Double]()) { $0.merge($1.events) { a, _ in a } }
        let events = try harness.events(count: expectedEvents.count)
        #expect(
            Dictionary(events.map { ($0.eventID.description, $0.value) }, uniquingKeysWith: { a, _ in a })
                == expectedEvents)
        #expect(events.count == expectedEvents.count)
        #expect(
            events.allSatisfy { $0.metric == .wastewaterCompliance && $0.source.map { $0.hasPrefix("HB-WW-") } == true }
        )
        #expect(harness.gateway.statistics.events == expectedEvents.count)

        let raw = try harness.raw(count: expectedRaw.count)
        let archived = raw.map {
            ($0.header("hj212-verdict").map { String(decoding: $0, as: UTF8.self) } ?? "?") + " "
                + String(decoding: $0.value, as: UTF8.self)
        }
        #expect(archived.sorted() == expectedRaw.sorted(), "every frame archived once, with its verdict")
        #expect(raw.reduce(0) { $0 + $1.value.count } == streams.reduce(0) { $0 + $1.bytes.count })
        #expect(
            Set(raw.compactMap { $0.header("hj212-verdict") }.map { String(decoding: $0, as: UTF8.self) })
                .isSuperset(of: ["ok", "bad-checksum", "bad-length", "garbage", "unknown-device"]))
        #expect(raw.allSatisfy { $0.header("hj212-peer")?.starts(with: Array("127.0.0.1:".utf8)) == true })
        #expect(raw.allSatisfy { $0.header("hj212-received-at") != nil })
        let unknown = raw.filter { $0.header("hj212-verdict") == Array("unknown-device".utf8) }
        #expect(unknown.count == 5)
        #expect(unknown.allSatisfy { $0.key.map { Array($0) } == Array("UNLISTED-000000000000001".utf8) })

        let metrics = harness.registry.emitToString()
        #expect(metrics.contains("parkstream_hj212_packets_total{verdict=\"unknown-device\"} 5"))
        #expect(metrics.contains("parkstream_hj212_events_total \(expectedEvents.count)"))
        #expect(metrics.contains("parkstream_hj212_connections_accepted_total 5"))
    }

    @Test(.timeLimit(.minutes(6)))
    func splitUploadsSentOutOfOrderReassembleIntoOneEvent() throws {
        let harness = try GatewayHarness(devices: DeviceRegistry(Self.devices))
        let mn = Self.devices[1].mn
        let head = "QN=20170608110000001;ST=32;CN=2061;PW=123456;MN=\(mn);Flag=7;PNUM=3;"
        let fragments = [
            head + "PNO=1;CP=&&DataTime=20170608110000;w01018-Avg=20,w01018-Flag=N&&",
            head + "PNO=2;CP=&&w21003-Avg=1,w21003-Flag=N;w21011-Avg=0.7,w21011-Flag=N&&",
            head + "PNO=3;CP=&&w01001-Avg=7,w01001-Flag=N&&",
        ].compactMap(HJ212Frame.encode)
        let connection = try harness.connect()
        try connection.send(fragments[2] + fragments[0])
        Thread.sleepMilliseconds(20)
        try connection.send(fragments[1])
        #expect(connection.waitForReplies(3).count == 3)
        connection.close()
        harness.waitForFrames(3)
        harness.stop()
        let events = try harness.events(count: 1)
        #expect(events.map(\.eventID) == ["\(mn)-2061-20170608110000"])
        #expect(events.map(\.value) == [0], "total phosphorus 0.7 > 0.5, in fragment 2")
        #expect(events.map(\.parkID) == [Self.parks[1]])
        #expect(try harness.raw(count: 3).count == 3)
    }

    @Test(.timeLimit(.minutes(6)))
    func twoHundredConnectionsAtOnceLoseNothing() throws {
        let harness = try GatewayHarness(devices: DeviceRegistry(Self.devices))
        let connections = try (0..<200).map { _ in try harness.connect() }
        for (index, connection) in connections.enumerated() {
            let mn = Self.devices[index % Self.devices.count].mn
            var bytes: [UInt8] = []
            for hour in 0..<10 {
                let segment =
                    "QN=20170608\(threeDigits(index))\(twoDigits(hour))00001;ST=32;CN=2061;PW=1;MN=\(mn);Flag=5;"
                    + "CP=&&DataTime=2017\(twoDigits(1 + index % 12))\(twoDigits(1 + index / 12))\(twoDigits(hour))0000;"
                    + "w01018-Avg=\(index % 3 == 0 ? 60 : 20),w01018-Flag=N&&"
                bytes += HJ212Frame.encode(segment) ?? []
            }
            _ = connection.channel.writeAndFlush(ByteBuffer(bytes: bytes))
        }
        let replies = connections.map { $0.waitForReplies(10).count }
        #expect(replies.allSatisfy { $0 == 10 }, "every packet answered")
        for connection in connections { connection.close() }
        harness.waitForFrames(2000)
        harness.stop()
        let statistics = harness.gateway.statistics
        #expect(statistics.packets[.ok] == 2000)
        #expect(statistics.replies == 2000)
        #expect(statistics.connections == 200)
        #expect(statistics.openConnections == 0)
        let raw = try harness.raw(count: 2000)
        #expect(raw.count == 2000)
        let events = try harness.events(count: 2000)
        #expect(Set(events.map(\.eventID)).count == 2000)
        #expect(events.filter { $0.value == 0 }.count == 67 * 10, "devices 0, 3, …, 198 report COD 60")
    }
}

func threeDigits(_ value: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, 3 - text.count)) + text
}

func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : String(value)
}
