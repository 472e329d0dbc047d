import NIOConcurrencyHelpers
import ParkMetrics

/// A value set once and waited for from synchronous code.
///
/// `@unchecked Sendable`: `value` is read and written only while holding `condition`'s lock, and
/// `condition` (NIO's `ConditionLock`, a pthread mutex and condition variable) is thread-safe.
final class Latch<Value: Sendable>: @unchecked Sendable {
    private let condition = ConditionLock(value: false)
    private var value: Value?

    /// Sets the value unless one is already set, and wakes the waiters.
    func set(_ newValue: Value) {
        condition.lock()
        if value == nil { value = newValue }
        condition.unlock(withValue: true)
    }

    /// The value, waiting for it at most `timeout`; nil when it did not come in time.
    func wait(timeout: Duration) -> Value? {
        guard condition.lock(whenValue: true, timeoutSeconds: timeout.inSeconds) else {
            return nil
        }
        defer { condition.unlock() }
        return value
    }

    /// The value, waiting for it as long as it takes.
    func wait() -> Value? {
        condition.lock(whenValue: true)
        defer { condition.unlock() }
        return value
    }
}
