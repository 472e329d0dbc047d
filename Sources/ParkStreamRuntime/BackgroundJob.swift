import Dispatch

/// Work started on another thread now and waited for later: the one way ParkStream overlaps two
/// phases (a worker's next poll with the batch before it, publish's sending of one window with the
/// validation of the next).
///
/// `@unchecked Sendable`: `result` is written once by the job and read only after `wait()` has
/// waited for that write; what `work` captures is the caller's to leave alone until then.
final class BackgroundJob<Result>: @unchecked Sendable {
    private var result: Result?
    private let done = DispatchGroup()

    init(_ work: @escaping () -> Result) {
        nonisolated(unsafe) let work = work
        done.enter()
        DispatchQueue.global().async { [self] in
            result = work()
            done.leave()
        }
    }

    /// Waits for the work to end and returns what it made.
    func wait() -> Result {
        done.wait()
        guard let result else { preconditionFailure("a finished job has its result") }
        return result
    }
}
