import Foundation
import ParkMetrics
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Posts alerts to Alertmanager's v2 API, synchronously (the sink's own thread waits for the answer).
struct AlertmanagerClient: Sendable {
    /// What became of one POST.
    enum Outcome: Sendable, Equatable {
        /// 2xx: Alertmanager has every alert of the batch.
        case accepted
        /// 400: Alertmanager validated the batch, kept the valid alerts and refused the rest for
        /// good (0.25 does so, answering with the first validation error); sending again cannot help.
        case refused(String)
        /// No answer, or one that may change (5xx, 404 behind a proxy, …): try again later.
        case failed(String)
    }

    let url: URL
    let timeout: Duration
    private let session: URLSession

    init(url: URL, timeout: Duration) {
        self.url = url
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout.inSeconds
        configuration.timeoutIntervalForResource = timeout.inSeconds
        session = URLSession(configuration: configuration)
    }

    /// The JSON body for `alerts`: an array, keys sorted so that bodies are stable.
    static func body(_ alerts: [AlertmanagerAlert]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(alerts)
    }

    /// POSTs `alerts` and waits for the answer (at most about `timeout`).
    func post(_ alerts: [AlertmanagerAlert]) -> Outcome {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        do {
            request.httpBody = try Self.body(alerts)
        } catch {
            return .refused("cannot encode alerts: \(error)")
        }
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            answer.outcome.withLock { $0 = Self.outcome(data: data, response: response, error: error) }
            done.signal()
        }
        task.resume()
        // URLSession enforces the timeout; the extra margin only guards against a lost callback.
        if done.wait(timeout: .now() + .seconds(Int(timeout.components.seconds) + 5)) == .timedOut {
            task.cancel()
            return .failed("no answer from \(url) within \(timeout)")
        }
        return answer.outcome.withLock { $0 } ?? .failed("no answer from \(url)")
    }

    /// The completion handler's result, handed to the waiting thread.
    private final class Answer: Sendable {
        let outcome = Mutex<Outcome?>(nil)
    }

    private static func outcome(data: Data?, response: URLResponse?, error: (any Error)?) -> Outcome {
        if let error { return .failed(error.localizedDescription) }
        guard let http = response as? HTTPURLResponse else { return .failed("not an HTTP response") }
        let text = String(decoding: (data ?? Data()).prefix(500), as: UTF8.self)
        switch http.statusCode {
        case 200..<300: return .accepted
        case 400: return .refused("HTTP 400: \(text)")
        default: return .failed("HTTP \(http.statusCode): \(text)")
        }
    }
}
