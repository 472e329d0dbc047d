import Foundation
import Testing

@Suite("parkstream hj212-gateway", .serialized, .timeLimit(.minutes(6)))
struct HJ212GatewayCommandTests {
    static let examplePath = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        .appending("/rules/hj212-devices.example.yaml")

    /// The standard's annex example (Flag 5: a reply is owed) and an hourly packet of the same MN.
    static let packets =
        "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n"
        + "garbage\r\n"

    @Test func archivesAnswersAndStopsCleanlyOnSIGTERM() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "2"])
        let process = Process()
        process.executableURL = ChildProcess.parkstream
        process.arguments = [
            "hj212-gateway", "--brokers", broker.bootstrap, "--listen", "127.0.0.1:0", "--devices",
            "/" + Self.examplePath, "--http", "off",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix("listening on 127.0.0.1:"))
        let port = try #require(Int(text.split(separator: ":").last ?? ""))
        let input = try temporaryFile("packets.hj212", Self.packets)
        // The reply to the annex example: ST 91, CN 9014, its QN echoed; 99 bytes.
        let session = try ChildProcess.run(
            "/bin/bash",
            ["-c", "exec 3<>/dev/tcp/127.0.0.1/\(port); cat \(input) >&3; timeout 20 head -c 99 <&3; exec 3>&-"])
        #expect(
            session.stdout
                == "##0087QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&71C0\r\n"
        )
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "SIGINT: stop, flush, exit 0")
        let raw = try ChildProcess.run(
            "/usr/bin/kcat",
            ["-C", "-b", broker.bootstrap, "-t", "park.hj212.raw", "-e", "-q", "-f", "%k|%h\n"])
        let records = raw.stdout.split(separator: "\n").map(String.init).sorted()
        #expect(records.count == 2)
        #expect(
            records.allSatisfy { $0.hasPrefix("010000A8900016F000169DC0|") }, "key: the MN (garbage: the connection's)")
        #expect(records.contains { $0.contains("hj212-verdict=ok") && $0.contains("hj212-park=baoshan") })
        #expect(records.contains { $0.contains("hj212-verdict=garbage") })
        _ = broker.stop()
    }

    @Test func aBadDevicesFileNamesEntryFieldAndLine() throws {
        let devices = try temporaryFile("devices.yaml", "devices:\n  - mn: A\n    park_id: Jinshan\n")
        let result = try ChildProcess.run(
            ChildProcess.parkstream.path,
            ["hj212-gateway", "--brokers", "127.0.0.1:1", "--listen", ":0", "--devices", devices])
        #expect(result.status == 1)
        #expect(result.stderr.contains("devices[0]: park_id: \"Jinshan\" is not a park id"))
        #expect(result.stderr.contains("(line 3)"))
    }
}
