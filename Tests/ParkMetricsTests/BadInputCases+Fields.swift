extension BadInputCases {
    static let fields: [Case] = [
        field("event_id missing", "event_id", nil, "event_id: required"),
        field("park_id missing", "park_id", nil, "park_id: required"),
        field("metric missing", "metric", nil, "metric: required"),
        field("observed_at missing", "observed_at", nil, "observed_at: required"),
        field("value missing", "value", nil, "value: required"),
        text("empty object", "{}", "event_id: required"),
        field("event_id a number", "event_id", "123", "event_id: must be a string, not a number"),
        field("park_id null", "park_id", "null", "park_id: must be a string, not null"),
        field("metric an array", "metric", #"["wastewater_compliance"]"#, "metric: must be a string, not an array"),
        field("observed_at a number", "observed_at", "1496887200", "observed_at: must be a string, not a number"),
        field("value a string", "value", #""1""#, "value: must be a number, not a string"),
        field("value a boolean", "value", "true", "value: must be a number, not a boolean"),
        field("weight an object", "weight", "{}", "weight: must be a number, not an object"),
        field("source a number", "source", "7", "source: must be a string, not a number"),
        field("unit null", "unit", "null", "unit: must be a string, not null"),
        field("event_id empty", "event_id", #""""#, "event_id: must be 1 to 128 characters, got 0"),
        field(
            "event_id too long", "event_id", "\"" + String(repeating: "é", count: 129) + "\"",
            "event_id: must be 1 to 128 characters, got 129"),
        field(
            "park_id upper case", "park_id", #""JinShan""#,
            #"park_id: "JinShan" does not match ^[a-z0-9][a-z0-9-]{0,63}$"#),
        field(
            "park_id leading dash", "park_id", #""-jinshan""#,
            #"park_id: "-jinshan" does not match ^[a-z0-9][a-z0-9-]{0,63}$"#),
        field(
            "park_id too long", "park_id", "\"" + String(repeating: "a", count: 65) + "\"",
            "park_id: \"" + String(repeating: "a", count: 64) + "…\" does not match ^[a-z0-9][a-z0-9-]{0,63}$"),
        field(
            "unknown metric", "metric", #""water_quality""#,
            #"metric: unknown metric "water_quality" (see schemas/metric-catalog.v1.json)"#),
        field(
            "derived metric", "metric", #""energy_intensity""#,
            "metric: derived metric energy_intensity is not publishable"),
    ]

    static let values: [Case] = [
        field("value 1e400", "value", "1e400", "value: 1e400 is not a finite number"),
        field("value -1e400", "value", "-1e400", "value: -1e400 is not a finite number"),
        field(
            "value above a ratio's range", "value", "1.2",
            "value: 1.2 is outside the range of wastewater_compliance (must be >= 0 and <= 1)"),
        field(
            "value below a ratio's range", "value", "-0.01",
            "value: -0.01 is outside the range of wastewater_compliance (must be >= 0 and <= 1)"),
        monthly("negative amount", "value", "-5", "value: -5 is outside the range of added_value (must be >= 0)"),
        text(
            "growth of -100 %",
            TestSupport.replacing(
                "value", with: "-1",
                in: TestSupport.replacing("metric", with: #""added_value_growth""#, in: TestSupport.monthlyLine)),
            "value: -1 is outside the range of added_value_growth (must be > -1)"),
        field("weight 0", "weight", "0", "weight: 0 is not > 0"),
        field("weight negative", "weight", "-2.5", "weight: -2.5 is not > 0"),
        field("weight 1e400", "weight", "1e400", "weight: 1e400 is not a finite number"),
    ]

    static let time: [Case] = [
        field(
            "observed_at without offset", "observed_at", #""2017-06-08T10:00:00""#,
            "observed_at: 2017-06-08T10:00:00 has no offset (Z or ±hh:mm is required)"),
        field(
            "observed_at 30 February", "observed_at", #""2017-02-30T10:00:00+08:00""#,
            "observed_at: 2017-02-30T10:00:00+08:00 is not a real date"),
        field(
            "observed_at 29 February of a common year", "observed_at", #""2017-02-29T10:00:00+08:00""#,
            "observed_at: 2017-02-29T10:00:00+08:00 is not a real date"),
        field(
            "observed_at month 13", "observed_at", #""2017-13-01T10:00:00+08:00""#,
            "observed_at: 2017-13-01T10:00:00+08:00 is not a real date"),
        field(
            "observed_at hour 24", "observed_at", #""2017-06-08T24:00:00+08:00""#,
            "observed_at: 2017-06-08T24:00:00+08:00 is not a real time of day"),
        field(
            "observed_at leap second", "observed_at", #""2016-12-31T23:59:60Z""#,
            "observed_at: 2016-12-31T23:59:60Z has second 60 (leap seconds are not allowed)"),
        field(
            "observed_at a date only", "observed_at", #""2017-06-08""#,
            "observed_at: 2017-06-08 is not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ss[.frac] and Z or ±hh:mm)"),
        field(
            "observed_at with a space", "observed_at", #""2017-06-08 10:00:00+08:00""#,
            "observed_at: 2017-06-08 10:00:00+08:00 is not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ss[.frac] and Z or ±hh:mm)"
        ),
        field(
            "observed_at offset without colon", "observed_at", #""2017-06-08T10:00:00+0800""#,
            "observed_at: 2017-06-08T10:00:00+0800 is not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ss[.frac] and Z or ±hh:mm)"
        ),
        field(
            "observed_at offset out of range", "observed_at", #""2017-06-08T10:00:00+24:00""#,
            "observed_at: 2017-06-08T10:00:00+24:00 has an offset outside ±23:59"),
    ]

    static let period: [Case] = [
        monthly("period missing on a monthly metric", "period", nil, "period: required for monthly metric added_value"),
        field(
            "period on telemetry", "period", #""2017-06""#,
            "period: not allowed on telemetry metric wastewater_compliance"),
        monthly("period month 13", "period", #""2017-13""#, #"period: "2017-13" is not YYYY-MM with month 01-12"#),
        monthly("period month 00", "period", #""2017-00""#, #"period: "2017-00" is not YYYY-MM with month 01-12"#),
        monthly("period one-digit month", "period", #""2017-5""#, #"period: "2017-5" is not YYYY-MM with month 01-12"#),
        monthly("period a date", "period", #""2017-05-01""#, #"period: "2017-05-01" is not YYYY-MM with month 01-12"#),
        monthly("period a number", "period", "201705", "period: must be a string, not a number"),
    ]

    static let other: [Case] = [
        field(
            "unit mismatch", "unit", #""percent""#,
            #"unit: "percent" is not the unit of wastewater_compliance ("ratio")"#),
        monthly(
            "unit of another metric", "unit", #""tce""#, #"unit: "tce" is not the unit of added_value ("10k_yuan")"#),
        field("first rule broken wins", "event_id", nil, "event_id: required"),
    ]
}
