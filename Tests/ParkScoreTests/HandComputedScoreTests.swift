import ParkMetrics
import ParkScore
import Testing

/// `HandDataSet` scored with the default weights, every figure computed by hand below.
///
/// Points of a content = indicator weight × share × (0.6 + 0.4 × t), t = (v − worst) / (best − worst)
/// among the parks that have a value (t = 1 when all are equal; lower is better for energy).
///
/// ```
/// content (weight × share)                 alpha                beta                gamma
/// I1 added_value (10 × ½ = 5)              110  t=0     3       210  t=1    5       130  t=.2   3.4
/// I1 added_value_yoy (5)                   .10  t=.2    3.4     .05  t=0    3       .30  t=1    5
/// I2 fixed_asset_investment (5)            60   t=1     5       55   t=.75  4.5     40   t=0    3
/// I2 fixed_asset_investment_yoy (5)        .20  t=1     5       .10  t=.5   4       0    t=0    3
/// I3 employees (5)                         1100 t=5/14  3.7142857  2000 t=1  5      600  t=0    3
/// I3 employees_yoy (5)                     .10  t=.5    4       0    t=0    3       .20  t=1    5
/// I4 tax_revenue (5)                       12   t=0     3       20   t=1    5       missing
/// I4 tax_revenue_yoy (5)                   .20  t=1     5       0    t=0    3       missing
/// I5 rd_intensity (10)                     2.2/110=.02 t=.5 8   2.1/210=.01 t=0 6   3.9/130=.03 t=1 10
/// I6 input_output_efficiency (10)          missing (no catalog metric)
/// I7 leading_industry_va_share (10)        55/110=.5 t=0 6      105/210=.5 t=0 6    91/130=.7 t=1 10
/// I8 leading_industry_investment_share (5) 30/60=.5 t=0 3       44/55=.8 t=1 5      20/40=.5 t=0 3
/// I8 external_capital_used (10 × ¼ = 2.5)  20   t=1     2.5     10   t=1/3  1.8333333  5  t=0  1.5
/// I8 external_capital_used_yoy (2.5)       1.0  t=1     2.5     0    t=0    1.5     missing (2016 was 0)
/// I9 energy_intensity (8 × ½ = 4, lower)   99/110=.9 t=5/6 3.7333333  294/210=1.4 t=0 2.4  104/130=.8 t=1 4
/// I9 energy_intensity_yoy (4, lower)       .9/1−1=−.1 t=.25 2.8  1.4/1.5−1=−1/15 t=0 2.4  .8/1−1=−.2 t=1 4
/// I10 wastewater_treatment_rate (6 × ⅓=2)  .9   t=.5    1.6     1.0  t=1    2       .8   t=0    1.2
/// I10 solid_waste_treatment_rate (2)       1.0  t=1     2       1.0  t=1    2       missing
/// I10 wastewater_compliance (2)            (1·3+0·1)/4=.75 t=.5 1.6  1.0 t=1 2      .5   t=0    1.2
/// I11 idle_assets_revitalization (6)       .4   t=1     6       .2   t=0    3.6     .3   t=.5   4.8
///
/// indicator points   alpha                 beta                  gamma
/// I1                 6.4                   8                     8.4
/// I2                 10                    8.5                   6
/// I3                 7.7142857             8                     8
/// I4                 8                     8                     missing
/// I5                 8                     6                     10
/// I6                 missing               missing               missing
/// I7                 6                     6                     10
/// I8                 8                     8.3333333             4.5
/// I9                 6.5333333             4.8                   8
/// I10                5.2                   6                     2.4
/// I11                6                     3.6                   4.8
/// score              71.8476190            67.2333333            62.1
/// rank               1                     2                     3
/// ```
@Suite("score on a hand-computed data set")
struct HandComputedScoreTests {
    static let scorecard: Scorecard = {
        var input = AssessmentInput()
        input.add(ndjson: HandDataSet.ndjson)
        return Scorer.score(Measurements(input: input, year: 2017), weights: .standard)
    }()

    static func park(_ id: String) throws -> ParkResult {
        try #require(scorecard.parks.first { $0.parkID.rawValue == id })
    }

