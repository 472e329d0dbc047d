import Foundation
import ParkMetrics
import ParkSimulator
import ParkStreamRuntime

/// Feeds simulated events to a sink, paced, until the simulation ends, `duration` passes or a
/// signal arrives; shared by `simulate` and `demo`.
struct SimulationDriver {
    var pacer: Pacer
    var duration: Double?
    let signals: SignalFlag
    let progress: Progress

    /// Returns how many events were written.
    mutating func drive(_ simulation: ParkSimulation, into sink: any SimulationSink) throws -> Int {
        let encoder = MetricEventEncoder()
        var count = 0
        for event in simulation {
            let wait = pacer.delay(before: event.observedAt)
            if wait > .zero {
                Thread.sleep(
                    forTimeInterval: Double(wait.components.attoseconds) / 1e18 + Double(wait.components.seconds))
            }
            if let duration, progress.elapsed >= duration { break }
            if signals.isRaised { break }
            try sink.write(event, encoded: encoder.encode(event))
            count += 1
            progress.update("\(Progress.count(count)) events, at \(ParkZone.shanghai.format(event.observedAt))")
        }
        return count
    }
}
