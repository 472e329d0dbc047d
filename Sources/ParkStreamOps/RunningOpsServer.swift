import Logging
import ServiceLifecycle

/// An ops server started by ``OpsServer/start(timeout:)``; ``stop()`` ends it.
///
/// The server runs in one task whose handle this object keeps, inside a `ServiceGroup`. `stop()`
/// asks that group for a graceful shutdown (open requests finish) through an `AsyncStream` — a
/// non-blocking hand-off from synchronous code, no semaphore — then waits until the task has
/// ended, so no task, channel or event-loop work outlives the call. If the shutdown takes longer
/// than `stopTimeout`, the task is cancelled. Waiting blocks the caller on a condition variable:
/// call `start()` and `stop()` from a plain thread (the worker's, `main`), never from a thread of
/// Swift concurrency's cooperative pool, which the server itself needs to make progress.
public final class RunningOpsServer: Sendable {
    /// The port the server listens on (the system's pick when the configuration said 0).
    public let port: Int
    /// How long ``stop()`` lets the graceful shutdown take before it cancels the server.
    public let stopTimeout: Duration
    private let task: Task<Void, Never>
    private let stopRequests: AsyncStream<Void>.Continuation
    private let finished: Latch<Void>

    init(
        port: Int, stopTimeout: Duration, task: Task<Void, Never>, stopRequests: AsyncStream<Void>.Continuation,
        finished: Latch<Void>
    ) {
        self.port = port
        self.stopTimeout = stopTimeout
        self.task = task
        self.stopRequests = stopRequests
        self.finished = finished
    }

    /// Shuts the server down gracefully and returns once its port is closed. Calling it again
    /// returns at once.
    public func stop() {
        stopRequests.yield()
        stopRequests.finish()
        if finished.wait(timeout: stopTimeout) == nil {
            task.cancel()
            _ = finished.wait()
        }
    }
}

extension OpsServer {
    /// Starts the server in a task and returns once it listens, from synchronous code (see
    /// ``RunningOpsServer`` for where this may be called). Throws ``OpsServerError`` when the
    /// address cannot be bound or the server is not up within `timeout`.
    public func start(timeout: Duration = .seconds(10), stopTimeout: Duration = .seconds(5)) throws
        -> RunningOpsServer
    {
        let bound = Latch<Result<Int, OpsServerError>>()
        let finished = Latch<Void>()
        let (stopRequests, stopper) = AsyncStream.makeStream(of: Void.self)
        let service = BoundOpsService(server: self) { port in bound.set(.success(port)) }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [service], logger: logger))
        let address = "\(configuration.host):\(configuration.port)"
        // Unstructured on purpose, with its handle kept: synchronous callers have no task group.
        // RunningOpsServer.stop() ends it and waits for it.
        let task = Task.detached {
            do {
                try await Self.run(group, until: stopRequests)
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
            return RunningOpsServer(
                port: port, stopTimeout: stopTimeout, task: task, stopRequests: stopper, finished: finished)
        case .failure(let error):
            _ = finished.wait()
            throw error
        }
    }

    /// Runs `group` until it ends by itself or a stop request arrives, then shuts it down gracefully.
    private static func run(_ group: ServiceGroup, until stopRequests: AsyncStream<Void>) async throws {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            tasks.addTask {
                for await _ in stopRequests { break }
                // Cancelled: the group ended by itself (a bind failure) and needs no shutdown.
                guard !Task.isCancelled else { return }
                await group.triggerGracefulShutdown()
            }
            // Whichever ends first: the group (bind failure, shutdown done) or the stop watcher.
            try await tasks.next()
            try await tasks.next()
        }
    }
}
