import Foundation
import ParkScore
import Testing

@Suite("weights file")
struct WeightsTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let valid = """
        weights:
          added_value: 10
          fixed_asset_investment: 10
          employees: 10
          tax_revenue: 10
          rd_intensity: 10
          input_output_efficiency: 10
          leading_industry_va_share: 10
          leading_investment_and_external_capital: 10
          energy_intensity: 8
          waste_treatment_and_compliance: 6
          idle_assets_revitalization: 6
        """

    static func refusal(_ yaml: String) -> ScoreError? {
        do {
            _ = try AssessmentWeights(yaml: yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test func theShippedFileEqualsTheBuiltInDefault() throws {
        let path = Self.repositoryRoot.appendingPathComponent("rules/assessment-weights.yaml").path
        let shipped = try AssessmentWeights.load(path: path)
        #expect(shipped == AssessmentWeights.standard)
        #expect(Indicator.all.map { shipped[$0.id] } == [10, 10, 10, 10, 10, 10, 10, 10, 8, 6, 6])
    }

    @Test func theDefaultCoversEveryIndicatorAndAddsUpTo100() {
        #expect(Set(AssessmentWeights.standard.points.keys) == Set(Indicator.all.map(\.id)))
        #expect(Indicator.all.reduce(0) { $0 + AssessmentWeights.standard[$1.id] } == 100)
        for indicator in Indicator.all {
            #expect(abs(indicator.contents.reduce(0) { $0 + $1.share } - 1) < 1e-12, "\(indicator.id)")
        }
        #expect(Indicator.all.count == 11)
        #expect(Set(Indicator.allContents.map(\.id)).count == Indicator.allContents.count)
    }

    @Test func aValidFileParses() throws {
        let weights = try AssessmentWeights(yaml: Self.valid)
        #expect(weights == .standard)
        let moved = try AssessmentWeights(
            yaml: Self.valid.replacingOccurrences(of: "input_output_efficiency: 10", with: "input_output_efficiency: 0")
                .replacingOccurrences(of: "added_value: 10", with: "added_value: 20"))
        #expect(moved["added_value"] == 20)
        #expect(moved["input_output_efficiency"] == 0)
    }

    @Test func anUnknownIndicatorIsRefusedWithItsLine() {
        let error = Self.refusal(Self.valid.replacingOccurrences(of: "employees:", with: "employes:"))
        #expect(error?.code == .invalid)
        #expect(error?.line == 4)
        #expect(
            error?.description.hasPrefix("weights file: line 4, column 3: weights: unknown indicator \"employes\"")
                == true)
    }

    @Test func weightsNotAddingUpTo100AreRefused() {
        let error = Self.refusal(
            Self.valid.replacingOccurrences(of: "energy_intensity: 8", with: "energy_intensity: 6"))
        #expect(error?.reason == "weights: the weights add up to 98, not 100")
    }

    @Test func aNegativeWeightIsRefused() {
        let error = Self.refusal(
            Self.valid.replacingOccurrences(of: "energy_intensity: 8", with: "energy_intensity: -2")
                .replacingOccurrences(of: "added_value: 10", with: "added_value: 20"))
        #expect(error?.reason == "weights: energy_intensity: -2 is negative (a weight must be >= 0)")
        #expect(error?.line == 10)
    }

    @Test func otherMistakesAreRefusedNamingTheFieldAndRule() {
        let cases: [(String, String)] = [
            (
                Self.valid.replacingOccurrences(of: "  employees: 10\n", with: ""),
                "weights: employees: required (every indicator needs a weight; 0 leaves one out)"
            ),
            (
                Self.valid.replacingOccurrences(of: "tax_revenue: 10", with: "tax_revenue: ten"),
                "weights: tax_revenue: \"ten\" is not a number"
            ),
            (
                Self.valid.replacingOccurrences(of: "tax_revenue: 10", with: "tax_revenue: .nan"),
                "weights: tax_revenue: \".nan\" is not a number"
            ),
            (Self.valid + "\n  added_value: 10", "weights: added_value: given twice"),
            (Self.valid + "\nversion: 2", "unknown key \"version\" (the file has one key, weights)"),
            ("weights: [1, 2]", "weights: expected a mapping of indicator id to points"),
            ("- 1", "expected a mapping with a \"weights\" mapping"),
        ]
        for (yaml, reason) in cases {
            let error = Self.refusal(yaml)
            #expect(error?.code == .invalid, "\(reason)")
            #expect(error?.reason == reason)
        }
        let syntax = Self.refusal("weights:\n  added_value: [10\n")
        #expect(syntax?.code == .syntax)
        #expect(syntax?.line != nil)
    }

    @Test func otherWeightsChangeTheRanking() throws {
        var input = AssessmentInput()
        input.add(ndjson: HandDataSet.ndjson)
        let measurements = Measurements(input: input, year: 2017)
        // All on conservation, where gamma (energy 8) beats alpha (energy 6.53) and beta (4.8).
        let yaml = Indicator.all.map { "  \($0.id): \($0.id == "energy_intensity" ? 100 : 0)" }.joined(separator: "\n")
        let card = Scorer.score(measurements, weights: try AssessmentWeights(yaml: "weights:\n" + yaml))
        #expect(card.parks.map(\.parkID.rawValue) == ["gamma", "alpha", "beta"])
        #expect(card.parks.first?.score == 100)
    }
}