    static func close(_ actual: Double?, _ expected: Double) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) < 1e-9
    }

    @Test func theRankingAndScoresAreTheHandComputedOnes() throws {
        let parks = Self.scorecard.parks
        #expect(parks.map(\.parkID.rawValue) == ["alpha", "beta", "gamma"])
        #expect(parks.map(\.rank) == [1, 2, 3])
        // I3 = 3 + 5/7 + 4 and I9 = 3.2 + 1.6/3 + 2.8 are the only non-decimal sums of alpha.
        let indicators: [Double] = [6.4, 10, 3 + 5.0 / 7 + 4, 8, 8, 6, 8, 3.2 + 1.6 / 3 + 2.8, 5.2, 6]
        #expect(Self.close(parks[0].score, indicators.reduce(0, +)))
        #expect(Self.close(parks[0].score, 71.847_619_047_619_05))
        #expect(Self.close(parks[1].score, 67.233_333_333_333_33))
        #expect(Self.close(parks[2].score, 62.1))
    }

    @Test func everyIndicatorEarnsTheHandComputedPoints() throws {
        let expected: [String: [Double?]] = [
            "alpha": [6.4, 10, 3 + 5.0 / 7 + 4, 8, 8, nil, 6, 8, 3.2 + 1.6 / 3 + 2.8, 5.2, 6],
            "beta": [8, 8.5, 8, 8, 6, nil, 6, 5 + 1.5 + 1.0 / 3 + 1.5, 4.8, 6, 3.6],
            "gamma": [8.4, 6, 8, nil, 10, nil, 10, 4.5, 8, 2.4, 4.8],
        ]
        for (id, points) in expected {
            let park = try Self.park(id)
            for (indicator, want) in zip(park.indicators, points) {
                if let want {
                    #expect(Self.close(indicator.points, want), "\(id) \(indicator.indicator.id)")
                } else {
                    #expect(indicator.points == nil, "\(id) \(indicator.indicator.id) is missing, not 0")
                }
            }
        }
    }

    @Test func contentValuesAreTheHandComputedOnes() throws {
        let alpha = try Self.park("alpha")
        let values = Dictionary(
            uniqueKeysWithValues: alpha.indicators.flatMap(\.contents).map { ($0.content.id, $0.value) })
        // The revision (110) counts, not the first report (105).
        #expect(Self.close(values["added_value"] ?? nil, 110))
        #expect(Self.close(values["added_value_yoy"] ?? nil, 0.1))
        #expect(Self.close(values["employees_yoy"] ?? nil, 0.1))
        #expect(Self.close(values["rd_intensity"] ?? nil, 0.02))
        #expect(Self.close(values["energy_intensity"] ?? nil, 0.9))
        #expect(Self.close(values["energy_intensity_yoy"] ?? nil, -0.1))
        #expect(Self.close(values["wastewater_compliance"] ?? nil, 0.75))
        let gamma = try Self.park("gamma")
        let gammaValues = Dictionary(
            uniqueKeysWithValues: gamma.indicators.flatMap(\.contents).map { ($0.content.id, $0.value) })
        // March 2016 (999) is after the cut-off month's counterpart: growth is 130/100 − 1.
        #expect(Self.close(gammaValues["added_value_yoy"] ?? nil, 0.3))
        #expect(
            gamma.missing == [
                "tax_revenue", "tax_revenue_yoy", "input_output_efficiency", "external_capital_used_yoy",
                "solid_waste_treatment_rate",
            ])
        #expect(Self.scorecard.through["added_value"] == YearMonth(year: 2017, month: 1))
        #expect(Self.scorecard.through["input_output_efficiency"] == nil)
    }

    @Test func missingDataIsShownAsMissingInEveryFormat() throws {
        let json = Self.scorecard.json
        #expect(json.hasPrefix("{\"year\":2017,"))
        #expect(
            json.contains(
                "\"tax_revenue\":{\"weight\":10,\"points\":null,\"contents\":{\"tax_revenue\":{\"value\":null,\"points\":null}"
            ))
        #expect(json.contains("{\"park_id\":\"alpha\",\"rank\":1,\"score\":71.84761904761905,"))
        // Numbers in shortest round-trip form: gamma's 62.1 is summed as 62.099999999999994.
        let gammaTax = Self.scorecard.csv.split(separator: "\n").filter {
            $0.contains(",gamma,") && $0.contains(",tax_revenue,")
        }
        #expect(
            gammaTax == [
                "3,gamma,62.099999999999994,tax_revenue,10,,tax_revenue,tax_revenue,level,2017-01,,",
                "3,gamma,62.099999999999994,tax_revenue,10,,tax_revenue_yoy,tax_revenue,growth,2017-01,,",
            ])
        let table = Self.scorecard.table.split(separator: "\n").map(String.init)
        let gammaLine = try #require(table.first { $0.contains(" gamma ") })
        #expect(
            gammaLine.split(separator: " ") == [
                "3", "gamma", "62.10", "8.40", "6.00", "8.00", "—", "10.00", "—",
                "10.00", "4.50", "8.00", "2.40", "4.80",
            ])
        #expect(table.contains("missing for every park: input_output_efficiency"))
        #expect(
            table.contains(
                "missing for gamma: tax_revenue, tax_revenue_yoy, external_capital_used_yoy, solid_waste_treatment_rate"
            ))
    }
}
