import Foundation
import ParkMetrics

extension NSCondition {
    /// Waits (the lock held) until signalled or until `deadline` of the continuous clock; false
    /// when the deadline passed.
    func wait(until deadline: ContinuousClock.Instant) -> Bool {
        wait(until: Date(timeIntervalSinceNow: max(0, (deadline - .now).inSeconds)))
    }
}
