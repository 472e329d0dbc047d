import ParkRules
import Testing

/// Every refused rules file, with its exact message.
@Suite("Refused rules files")
struct RuleRefusalTests {
    static let allFields =
        "id, metric, window, growth, when, clear, for, severity, parks, overrides, active_from, absent, due_day"

    static let cases: [(yaml: String, message: String)] = [
        // File level
        ("", "rules file: expected a mapping with a \"rules\" list"),
        ("- a\n- b\n", "rules file: expected a mapping with a \"rules\" list"),
        ("rulez: []\n", "rules file: unknown field \"rulez\" (fields: rules)"),
        ("{}\n", "rules file: rules: required"),
        ("rules: {id: x}\n", "rules file: rules: expected a list of rules"),
        ("rules: [3]\n", "rule 1: expected a mapping of fields"),
        // Ids
        ("rules: [{metric: heating_coverage, window: latest, when: '< 1'}]", "rule 1: id: required"),
        (
            "rules: [{id: a b, metric: heating_coverage}]",
            "rule 1: id: \"a b\" is not an id (letters, digits, '.', '_', '-', starting with a letter or digit, "
                + "at most 128 characters)"
        ),
        (
            "rules: [{id: y, metric: heating_coverage, window: latest, when: '< 1'},"
                + " {id: x, metric: heating_coverage, window: latest, when: '< 1'},"
                + " {id: x, metric: heating_coverage, window: latest, when: '< 1'}]",
            "rule \"x\": duplicate id (also rule 2)"
        ),
        // Field names
        (
            "rules: [{id: x, metric: wastewater_compliance, window: 24h, when: '< 1', thresold: 3}]",
            "rule \"x\": unknown field \"thresold\" (fields: \(allFields))"
        ),
        (
            "rules: [{id: x, metric: wastewater_compliance, metric: heating_coverage}]",
            "rule \"x\": duplicate field \"metric\""
        ),
        // Metric
        ("rules: [{id: x, window: 24h, when: '< 1'}]", "rule \"x\": metric: required"),
        ("rules: [{id: x, metric: foo, window: 24h, when: '< 1'}]", "rule \"x\": metric: unknown metric \"foo\""),
        (
            "rules: [{id: x, metric: [a], window: 24h, when: '< 1'}]",
            "rule \"x\": metric: expected a single value, not a list or mapping"
        ),
        // Rule kind
        (
            "rules: [{id: x, metric: wastewater_compliance, window: 24h, when: '< 1', absent: 2h}]",
            "rule \"x\": when and absent cannot be combined (a rule is either a threshold, with when, or a "
                + "completeness check, with absent or due_day)"
        ),
        (
            "rules: [{id: x, metric: wastewater_compliance, window: 24h}]",
            "rule \"x\": needs when (a threshold), absent or due_day (a completeness check)"
        ),
        // Windows
        (
            "rules: [{id: x, metric: wastewater_compliance, when: '< 1'}]",
            "rule \"x\": window: required for a threshold rule"
        ),
        (
            "rules: [{id: x, metric: wastewater_compliance, window: 3q, when: '< 1'}]",
            "rule \"x\": window: \"3q\" is not a duration (e.g. 30m, 24h, 7d) or one of day, month, ytd, latest"
        ),
        (
            "rules: [{id: x, metric: wastewater_compliance, window: 0h, when: '< 1'}]",
            "rule \"x\": window: a sliding window must be longer than 0 (got \"0h\")"
        ),
        (
            "rules: [{id: x, metric: wastewater_compliance, window: latest, when: '< 1'}]",
            "rule \"x\": window: latest is defined only for gauges (telemetry_gauge, monthly_gauge), not "
                + "wastewater_compliance (telemetry_rate)"
        ),
        (
            "rules: [{id: x, metric: added_value, window: 24h, when: '< 1'}]",
            "rule \"x\": window: 24h is defined only for telemetry (telemetry_rate, telemetry_gauge, telemetry_sum), "
                + "not added_value (monthly_amount)"
        ),
        (
            "rules: [{id: x, metric: energy_intensity, window: day, when: '< 1'}]",
            "rule \"x\": window: day is defined only for telemetry (telemetry_rate, telemetry_gauge, telemetry_sum), "
                + "not energy_intensity (derived_ratio)"
        ),
        (
            "rules: [{id: x, metric: employees, window: ytd, when: '< 1'}]",
            "rule \"x\": window: ytd is defined only for telemetry, monthly amounts and derived ratios "
                + "(telemetry_rate, telemetry_gauge, telemetry_sum, monthly_amount, derived_ratio), not employees "
                + "(monthly_gauge)"
        ),
        // Growth
        (
            "rules: [{id: x, metric: heating_coverage, window: ytd, growth: yoy, when: '< 1'}]",
            "rule \"x\": growth: yoy is defined only for sums, monthly amounts and derived ratios"
        ),
        (
            "rules: [{id: x, metric: wastewater_compliance, window: ytd, growth: yoy, when: '< 1'}]",
            "rule \"x\": growth: yoy is defined only for sums, monthly amounts and derived ratios"
        ),
        (
            "rules: [{id: x, metric: added_value, window: ytd, growth: qoq, when: '< 1'}]",
            "rule \"x\": growth: \"qoq\" is not a growth (expected yoy)"
        ),
        (
            "rules: [{id: x, metric: added_value, window: month, growth: yoy, when: '< 1'}]",
            "rule \"x\": growth: yoy needs window: ytd (year to date against the same months of last year), not month"
        ),
        // Conditions
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '<< 1'}]",
            "rule \"x\": when: \"<< 1\" is not a condition (expected an operator <, <=, >, >=, ==, != and a number)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: 0.95}]",
            "rule \"x\": when: \"0.95\" is not a condition (expected an operator <, <=, >, >=, ==, != and a number)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< nan'}]",
            "rule \"x\": when: \"< nan\" is not a condition (expected an operator <, <=, >, >=, ==, != and a number)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1e999'}]",
            "rule \"x\": when: \"< 1e999\" is not a condition (expected an operator <, <=, >, >=, ==, != and a number)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', clear: '=> 1'}]",
            "rule \"x\": clear: \"=> 1\" is not a condition (expected an operator <, <=, >, >=, ==, != and a number)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 0.95', clear: '< 0.99'}]",
            "rule \"x\": clear: \"< 0.99\" overlaps when \"< 0.95\" (a value would both fire and clear the alert)"
        ),
        (
            "rules:\n  - {id: x, metric: heating_coverage, window: latest, when: != 1}\n",
            "rule \"x\": when: write the condition in quotes (\"!= 1\"); unquoted, YAML reads \"!=\" as a tag"
        ),
        // for, severity, active_from
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', for: 1x}]",
            "rule \"x\": for: \"1x\" is not a duration (e.g. 30m, 24h, 7d, or 0)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', severity: high}]",
            "rule \"x\": severity: \"high\" is not a severity (expected info, warning or critical)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', active_from: 2017-10-31}]",
            "rule \"x\": active_from: \"2017-10-31\" is not an RFC 3339 time with an offset (e.g. "
                + "2017-10-31T00:00:00+08:00)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', "
                + "active_from: '2017-02-30T00:00:00+08:00'}]",
            "rule \"x\": active_from: \"2017-02-30T00:00:00+08:00\" is not an RFC 3339 time with an offset (e.g. "
                + "2017-10-31T00:00:00+08:00)"
        ),
        // Parks
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', parks: '*'}]",
            "rule \"x\": parks: expected a list of park ids, or [\"*\"] for every park"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', parks: []}]",
            "rule \"x\": parks: empty; expected a list of park ids, or [\"*\"] for every park"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', parks: [Bao Shan]}]",
            "rule \"x\": parks: \"Bao Shan\" is not a park id (^[a-z0-9][a-z0-9-]{0,63}$)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', parks: ['*', baoshan]}]",
            "rule \"x\": parks: \"*\" (every park) cannot be listed with park ids"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', parks: [baoshan, baoshan]}]",
            "rule \"x\": parks: \"baoshan\" is listed twice"
        ),
        // Overrides
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', overrides: [a]}]",
            "rule \"x\": overrides: expected a mapping from park id to {when, clear, for, severity}"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', parks: [baoshan], "
                + "overrides: {qixian: {when: '< 0.9'}}}]",
            "rule \"x\": overrides: qixian: not in parks"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', overrides: {baoshan: {wen: '< 1'}}}]",
            "rule \"x\": overrides: baoshan: unknown field \"wen\" (fields: when, clear, for, severity)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', overrides: {baoshan: 3}}]",
            "rule \"x\": overrides: baoshan: expected a mapping with when, clear, for or severity"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 1', overrides: {baoshan: {when: '<'}}}]",
            "rule \"x\": overrides: baoshan: when: \"<\" is not a condition (expected an operator <, <=, >, >=, ==, != "
                + "and a number)"
        ),
        (
            "rules: [{id: x, metric: heating_coverage, window: latest, when: '< 0.95', clear: '>= 0.97', "
                + "overrides: {baoshan: {clear: '>= 0.9'}}}]",
            "rule \"x\": overrides: baoshan: clear: \">= 0.9\" overlaps when \"< 0.95\" (a value would both fire and "
                + "clear the alert)"
        ),
        // Completeness
        (
            "rules: [{id: x, metric: added_value, absent: 2h}]",
            "rule \"x\": absent: defined only for telemetry (telemetry_rate, telemetry_gauge, telemetry_sum), not "
                + "added_value (monthly_amount)"
        ),
        (
            "rules: [{id: x, metric: wastewater_compliance, absent: 2}]",
            "rule \"x\": absent: \"2\" is not a duration (e.g. 30m, 2h, 1d)"
        ),
        ("rules: [{id: x, metric: wastewater_compliance, absent: 0s}]", "rule \"x\": absent: must be longer than 0"),
        (
            "rules: [{id: x, metric: wastewater_compliance, absent: 2h, window: 24h}]",
            "rule \"x\": window: not used by a completeness rule (absent); its fields: id, metric, absent, severity, "
                + "parks, active_from"
        ),
        (
            "rules: [{id: x, metric: added_value, due_day: 31}]",
            "rule \"x\": due_day: \"31\" is not a day of the month from 1 to 28"
        ),
        (
            "rules: [{id: x, metric: added_value, due_day: 0}]",
            "rule \"x\": due_day: \"0\" is not a day of the month from 1 to 28"
        ),
        (
            "rules: [{id: x, metric: wastewater_compliance, due_day: 10}]",
            "rule \"x\": due_day: defined only for monthly statistics (monthly_amount, monthly_gauge), not "
                + "wastewater_compliance (telemetry_rate)"
        ),
        (
            "rules: [{id: x, metric: added_value, due_day: 10, absent: 2h}]",
            "rule \"x\": absent and due_day cannot be combined (a rule is either a threshold, with when, or a "
                + "completeness check, with absent or due_day)"
        ),
        (
            "rules: [{id: x, metric: added_value, due_day: 10, for: 1h}]",
            "rule \"x\": for: not used by a completeness rule (due_day); its fields: id, metric, due_day, severity, "
                + "parks, active_from"
        ),
    ]

    @Test("a refused file gives its exact message", arguments: cases)
    func refused(yaml: String, message: String) {
        #expect(throws: RuleError.self) { try RuleSet(yaml: yaml) }
        do {
            _ = try RuleSet(yaml: yaml)
        } catch {
            #expect(error.reason == message)
            #expect(error.code == .invalid)
        }
    }

    @Test("a YAML syntax error names line and column")
    func syntax() throws {
        let yaml = "rules:\n  - id: x\n    when: \"< 1\n"
        let error = try #require(throws: RuleError.self) { try RuleSet(yaml: yaml) }
        #expect(error.code == .syntax)
        #expect(error.line != nil && error.column != nil)
        #expect(error.reason.hasPrefix("rules file: line \(error.line ?? 0), column \(error.column ?? 0): "))
    }

    @Test("an unquoted > condition is a YAML block scalar: the message says to quote it")
    func unquotedGreater() throws {
        let yaml = "rules:\n  - id: x\n    metric: heating_coverage\n    window: latest\n    when: > 0.95\n"
        let error = try #require(throws: RuleError.self) { try RuleSet(yaml: yaml) }
        #expect(error.code == .syntax)
        #expect(error.line == 5)
        #expect(error.reason.hasPrefix("rules file: line 5, column "))
        #expect(error.reason.hasSuffix("(quote a condition that starts with > or |, e.g. when: \"> 0.95\")"))
    }

    @Test("validation errors carry the line of the offending value")
    func lineOfValue() throws {
        let yaml = "rules:\n  - id: x\n    metric: foo\n    window: 24h\n    when: \"< 1\"\n"
        let error = try #require(throws: RuleError.self) { try RuleSet(yaml: yaml) }
        #expect(error.line == 3)
        #expect(error.reason == "rule \"x\": metric: unknown metric \"foo\"")
    }
}
