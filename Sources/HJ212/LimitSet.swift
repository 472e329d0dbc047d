/// Discharge limits by HJ 212-2017 pollutant code: the pollutants a compliance judgement looks at.
public struct LimitSet: Hashable, Sendable {
    /// Limit by 2017 code (`w01018`).
    public var limits: [String: PollutantLimit]

    public init(_ limits: [String: PollutantLimit]) {
        self.limits = limits
    }

    /// GB 18918-2002 class 1-A daily maxima: COD 50, ammonia nitrogen 5, total phosphorus 0.5,
    /// total nitrogen 15 mg/L; pH 6–9. The default of every device.
    public static let gb18918Class1A = LimitSet([
        "w01018": PollutantLimit(max: 50),
        "w21003": PollutantLimit(max: 5),
        "w21011": PollutantLimit(max: 0.5),
        "w21001": PollutantLimit(max: 15),
        "w01001": PollutantLimit(min: 6, max: 9),
    ])

    /// GB 18918-2002 class 1-B: COD 60, ammonia nitrogen 8, total phosphorus 1, total nitrogen 20
    /// mg/L; pH 6–9.
    public static let gb18918Class1B = LimitSet([
        "w01018": PollutantLimit(max: 60),
        "w21003": PollutantLimit(max: 8),
        "w21011": PollutantLimit(max: 1),
        "w21001": PollutantLimit(max: 20),
        "w01001": PollutantLimit(min: 6, max: 9),
    ])

    /// The sets a devices file may name in `limits:`.
    public static let named: [String: LimitSet] = ["gb18918-1a": gb18918Class1A, "gb18918-1b": gb18918Class1B]
}
