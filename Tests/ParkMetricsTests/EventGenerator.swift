import ParkMetrics

/// Random valid events for property tests, covering awkward strings and numbers.
struct EventGenerator {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func event() -> MetricEvent {
        let metric = Metric.allCases.filter(\.kind.isPublishable).randomElement(using: &random) ?? .wastewaterCompliance
        let micros = Int64.random(in: -2_208_988_800_000_000...4_102_444_800_000_000, using: &random)
        let period =
            metric.kind.isMonthly
            ? YearMonth(year: Int.random(in: 1...9999, using: &random), month: Int.random(in: 1...12, using: &random))
            : nil
        return MetricEvent(
            eventID: EventID(text(length: 1...128)), parkID: parkID(), metric: metric,
            observedAt: Timestamp(microseconds: Bool.random(using: &random) ? micros : micros / 1_000_000 * 1_000_000),
            value: value(in: metric.range), weight: positive(), period: period,
            source: Bool.random(using: &random) ? text(length: 0...20) : nil)
    }

    /// An offset in whole minutes within ±23:59.
    mutating func offsetSeconds() -> Int { Int.random(in: -1439...1439, using: &random) * 60 }

    mutating func parkID() -> ParkID {
        let first = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let rest = first + ["-"]
        var text = String(first.randomElement(using: &random) ?? "a")
        for _ in 0..<Int.random(in: 0...63, using: &random) { text.append(rest.randomElement(using: &random) ?? "-") }
        return ParkID(rawValue: text) ?? ParkID(rawValue: "p")!
    }

    mutating func text(length: ClosedRange<Int>) -> String {
        var text = ""
        for _ in 0..<Int.random(in: length, using: &random) {
            let scalar: Unicode.Scalar?
            switch Int.random(in: 0..<10, using: &random) {
            case 0: scalar = Unicode.Scalar(UInt32.random(in: 0..<0x20, using: &random))
            case 1: scalar = ["\"", "\\", "/", "\u{7F}", "\u{2028}"].randomElement(using: &random)
            case 2: scalar = Unicode.Scalar(UInt32.random(in: 0x80..<0xD800, using: &random))
            case 3: scalar = Unicode.Scalar(UInt32.random(in: 0xE000...0x10FFFF, using: &random))
            default: scalar = Unicode.Scalar(UInt32.random(in: 0x20..<0x7F, using: &random))
            }
            text.unicodeScalars.append(scalar ?? "x")
        }
        return text
    }

    mutating func positive() -> Double {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return 1
        case 1: return Double(Int.random(in: 1...100_000, using: &random)) / 100
        case 2: return Double.random(in: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude, using: &random)
        default: return Double(bitPattern: UInt64.random(in: 1...0x7FEF_FFFF_FFFF_FFFF, using: &random))
        }
    }

    mutating func value(in range: ValueRange) -> Double {
        for _ in 0..<100 {
            let candidate: Double
            switch Int.random(in: 0..<5, using: &random) {
            case 0: candidate = Double(Int.random(in: 0...1000, using: &random)) / 1000
            case 1: candidate = Double.random(in: -1...1, using: &random)
            case 2: candidate = Double(Int.random(in: 0...10_000_000, using: &random)) / 10
            case 3:
                candidate =
                    [0, -0.0, 1, 0.95, .leastNonzeroMagnitude, 1e-7, 1e21, 9_007_199_254_740_992].randomElement(
                        using: &random) ?? 0
            default: candidate = positive() * (Bool.random(using: &random) ? 1 : -1)
            }
            if range.contains(candidate) { return candidate }
        }
        return 0.5
    }
}
