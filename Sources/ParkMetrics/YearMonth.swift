/// A calendar month, as in an event's `period` (`YYYY-MM`).
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1 through 12.
    public let month: Int

    /// Nil unless `month` is 1…12 and `year` is 1…9999.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// Months since year 0, so months compare and subtract as integers.
    public var ordinal: Int { year * 12 + (month - 1) }

    /// The month `ordinal` counts to.
    public init(ordinal: Int) {
        self.year = ordinal / 12
        self.month = ordinal % 12 + 1
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
