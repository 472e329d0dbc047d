import Foundation
import Logging
import ParkStreamOps
import ServiceLifecycle
import Testing

@Suite("ops server lifecycle", .serialized, .timeLimit(.minutes(2)))
struct OpsLifecycleTests {
    let logger = Logger(label: "ops-test")

    @Test("run() serves until its task is cancelled, then the port is closed")
    func runUntilCancelled() async throws {
        let server = OpsServer(state: OpsState(), configuration: OpsServerConfiguration(port: 0), logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let port = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run { continuation.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let answer1 = try await OpsHTTP.get("/healthz", port: port)
            #expect(answer1.status == 200)
            group.cancelAll()
            try await group.waitForAll()
            return port
        }
        await #expect(throws: (any Error).self) { try await OpsHTTP.get("/healthz", port: port) }
    }

    @Test("in a ServiceGroup, graceful shutdown closes the port and ends run()")
    func gracefulShutdown() async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let service = PortReporting(
            server: OpsServer(state: OpsState(), configuration: OpsServerConfiguration(port: 0), logger: logger),
            ports: continuation)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [service], logger: logger))
        let port = try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let reply = try await OpsHTTP.get("/healthz", port: port)
            #expect(reply.status == 200)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return port
        }
        await #expect(throws: (any Error).self) { try await OpsHTTP.get("/healthz", port: port) }
    }

    @Test("start()/stop() from a plain thread: listening after start, closed after stop")
    func startStop() async throws {
        let server = OpsServer(state: OpsState(), configuration: OpsServerConfiguration(port: 0), logger: logger)
        let running = try await OpsHTTP.onThread { try server.start() }
        let reply = try await OpsHTTP.get("/healthz", port: running.port)
        #expect(reply.status == 200)
        try await OpsHTTP.onThread {
            running.stop()
            running.stop()
        }
        await #expect(throws: (any Error).self) { try await OpsHTTP.get("/healthz", port: running.port) }
    }

    @Test("a port already taken is reported as bind-failed")
    func bindFailure() async throws {
        let logger = self.logger
        let code = try await OpsHTTP.onThread { () -> OpsServerError.Code? in
            let first = try OpsServer(
                state: OpsState(), configuration: OpsServerConfiguration(port: 0), logger: logger
            ).start()
            defer { first.stop() }
            let second = OpsServer(
                state: OpsState(), configuration: OpsServerConfiguration(port: first.port), logger: logger)
            do {
                try second.start().stop()
                return nil
            } catch let error as OpsServerError {
                return error.code
            }
        }
        #expect(code == .bindFailed)
    }

    @Test("--http addresses parse; the default is loopback:9464")
    func addresses() {
        #expect(OpsServerConfiguration().host == "127.0.0.1")
        #expect(OpsServerConfiguration().port == 9464)
        #expect(OpsServerConfiguration(address: "0.0.0.0:9000") == OpsServerConfiguration(host: "0.0.0.0", port: 9000))
        #expect(OpsServerConfiguration(address: ":0") == OpsServerConfiguration(port: 0))
        #expect(OpsServerConfiguration(address: "[::1]:9464") == OpsServerConfiguration(host: "::1"))
        #expect(OpsServerConfiguration(address: "localhost") == nil)
        #expect(OpsServerConfiguration(address: "localhost:70000") == nil)
    }
}

/// An ops server that hands its bound port to the test.
private struct PortReporting: Service {
    let server: OpsServer
    let ports: AsyncStream<Int>.Continuation

    func run() async throws {
        try await server.run { ports.yield($0) }
    }
}
