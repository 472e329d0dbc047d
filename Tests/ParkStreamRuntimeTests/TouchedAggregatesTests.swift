import ParkMetrics
import Testing

@testable import ParkStreamRuntime

@Suite("touched aggregates")
struct TouchedAggregatesTests {
    private let parks = ["qibin", "baoshan", "jinshan"].compactMap(ParkID.init(rawValue:))

    @Test("a metric marks itself and the derived ratios over it; parks by index; ordered by park, then metric")
    func marksMetricsAndRatios() {
        var touched = TouchedAggregates()
        touched.touch(parkIndex: 2, metric: .wastewaterCompliance)
        touched.touch(parkIndex: 0, metric: .addedValue)
        touched.touch(parkIndex: 0, metric: .addedValue)
        let expected: [(String, Metric)] = [
            ("jinshan", .wastewaterCompliance),
            // added value is the denominator of three ratios
            ("qibin", .addedValue), ("qibin", .energyIntensity), ("qibin", .rdIntensity),
            ("qibin", .leadingIndustryVaShare),
        ]
        let items = touched.items(parks: parks)
        #expect(items.map(\.park.rawValue) == expected.map(\.0))
        #expect(items.map(\.metric) == expected.map(\.1))
    }

    @Test("every metric's marks equal the ratios that name it as numerator or denominator")
    func eachMetricMatchesTheCatalog() {
        for metric in Metric.allCases {
            var touched = TouchedAggregates()
            touched.touch(parkIndex: 1, metric: metric)
            let ratios = Metric.allCases.filter { $0.numerator == metric || $0.denominator == metric }
            #expect(Set(touched.items(parks: parks).map(\.metric)) == Set([metric] + ratios), "\(metric)")
            #expect(touched.items(parks: parks).allSatisfy { $0.park.rawValue == "baoshan" })
        }
    }

    @Test("cleared after a checkpoint takes them")
    func removeAllClears() {
        var touched = TouchedAggregates()
        touched.touch(parkIndex: 0, metric: .energyConsumption)
        touched.removeAll()
        #expect(touched.items(parks: parks).isEmpty)
        touched.touch(parkIndex: 1, metric: .heatingCoverage)
        #expect(touched.items(parks: parks).map(\.metric) == [.heatingCoverage])
    }
}
