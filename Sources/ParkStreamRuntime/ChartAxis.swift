import Foundation

/// A value axis of a report chart: a range widened to round ticks (1, 2 or 5 × 10ⁿ apart).
struct ChartAxis: Hashable {
    var low: Double
    var high: Double
    var step: Double

    /// An axis covering `values` (at least one finite number) with about `ticks` intervals, kept
    /// inside `bounds` (a ratio's 0–1) where the values are.
    init(covering values: [Double], ticks: Int = 5, bounds: ClosedRange<Double>? = nil) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if high - low < 1e-12 {
            let pad = max(abs(low) * 0.05, 0.01)
            low -= pad
            high += pad
        }
        // A little room, so that a level on the edge is not drawn on the frame.
        let room = (high - low) * 0.04
        low -= room
        high += room
        if let bounds {
            low = max(low, min(bounds.lowerBound, finite.min() ?? low))
            high = min(high, max(bounds.upperBound, finite.max() ?? high))
        }
        let raw = (high - low) / Double(ticks)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        self.step = step
        var axisLow = (low / step).rounded(.down) * step
        var axisHigh = (high / step).rounded(.up) * step
        if let bounds {
            axisLow = max(axisLow, min(bounds.lowerBound, finite.min() ?? axisLow))
            axisHigh = min(axisHigh, max(bounds.upperBound, finite.max() ?? axisHigh))
        }
        self.low = axisLow
        self.high = axisHigh
    }

    /// The tick values from low to high.
    var ticks: [Double] {
        let count = Int(((high - low) / step).rounded())
        return (0...count).map { low + Double($0) * step }
    }

    /// Decimals that tell ticks `step × scale` apart.
    func decimals(scale: Double) -> Int {
        max(0, Int((-log10(step * scale)).rounded(.up)))
    }
}
