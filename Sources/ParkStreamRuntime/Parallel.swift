import Dispatch

/// Work spread over every core, in one place: the worker's partitions of a batch, replay's
/// partitions and the parts of a file that replay and publish decode.
enum Parallel {
    /// Calls `body` once for each element of `items` (with its index), the calls spread over every
    /// core, and returns when all are done. Each call may change only its own element and read what
    /// nothing changes meanwhile; that contract is what makes sharing the buffer sound.
    static func forEach<Element>(_ items: inout [Element], _ body: (Int, inout Element) -> Void) {
        items.withUnsafeMutableBufferPointer { buffer in
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let shared = (buffer: buffer, body: body)
                DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                    shared.body(index, &shared.buffer[index])
                }
            }
        }
    }

    /// Calls `body` for every index of `0..<count` at once, each call on a thread of its own, and
    /// returns the results in index order: for work that mostly waits on the network (a partition's
    /// restore, a few broker round trips), which `forEach` would run only a core's worth at a time.
    static func concurrently<Result>(_ count: Int, _ body: @escaping (Int) -> Result) -> [Result] {
        // A private concurrent queue may run more blocks at once than there are cores while they
        // wait (it targets an overcommitting pool); `forEach`'s `concurrentPerform` keeps to the cores.
        let queue = DispatchQueue(label: "parkstream.concurrently", attributes: .concurrent)
        let jobs = (0..<count).map { index in BackgroundJob(index, on: queue) { body($0) } }
        return jobs.map { $0.wait() }
    }
}
