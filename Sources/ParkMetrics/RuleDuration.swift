/// A duration as rules files, windows and command-line flags write it: a whole number and a unit,
/// `90s`, `30m`, `24h`, `7d` (or `0`).
///
/// Kept as whole seconds so that rules print back exactly as written in alert events.
public struct RuleDuration: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The length in seconds.
    public let seconds: Int64
    /// The text as written, normalized (`24h`, `0s`).
    public let text: String

    /// The longest duration a rule may name: ten years of days.
    public static let maximumSeconds: Int64 = 3650 * 86_400

    /// No time at all (`for` when absent).
    public static let zero = RuleDuration(seconds: 0, text: "0s")

    private init(seconds: Int64, text: String) {
        self.seconds = seconds
        self.text = text
    }

    /// Parses `<digits><s|m|h|d>` or `0`; nil for anything else or beyond ``maximumSeconds``.
    public init?(parsing text: String) {
        if text == "0" {
            self = .zero
            return
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, scalars.count <= 12, let unit = scalars.last else { return nil }
        let multiplier: Int64
        switch unit {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3600
        case "d": multiplier = 86_400
        default: return nil
        }
        var number: Int64 = 0
        for scalar in scalars.dropLast() {
            guard ("0"..."9").contains(scalar) else { return nil }
            number = number * 10 + Int64(scalar.value - 48)
            guard number <= Self.maximumSeconds else { return nil }
        }
        guard number * multiplier <= Self.maximumSeconds else { return nil }
        self.init(seconds: number * multiplier, text: String(number) + String(unit))
    }

    /// The length in microseconds, as ``Timestamp`` counts.
    public var microseconds: Int64 { seconds * 1_000_000 }

    /// The normalized text.
    public var description: String { text }

    /// Orders by length.
    public static func < (lhs: RuleDuration, rhs: RuleDuration) -> Bool { lhs.seconds < rhs.seconds }
}
