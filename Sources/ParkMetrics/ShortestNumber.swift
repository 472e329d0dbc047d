/// Formats doubles in the shortest form that round-trips to the same value (ARCHITECTURE.md §7).
public enum ShortestNumber {
    /// `1`, `0.95`, `1e-07`, `-0.5`: Swift's shortest round-trip description, with integral values
    /// printed without a fractional part so that JSON and CSV readers see `1`, not `1.0`.
    public static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return value.description
    }
}
