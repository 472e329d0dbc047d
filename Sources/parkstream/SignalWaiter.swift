import Foundation

/// Blocks the given signals for the whole process and waits for one of them synchronously, so a
/// command can shut down cleanly instead of being killed mid-write.
struct SignalWaiter {
    private var set = sigset_t()

    /// Blocks `signals` in this thread; threads started afterwards inherit the mask.
    init(_ signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits until one of the signals arrives and returns it.
    func wait() -> Int32 {
        var received: Int32 = 0
        var set = self.set
        while sigwait(&set, &received) != 0 {}
        return received
    }
}
