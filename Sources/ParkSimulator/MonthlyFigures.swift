import ParkMetrics

/// A park's monthly statistics for the history year and the live year, drawn once from the seed.
final class MonthlyFigures: Sendable {
    let park: ParkProfile
    /// Month ordinal of January of the history year.
    let firstMonth: Int
    private let addedValue: [Double]
    private let investment: [Double]
    private let revenue: [Double]

    /// Share of a year's added value in each month: the Spring Festival slows January and February,
    /// the year-end push lifts December.
    static let seasonality: [Double] = [
        0.070, 0.066, 0.083, 0.083, 0.084, 0.086, 0.084, 0.084, 0.086, 0.087, 0.090, 0.097,
    ]

    init(park: ParkProfile, historyYear: Int, seed: UInt64) {
        self.park = park
        self.firstMonth = historyYear * 12
        var random = SeededRandom(seed: seed, stream: "\(park.id)/statistics")
        var addedValue: [Double] = []
        var investment: [Double] = []
        var revenue: [Double] = []
        for year in 0..<2 {
            for month in 0..<12 {
                let base = park.monthlyAddedValue2016 * 12 * Self.seasonality[month]
                let history = year == 0
                let value = base * (history ? 1 : 1 + park.addedValueGrowth) * random.around(1, spread: 0.003)
                addedValue.append(value.rounded())
                let invest = base * 1.9 * (history ? 1 : 1 + park.investmentGrowth) * random.around(1, spread: 0.006)
                investment.append(invest.rounded())
                let sales = base * 3.3 * (history ? 1 : 1 + park.revenueGrowth) * random.around(1, spread: 0.003)
                revenue.append(sales.rounded())
            }
        }
        self.addedValue = addedValue
        self.investment = investment
        self.revenue = revenue
    }

    private func index(_ month: Int) -> Int? {
        let index = month - firstMonth
        return (0..<24).contains(index) ? index : nil
    }

    func addedValue(monthOrdinal month: Int) -> Double { index(month).map { addedValue[$0] } ?? 0 }
    func investment(monthOrdinal month: Int) -> Double { index(month).map { investment[$0] } ?? 0 }
    func revenue(monthOrdinal month: Int) -> Double { index(month).map { revenue[$0] } ?? 0 }

    /// Energy used in a month, tce: added value × the year's intensity.
    func energy(monthOrdinal month: Int) -> Double {
        guard let index = index(month) else { return 0 }
        let intensity = park.energyIntensity2016 * (index < 12 ? 1 : 1 + park.energyIntensityChange)
        return addedValue[index] * intensity
    }

    /// Year-to-date growth through `month` over the same months a year earlier (1–N月累计同比).
    func ytdGrowth(_ series: (Int) -> Double, through month: Int) -> Double {
        let january = month - month % 12
        var current = 0.0
        var previous = 0.0
        for ordinal in january...month {
            current += series(ordinal)
            previous += series(ordinal - 12)
        }
        return previous > 0 ? current / previous - 1 : 0
    }
}
