import Foundation
import Logging
import ParkStreamOps
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real HTTP client for the ops port, and a server started on a free loopback port.
enum OpsHTTP {
    /// One answer: status, body and content type.
    struct Reply {
        var status: Int
        var body: String
        var contentType: String?
    }

    /// `GET http://127.0.0.1:<port><path>`, with a bearer token when given.
    static func get(_ path: String, port: Int, token: String? = nil) async throws -> Reply {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
        var request = URLRequest(url: url)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return Reply(
            status: http.statusCode, body: String(decoding: data, as: UTF8.self),
            contentType: http.value(forHTTPHeaderField: "Content-Type"))
    }

    /// A server on port 0 over `state`, run by `OpsServer.run` in a task group and cancelled after `body`.
    /// (Not `start()`: that blocks its caller, which must not be a thread of the cooperative pool.)
    static func withServer<T: Sendable>(
        _ state: OpsState, token: String? = nil, _ body: (Int) async throws -> T
    ) async throws -> T {
        let configuration = OpsServerConfiguration(host: "127.0.0.1", port: 0, bearerToken: token)
        let server = OpsServer(state: state, configuration: configuration, logger: Logger(label: "ops-test"))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run { continuation.yield($0) } }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            return try await body(port)
        }
    }

    /// Runs blocking `work` on a thread of its own, as the worker would, and awaits its result.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// The body parsed as JSON.
    static func json(_ reply: Reply) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(reply.body.utf8))
    }
}
