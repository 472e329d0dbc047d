import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real Prometheus Alertmanager (Debian's `prometheus-alertmanager`) for one test (here, beside
/// the embedded Kafka cluster, so that the runtime's and the command line's tests share it): loopback only,
/// clustering off, configuration and storage in a temporary folder that goes with it.
public final class AlertmanagerProcess {
    public static let binary = "/usr/bin/prometheus-alertmanager"

    public let port: Int
    public let baseURL: URL
    private let process = Process()
    private let folder: URL

    /// A free loopback port (the kernel's choice, released at once for Alertmanager to take).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                guard bind(fd, raw, length) == 0 else { return -1 }
                return getsockname(fd, raw, &length)
            }
        }
        guard bound == 0 else { throw Failure("bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts Alertmanager on `port` and waits until `/-/ready` answers 200.
    public init(port: Int? = nil) throws {
        self.port = try port ?? Self.freePort()
        baseURL = URL(string: "http://127.0.0.1:\(self.port)")!
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("alertmanager-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("alertmanager.yml")
        try Data("route:\n  receiver: \"null\"\nreceivers:\n  - name: \"null\"\n".utf8).write(to: config)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--config.file=\(config.path)", "--storage.path=\(folder.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(self.port)", "--cluster.listen-address=",
        ]
        let log = folder.appendingPathComponent("alertmanager.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if HTTP.get(baseURL.appendingPathComponent("-/ready"))?.status == 200 { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        stop()
        throw Failure("Alertmanager did not become ready on port \(self.port): \(output.suffix(2000))")
    }

    /// The alerts Alertmanager lists (`GET /api/v2/alerts`: active, silenced, inhibited, unprocessed).
    public func alerts() throws -> [[String: Any]] {
        guard let answer = HTTP.get(baseURL.appendingPathComponent("api/v2/alerts")), answer.status == 200,
            let alerts = try JSONSerialization.jsonObject(with: answer.body) as? [[String: Any]]
        else { throw Failure("GET /api/v2/alerts failed") }
        return alerts
    }

    /// The `alert_id` annotations of the alerts Alertmanager lists (ParkStream's alert ids).
    public func listedAlertIDs() throws -> Set<String> {
        Set(try alerts().compactMap { ($0["annotations"] as? [String: String])?["alert_id"] })
    }

    /// A counter or gauge from `/metrics`, by its full series name with labels.
    public func metric(_ series: String) -> Double? {
        guard let answer = HTTP.get(baseURL.appendingPathComponent("metrics")) else { return nil }
        for line in String(decoding: answer.body, as: UTF8.self).split(separator: "\n")
        where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit {
        stop()
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        init(_ description: String) {
            self.description = description
        }
    }
}

/// Blocking HTTP GET for tests (a few seconds at most).
enum HTTP {
    static func get(_ url: URL) -> (status: Int, body: Data)? {
        let result = Box()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: url)
        request.timeoutInterval = 5
        URLSession.shared.dataTask(with: request) { data, response, _ in
            if let http = response as? HTTPURLResponse {
                result.value.withLock { $0 = (http.statusCode, data ?? Data()) }
            }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + .seconds(10))
        return result.value.withLock { $0 }
    }

    private final class Box: Sendable {
        let value = Mutex<(Int, Data)?>(nil)
    }
}
