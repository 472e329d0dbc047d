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
    static func concurrently<Result>(_ count: Int, _ body: @escaping @Sendable (Int) -> Result) -> [Result] {
        let results = ResultSlots<Result>(count)
        let group = DispatchGroup()
        // A private concurrent queue may run more blocks at once than there are cores while they
        // wait (it targets an overcommitting pool); `forEach`'s `concurrentPerform` keeps to the cores.
        let queue = DispatchQueue(label: "parkstream.concurrently", attributes: .concurrent)
        for index in 0..<count {
            queue.async(group: group) { results.set(index, body(index)) }
        }
        group.wait()
        return results.values
    }
}

/// One slot per call of `Parallel.concurrently`, each written by its own call.
///
/// `@unchecked Sendable`: every index is written by exactly one block, and `values` is read only
/// after the group has waited for all of them.
private final class ResultSlots<Result>: @unchecked Sendable {
    private var slots: UnsafeMutableBufferPointer<Result?>

    init(_ count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Result) { slots[index] = value }

    var values: [Result] {
        let values = slots.compactMap { $0 }
        precondition(values.count == slots.count, "every slot is set before the values are read")
        return values
    }
}
