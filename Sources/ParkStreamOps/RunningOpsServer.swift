/// An ops server started by ``OpsServer/start(timeout:)``; ``stop()`` ends it.
///
/// The server runs in one task whose handle this object keeps: `stop()` cancels it and waits until
/// `run` has returned, so no task, channel or event-loop work outlives the call. Waiting uses a
/// condition variable (no semaphore, no polling) and blocks the caller, so call `stop()` from a
/// plain thread (the worker's, `main`), never from inside Swift concurrency's cooperative pool.
public final class RunningOpsServer: Sendable {
    /// The port the server listens on (the system's pick when the configuration said 0).
    public let port: Int
    private let task: Task<Void, Never>
    private let finished: Latch<Void>

    init(port: Int, task: Task<Void, Never>, finished: Latch<Void>) {
        self.port = port
        self.task = task
        self.finished = finished
    }

    /// Cancels the server and returns once it has closed its port. Calling it again returns at once.
    public func stop() {
        task.cancel()
        _ = finished.wait()
    }
}

extension OpsServer {
    /// Starts the server in a task and returns once it listens, from synchronous code.
    /// Throws ``OpsServerError`` when the address cannot be bound or it is not up within `timeout`.
    public func start(timeout: Duration = .seconds(10)) throws -> RunningOpsServer {
        let bound = Latch<Result<Int, OpsServerError>>()
        let finished = Latch<Void>()
        let server = self
        let address = "\(configuration.host):\(configuration.port)"
        // Unstructured on purpose, with its handle kept: synchronous callers have no task group.
        // RunningOpsServer.stop() cancels it and waits for it to end.
        let task = Task.detached {
            do {
                try await server.run { port in bound.set(.success(port)) }
                bound.set(.failure(OpsServerError(code: .bindFailed, reason: "\(address): stopped before listening")))
            } catch {
                bound.set(.failure(OpsServerError(code: .bindFailed, reason: "\(address): \(error)")))
            }
            finished.set(())
        }
        guard let result = bound.wait(timeout: timeout) else {
            task.cancel()
            _ = finished.wait()
            throw OpsServerError(code: .startTimedOut, reason: "\(address): not listening after \(timeout)")
        }
        switch result {
        case .success(let port):
            return RunningOpsServer(port: port, task: task, finished: finished)
        case .failure(let error):
            _ = finished.wait()
            throw error
        }
    }
}
