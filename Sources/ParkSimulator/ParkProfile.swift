import ParkMetrics

/// How one simulated park behaves: its size, its growth, and the shortfalls planted in it.
public struct ParkProfile: Sendable {
    public var id: ParkID
    /// The park's name in the plan.
    public var name: String
    /// Added value of an average month of 2016, in 10k yuan.
    public var monthlyAddedValue2016: Double
    /// Growth of added value, revenue and fixed-asset investment in 2017 over 2016.
    public var addedValueGrowth: Double
    public var revenueGrowth: Double
    public var investmentGrowth: Double
    /// Energy use per 10k yuan of added value in 2016 (tce), and its change in 2017.
    public var energyIntensity2016: Double
    public var energyIntensityChange: Double
    /// Wastewater monitors (`ww01`, `ww02`, …).
    public var monitors: Int
    /// Share of compliant wastewater samples on a normal day.
    public var compliance: Double
    /// Heating coverage on 2017-01-01 and the day it reaches its final level (day of 2017, 1-based).
    public var heatingStart: Double
    public var heatingFinal: Double
    public var heatingCompleteDay: Int
    public var employees2016: Double
    public var shortfalls: [Shortfall]

    /// A problem planted in the data, so that rules have something real to find.
    public enum Shortfall: Sendable, Hashable {
        /// Wastewater compliance sags to `rate` between two instants.
        case complianceSag(from: Timestamp, until: Timestamp, rate: Double)
        /// A monitor sends nothing between two instants.
        case silentMonitor(String, from: Timestamp, until: Timestamp)
        /// A month's statistics arrive on this day of the next month.
        case lateReport(YearMonth, day: Int)
    }
}

extension ParkProfile {
    /// The eight parks of the Hebi 2017 plan, with the shortfalls the tests look for:
    /// jinshan's compliance sags for four days in June; xunxian's heating stays at 85 % past the
    /// 2017-10-31 deadline; qixian's investment grows about 13 % (target ≈ 18 %); shancheng's August
    /// statistics arrive on 20 September (due by the 10th); qibin's only monitor, ww01, falls silent
    /// for 36 hours in September. The other three parks meet every target.
    public static let hebi: [ParkProfile] = [
        park("baoshan", "宝山循环经济产业集聚区", av: 52_000, growth: (0.125, 0.123, 0.21), intensity: 1.35),
        park(
            "jinshan", "金山产业集聚区", av: 61_000, growth: (0.124, 0.126, 0.205), intensity: 0.92,
            shortfalls: [.complianceSag(from: at(2017, 6, 5), until: at(2017, 6, 9), rate: 0.62)]),
        park(
            "xunxian", "浚县产业集聚区", av: 38_000, growth: (0.131, 0.126, 0.197), intensity: 0.78,
            heating: (0.62, 0.85)),
        park("qixian", "淇县产业集聚区", av: 41_000, growth: (0.122, 0.121, 0.131), intensity: 0.84),
        park(
            "qibin", "淇滨区产业集聚区", av: 47_000, growth: (0.122, 0.124, 0.226), intensity: 0.71, monitors: 1,
            shortfalls: [.silentMonitor("ww01", from: at(2017, 9, 12, 8), until: at(2017, 9, 13, 20))]),
        park(
            "shancheng", "山城区产业集聚区", av: 29_000, growth: (0.121, 0.122, 0.192), intensity: 1.12,
            shortfalls: [.lateReport(YearMonth(ordinal: 2017 * 12 + 7), day: 20)]),
        park("kaifaqu", "鹤壁经济技术开发区", av: 73_000, growth: (0.141, 0.133, 0.238), intensity: 0.66),
        park("chengxiang", "城乡一体化示范区", av: 24_000, growth: (0.123, 0.124, 0.214), intensity: 0.58),
    ]

    private static func park(
        _ id: String, _ name: String, av: Double, growth: (Double, Double, Double), intensity: Double,
        monitors: Int = 2, heating: (Double, Double) = (0.7, 1.0), shortfalls: [Shortfall] = []
    ) -> ParkProfile {
        guard let parkID = ParkID(rawValue: id) else { preconditionFailure("not a park id: \(id)") }
        return ParkProfile(
            id: parkID, name: name, monthlyAddedValue2016: av, addedValueGrowth: growth.0,
            revenueGrowth: growth.1, investmentGrowth: growth.2, energyIntensity2016: intensity,
            energyIntensityChange: -0.052, monitors: monitors, compliance: 0.999, heatingStart: heating.0,
            heatingFinal: heating.1, heatingCompleteDay: 288, employees2016: av / 2.6, shortfalls: shortfalls)
    }

    /// An instant in Hebi's zone (+08:00).
    public static func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0) -> Timestamp {
        ParkZone.shanghai.startOfDay(ParkZone.daysFromCivil(year: year, month: month, day: day)) + .seconds(hour * 3600)
    }
}
