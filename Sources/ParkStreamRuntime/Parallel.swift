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
}
