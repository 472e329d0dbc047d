import Dispatch

/// Work started on another thread now and waited for later: the one way ParkStream overlaps two
/// phases (a worker's next poll with the batch before it, publish's sending of one window with the
/// validation of the next) and runs waiting work side by side (`Parallel.concurrently`).
///
/// `@unchecked Sendable`: `result` is written once by the job and taken only after `wait()` has
/// waited for that write; the input is handed over whole, and what `work` captures besides is the
/// caller's to leave alone until then.
final class BackgroundJob<Result>: @unchecked Sendable {
    private var result: Result?
    private let done = DispatchGroup()

    /// Runs `work` on `input` on `queue`. The input is moved to the job rather than copied: a copy
    /// kept by the closure would share every array inside it (a partition's whole state), and the
    /// job's first change to each would then duplicate it.
    init<Input>(
        _ input: consuming Input, on queue: DispatchQueue = .global(), _ work: @escaping (inout Input) -> Result
    ) {
        let handoff = Handoff(input)
        nonisolated(unsafe) let work = work
        done.enter()
        queue.async { [self] in
            var input = handoff.take()
            result = work(&input)
            done.leave()
        }
    }

    /// Waits for the work to end and hands over what it made; called once. The job keeps no copy,
    /// so the caller's is not shared (its first change would otherwise copy every array in it).
    func wait() -> Result {
        done.wait()
        guard let result = result.take() else { preconditionFailure("a job's result is taken once") }
        return result
    }
}

/// A value passed to another thread by moving it out of a box, so that no second reference stays.
private final class Handoff<Value>: @unchecked Sendable {  // taken once, by the one job given it
    private var value: Value?

    init(_ value: consuming Value) { self.value = consume value }

    func take() -> Value {
        guard let value = value.take() else { preconditionFailure("a handoff is taken once") }
        return value
    }
}
