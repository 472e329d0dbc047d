import Foundation
import Synchronization

/// Notes SIGINT/SIGTERM so that a loop stops cleanly at its next step instead of dying mid-write.
final class SignalFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    // `nonisolated(unsafe)`: written once in init, then only kept alive.
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []

    init(_ signals: [Int32]) {
        for number in signals {
            // The default action would end the process; the source takes over instead.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.raised.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether one of the signals has arrived.
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
