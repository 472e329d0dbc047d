/// A calendar month, as in an event's `period` (`YYYY-MM`).
///
/// Kept as its ordinal in 4 bytes: every event carries an optional one, and events are copied
/// between the decoder, arrays and the pipeline (two `Int`s made it 17 bytes, 24 in an event).
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Months since year 0.
    private let months: Int32

    public var year: Int { Int(months) / 12 }
    /// 1 through 12.
    public var month: Int { Int(months) % 12 + 1 }

    /// Nil unless `month` is 1…12 and `year` is 1…9999.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.months = Int32(year * 12 + (month - 1))
    }

    /// Months since year 0, so months compare and subtract as integers.
    public var ordinal: Int { Int(months) }

    /// The month `ordinal` counts to (clamped to ±178 million years).
    public init(ordinal: Int) {
        self.months = Int32(clamping: ordinal)
    }

    /// The month after this one.
    public var next: YearMonth { YearMonth(ordinal: ordinal + 1) }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.ordinal < rhs.ordinal }

    /// `2017-06`.
    public var description: String {
        let y = String(year)
        let m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (month < 10 ? "0" : "") + m
    }
}
