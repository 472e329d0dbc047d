/// How an input file of metric events is written.
public enum InputFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (ARCHITECTURE.md §4).
    case ndjson
    /// RFC 4180 with a header row of field names.
    case csv

    /// The format a file name suggests: `.csv` is CSV, anything else NDJSON.
    public static func guess(path: String) -> InputFormat {
        path.lowercased().hasSuffix(".csv") ? .csv : .ndjson
    }
}
