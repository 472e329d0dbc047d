import Foundation
import ParkMetrics
import Testing

/// The generated `Metric` enum agrees with schemas/metric-catalog.v1.json, its source of truth.
@Suite("Metric catalog consistency")
struct CatalogConsistencyTests {
    static func catalog() throws -> [[String: Any]] {
        let url = URL(fileURLWithPath: TestSupport.repositoryRoot() + "/schemas/metric-catalog.v1.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return try #require(json?["metrics"] as? [[String: Any]])
    }

    static func bound(_ spec: [String: Any], _ inclusive: String, _ exclusive: String) -> ValueRange.Bound? {
        if let value = spec[inclusive] as? Double { return .inclusive(value) }
        if let value = spec[exclusive] as? Double { return .exclusive(value) }
        return nil
    }

    @Test func everyMetricAgreesWithTheCatalog() throws {
        let entries = try Self.catalog()
        #expect(entries.count == Metric.allCases.count)
        for (index, entry) in entries.enumerated() {
            let metric = try #require(Metric(rawValue: UInt8(index)))
            let name = try #require(entry["name"] as? String)
            #expect(metric.name == name)
            #expect(Metric(name: name) == metric)
            #expect(metric.unit == entry["unit"] as? String, "\(name)")
            #expect(metric.kind.rawValue == entry["kind"] as? String, "\(name)")
            #expect(metric.cadence == entry["cadence"] as? String, "\(name)")
            #expect(metric.numerator?.name == entry["numerator"] as? String, "\(name)")
            #expect(metric.denominator?.name == entry["denominator"] as? String, "\(name)")
            let range = entry["range"] as? [String: Any] ?? [:]
            let expected = ValueRange(
                lower: Self.bound(range, "min", "exclusiveMin"), upper: Self.bound(range, "max", "exclusiveMax"))
            #expect(metric.range == expected, "\(name)")
            #expect(metric.kind.isPublishable == (entry["kind"] as? String != "derived_ratio"))
        }
    }

    @Test func derivedMetricsAreRatiosOfPublishableOnes() {
        for metric in Metric.allCases where metric.kind == .derivedRatio {
            #expect(metric.numerator?.kind.isPublishable == true)
            #expect(metric.denominator?.kind.isPublishable == true)
        }
    }
}
