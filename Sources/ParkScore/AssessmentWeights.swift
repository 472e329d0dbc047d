import Foundation

/// The weight of each of the 11 indicators, in points; they add up to 100.
///
/// The file form (`--weights FILE`, YAML; `rules/assessment-weights.yaml` is the default):
/// ```yaml
/// weights:
///   added_value: 10
///   fixed_asset_investment: 10
///   # … one line per indicator id of `Indicator.all`
/// ```
/// Every indicator must be listed (0 leaves one out), no other key is allowed, each weight is a
/// finite number >= 0, and the weights add up to 100 (within 1e-9).
public struct AssessmentWeights: Sendable, Hashable {
    /// Points by indicator id.
    public private(set) var points: [String: Double]

    /// The weight of `indicator` (0 for an id the weights do not know).
    public subscript(indicator: String) -> Double { points[indicator] ?? 0 }

    /// Weights already checked (by the parser, or the default below).
    init(checked points: [String: Double]) {
        self.points = points
    }

    /// The default weights, the same as `rules/assessment-weights.yaml` (a test checks they agree).
    ///
    /// The table of per-indicator weights belonging to 附件1 is not in the text. Ten points for
    /// each indicator of the first three areas (8 indicators, 80 points: the text gives no reason
    /// to prefer one over another); the remaining 20 to conservation, of which energy intensity 8
    /// (the one indicator with a binding provincial target, −16 % over 2016–2020) and 6 each for
    /// treatment and idle assets. docs/assessment-score.md has the reasoning in full.
    public static let standard = AssessmentWeights(checked: [
        "added_value": 10, "fixed_asset_investment": 10, "employees": 10,
        "tax_revenue": 10, "rd_intensity": 10, "input_output_efficiency": 10,
        "leading_industry_va_share": 10, "leading_investment_and_external_capital": 10,
        "energy_intensity": 8, "waste_treatment_and_compliance": 6, "idle_assets_revitalization": 6,
    ])

    /// Parses and checks the YAML text of a weights file.
    public init(yaml: String) throws(ScoreError) {
        self = try WeightsParser.parse(yaml: yaml)
    }

    /// Reads, parses and checks the weights file at `path` (the module's only I/O).
    public static func load(path: String) throws(ScoreError) -> AssessmentWeights {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScoreError(code: .io, reason: "\(path) cannot be read as UTF-8 text: \(error)")
        }
        return try AssessmentWeights(yaml: text)
    }
}
