import Dispatch
import Foundation

/// The partitions being processed on the other threads while the worker polls and writes outputs.
///
/// Each partition with records in flight has a lane: its state, and the slices handed to it, run
/// in order, one at a time, on the shared pool (per-partition order is what counts, ARCHITECTURE.md
/// §2). Lanes of different partitions run side by side, and a partition's next slice starts as soon
/// as its previous one ends. Batches ran through a barrier before (each waited for its slowest
/// partition before the next began), which left a core idle whenever one partition held most of a
/// batch, as happens on every catch-up: a broker's fetch response brings a megabyte of one
/// partition at a time.
///
/// Used from the worker thread. A lane's blocks touch only that lane's state; the worker thread
/// takes a lane's state back only in `drain`, after waiting for those blocks.
final class PartitionLanes: @unchecked Sendable {  // see above; `condition` guards the shared part.
    private final class Lane: @unchecked Sendable {  // `work` is the lane's blocks' until drained.
        var work: PartitionWork?
        let queue: DispatchQueue
        let group = DispatchGroup()

        init(work: PartitionWork, queue: DispatchQueue) {
            self.work = work
            self.queue = queue
        }
    }

    private let topic: String
    private let utcOffsetSeconds: Int
    private var lanes: [Int32: Lane] = [:]
    /// One serial queue per partition number, kept for the worker's life.
    private var queues: [Int32: DispatchQueue] = [:]
    /// Per open lane, the offset after its last record handed over.
    private(set) var ends: [Int32: Int64] = [:]
    /// Guards `finished` and `outstanding`; signalled whenever a slice ends.
    private let condition = NSCondition()
    private var finished: [PartitionSlice] = []
    private var outstanding = 0

    init(topic: String, utcOffsetSeconds: Int) {
        self.topic = topic
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The partitions with an open lane.
    var partitions: Dictionary<Int32, Int64>.Keys { ends.keys }

    /// Whether no lane is open.
    var isEmpty: Bool { lanes.isEmpty }

    /// Records handed over and not yet run.
    var outstandingRecords: Int { locked { outstanding } }

    /// Hands `slice` to its partition's lane. A partition without an open lane gets one with the
    /// state `open` gives up; a partition `open` has no state for (revoked meanwhile) drops the
    /// slice (returns false).
    func submit(_ slice: PartitionSlice, opening open: (Int32) -> PartitionWork?) -> Bool {
        let number = slice.number
        let lane: Lane
        if let existing = lanes[number] {
            lane = existing
        } else {
            guard let work = open(number) else { return false }
            lane = Lane(work: work, queue: queue(for: number))
            lanes[number] = lane
        }
        if let last = slice.records.last { ends[number] = slice.batch.records[last].offset + 1 }
        locked { outstanding += slice.records.count }
        let (topic, utcOffsetSeconds) = (topic, utcOffsetSeconds)
        lane.queue.async(group: lane.group) { [self] in
            var slice = slice
            if var work = lane.work.take() {
                slice.run(&work, topic: topic, utcOffsetSeconds: utcOffsetSeconds)
                lane.work = work
            }
            locked {
                finished.append(slice)
                outstanding -= slice.records.count
                condition.broadcast()
            }
        }
        return true
    }

    /// Waits until at most `limit` records handed over are still to run.
    func waitUntil(outstandingAtMost limit: Int) {
        condition.lock()
        defer { condition.unlock() }
        while outstanding > limit { condition.wait() }
    }

    /// The slices that ended since the last call, each partition's in order.
    func takeFinished() -> [PartitionSlice] {
        locked {
            defer { finished.removeAll() }
            return finished
        }
    }

    /// Waits until the lanes of `numbers` (nil: every lane) have run everything handed to them,
    /// closes them and hands back their partitions' state, with every slice ended meanwhile.
    func drain(_ numbers: Set<Int32>? = nil) -> (finished: [PartitionSlice], works: [Int32: PartitionWork]) {
        var works: [Int32: PartitionWork] = [:]
        for (number, lane) in lanes where numbers?.contains(number) ?? true {
            lane.group.wait()
            works[number] = lane.work.take()
            lanes[number] = nil
            ends[number] = nil
        }
        return (takeFinished(), works)
    }

    private func queue(for number: Int32) -> DispatchQueue {
        if let queue = queues[number] { return queue }
        let queue = DispatchQueue(label: "parkstream.partition-\(number)", target: .global())
        queues[number] = queue
        return queue
    }

    private func locked<Result>(_ body: () -> Result) -> Result {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}
