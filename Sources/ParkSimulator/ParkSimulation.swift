import ParkMetrics

/// The simulated metric events of the configured parks, in event-time order (ties in a fixed order),
/// the same for the same configuration on every machine.
public struct ParkSimulation: Sequence, Sendable {
    public let configuration: SimulationConfiguration

    public init(configuration: SimulationConfiguration) {
        self.configuration = configuration
    }

    public func makeIterator() -> Iterator {
        Iterator(streams: Self.streams(configuration))
    }

    /// Merges the streams by the time of their next event.
    public struct Iterator: IteratorProtocol {
        private var streams: [any EventStream]
        private var heap: [(time: Timestamp, stream: Int)] = []

        init(streams: [any EventStream]) {
            self.streams = streams
            for (index, stream) in streams.enumerated() {
                if let time = stream.nextTime { push((time, index)) }
            }
        }

        public mutating func next() -> MetricEvent? {
            guard let top = heap.first else { return nil }
            let stream = streams[top.stream]
            let event = stream.next()
            pop()
            if let time = stream.nextTime { push((time, top.stream)) }
            return event
        }

        private static func precedes(_ a: (time: Timestamp, stream: Int), _ b: (time: Timestamp, stream: Int)) -> Bool {
            (a.time, a.stream) < (b.time, b.stream)
        }

        private mutating func push(_ entry: (time: Timestamp, stream: Int)) {
            heap.append(entry)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.precedes(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }

        private mutating func pop() {
            heap.swapAt(0, heap.count - 1)
            heap.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, Self.precedes(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, Self.precedes(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }

    static func streams(_ configuration: SimulationConfiguration) -> [any EventStream] {
        let start = configuration.start
        let end = configuration.end
        let seed = configuration.seed
        var streams: [any EventStream] = []
        for (index, park) in configuration.parks.enumerated() {
            let historyYear = ParkZone.civil(fromDays: ParkZone.shanghai.localDay(of: configuration.historyStart)).year
            let figures = MonthlyFigures(park: park, historyYear: historyYear, seed: seed)
            streams.append(StatisticsStream(park: park, index: index, figures: figures, configuration: configuration))
            if configuration.includeHistory {
                streams.append(
                    // Hourly readings: dense enough that no `absent: 2h` rule fires on history.
                    EnergyStream(
                        park: park, source: "meter-history", statistics: figures, from: configuration.historyStart,
                        every: .seconds(3600), until: start, seed: seed))
            }
            streams.append(
                EnergyStream(
                    park: park, source: "meter", statistics: figures, from: start, every: configuration.energyInterval,
                    until: end, seed: seed))
            for monitor in 1...Swift.max(1, park.monitors) {
                let name = "ww" + (monitor < 10 ? "0" : "") + String(monitor)
                streams.append(
                    ComplianceStream(
                        park: park, source: name, from: start, every: configuration.wastewaterInterval, until: end,
                        seed: seed))
            }
            streams.append(
                TreatmentStream(
                    park: park, source: "wwtp", from: start, every: configuration.treatmentInterval, until: end,
                    seed: seed))
            streams.append(
                SolidWasteStream(
                    park: park, source: "swt", from: start + .seconds(20 * 3600), every: .seconds(86_400), until: end,
                    seed: seed))
            streams.append(
                HeatingStream(
                    park: park, source: "heat", from: start + .seconds(8 * 3600), every: .seconds(86_400), until: end,
                    seed: seed))
        }
        return streams
    }
}
