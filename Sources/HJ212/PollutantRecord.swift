/// One pollutant's values in a CP: `w01018-Avg=12.5,w01018-Flag=N` gives code `w01018` with
/// values `Avg` and `Flag`.
public struct PollutantRecord: Hashable, Sendable {
    /// The code as the device sent it (`w01018`, or a 2005 code like `011`).
    public var code: String
    /// The HJ 212-2017 code (`011` becomes `w01018`).
    public var normalizedCode: String
    /// Field name (`Rtd`, `Avg`, `Min`, `Max`, `Cou`, `Flag`, …) to value text.
    public var values: [String: String]

    public init(code: String, values: [String: String] = [:]) {
        self.code = code
        self.normalizedCode = PollutantCode.normalized(code)
        self.values = values
    }

    /// The data flag (`N` normal, `F` stopped, `M` maintenance, `S` manual, `D` fault,
    /// `C` calibration, `T` over range, `B` communication fault), when sent.
    public var flag: String? { values["Flag"] }

    /// A field's value as a finite number; nil when absent or not a number.
    public func number(_ field: String) -> Double? {
        guard let text = values[field], let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
