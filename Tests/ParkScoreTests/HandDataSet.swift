import ParkMetrics

/// A small data set whose scores are computed by hand in `HandComputedScoreTests`: three parks,
/// January 2016 and January 2017 only, so every content's cut-off month is 2017-01.
///
/// | metric (Jan) | alpha 2016 → 2017 | beta 2016 → 2017 | gamma 2016 → 2017 |
/// |---|---|---|---|
/// | added_value | 100 → 110 | 200 → 210 | 100 → 130 |
/// | fixed_asset_investment | 50 → 60 | 50 → 55 | 40 → 40 |
/// | employees | 1000 → 1100 | 2000 → 2000 | 500 → 600 |
/// | tax_revenue | 10 → 12 | 20 → 20 | 10 → (none: missing) |
/// | rd_expenditure | – → 2.2 | – → 2.1 | – → 3.9 |
/// | leading_industry_added_value | – → 55 | – → 105 | – → 91 |
/// | leading_industry_investment | – → 30 | – → 44 | – → 20 |
/// | external_capital_used | 10 → 20 | 10 → 10 | 0 → 5 |
/// | energy_consumption (telemetry) | 100 → 99 | 300 → 294 | 100 → 104 |
/// | wastewater_treatment_rate | → 0.9 | → 1.0 | → 0.8 |
/// | solid_waste_treatment_rate | → 1.0 | → 1.0 | (none: missing) |
/// | wastewater_compliance | → 1 (weight 3), 0 (weight 1) | → 1.0 | → 0.5 |
/// | idle_assets_revitalization | → 0.4 | → 0.2 | → 0.3 |
///
/// gamma's March 2016 added value, a month after the cut-off, must not count anywhere; alpha's
/// January 2017 added value is first reported as 105 and revised to 110 (the revision counts).
enum HandDataSet {
    static var ndjson: String {
        var lines: [String] = []
        // 2016 first: telemetry of 2016 after 2017's would be behind the park's watermark.
        for (park, energy) in [("alpha", 100.0), ("beta", 300), ("gamma", 100)] {
            lines.append(telemetry(park, "energy_consumption", "2016-01-15T10:00:00+08:00", energy))
        }
        let history: [(String, [(String, Double)])] = [
            (
                "alpha",
                [
                    ("added_value", 100), ("fixed_asset_investment", 50), ("employees", 1000), ("tax_revenue", 10),
                    ("external_capital_used", 10),
                ]
            ),
            (
                "beta",
                [
                    ("added_value", 200), ("fixed_asset_investment", 50), ("employees", 2000), ("tax_revenue", 20),
                    ("external_capital_used", 10),
                ]
            ),
            (
                "gamma",
                [
                    ("added_value", 100), ("fixed_asset_investment", 40), ("employees", 500), ("tax_revenue", 10),
                    ("external_capital_used", 0),
                ]
            ),
        ]
        for (park, figures) in history {
            for (metric, value) in figures { lines.append(monthly(park, metric, "2016-01", value)) }
        }
        lines.append(monthly("gamma", "added_value", "2016-03", 999))
        let current: [(String, [(String, Double)])] = [
            (
                "alpha",
                [
                    ("added_value", 105), ("fixed_asset_investment", 60), ("employees", 1100), ("tax_revenue", 12),
                    ("rd_expenditure", 2.2), ("leading_industry_added_value", 55),
                    ("leading_industry_investment", 30), ("external_capital_used", 20),
                    ("idle_assets_revitalization", 0.4),
                ]
            ),
            (
                "beta",
                [
                    ("added_value", 210), ("fixed_asset_investment", 55), ("employees", 2000), ("tax_revenue", 20),
                    ("rd_expenditure", 2.1), ("leading_industry_added_value", 105),
                    ("leading_industry_investment", 44), ("external_capital_used", 10),
                    ("idle_assets_revitalization", 0.2),
                ]
            ),
            (
                "gamma",
                [
                    ("added_value", 130), ("fixed_asset_investment", 40), ("employees", 600),
                    ("rd_expenditure", 3.9), ("leading_industry_added_value", 91),
                    ("leading_industry_investment", 20), ("external_capital_used", 5),
                    ("idle_assets_revitalization", 0.3),
                ]
            ),
        ]
        for (park, figures) in current {
            for (metric, value) in figures { lines.append(monthly(park, metric, "2017-01", value)) }
        }
        lines.append(monthly("alpha", "added_value", "2017-01", 110, revision: true))
        for (park, energy) in [("alpha", 99.0), ("beta", 294), ("gamma", 104)] {
            lines.append(telemetry(park, "energy_consumption", "2017-01-15T10:00:00+08:00", energy))
        }
        for (park, rate) in [("alpha", 0.9), ("beta", 1.0), ("gamma", 0.8)] {
            lines.append(telemetry(park, "wastewater_treatment_rate", "2017-01-15T11:00:00+08:00", rate))
        }
        for park in ["alpha", "beta"] {
            lines.append(telemetry(park, "solid_waste_treatment_rate", "2017-01-15T12:00:00+08:00", 1))
        }
        lines.append(telemetry("alpha", "wastewater_compliance", "2017-01-15T13:00:00+08:00", 1, weight: 3))
        lines.append(telemetry("alpha", "wastewater_compliance", "2017-01-15T13:05:00+08:00", 0, weight: 1))
        lines.append(telemetry("beta", "wastewater_compliance", "2017-01-15T13:00:00+08:00", 1))
        lines.append(telemetry("gamma", "wastewater_compliance", "2017-01-15T13:00:00+08:00", 0.5))
        return lines.joined(separator: "\n") + "\n"
    }

    static func monthly(_ park: String, _ metric: String, _ period: String, _ value: Double, revision: Bool = false)
        -> String
    {
        let observed = period.hasPrefix("2016") ? "2016-02-05T09:00:00+08:00" : "2017-02-05T09:00:00+08:00"
        let later = revision ? "2017-05-05T09:00:00+08:00" : observed
        return "{\"event_id\":\"\(park)-\(metric)-\(period)\(revision ? "-r1" : "")\",\"park_id\":\"\(park)\","
            + "\"metric\":\"\(metric)\",\"observed_at\":\"\(later)\",\"value\":\(ShortestNumber.format(value)),"
            + "\"period\":\"\(period)\"}"
    }

    static func telemetry(_ park: String, _ metric: String, _ at: String, _ value: Double, weight: Double = 1) -> String
    {
        "{\"event_id\":\"\(park)-\(metric)-\(at)\",\"park_id\":\"\(park)\",\"metric\":\"\(metric)\","
            + "\"observed_at\":\"\(at)\",\"value\":\(ShortestNumber.format(value)),\"weight\":"
            + "\(ShortestNumber.format(weight))}"
    }
}
