/// Why the engine refused something (today: a checkpoint it cannot restore).
public struct StreamEngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable kind.
    public enum Code: String, Hashable, Sendable {
        /// The bytes do not start with the checkpoint magic: not an engine checkpoint.
        case badMagic = "bad_magic"
        /// A checkpoint format version this build does not read (written by a newer release).
        case unsupportedVersion = "unsupported_version"
        /// The bytes end before the checkpoint does.
        case truncated
        /// The trailing checksum does not match: the bytes were damaged.
        case checksumMismatch = "checksum_mismatch"
        /// Well-framed but inconsistent content (bad park id, impossible counts, trailing bytes).
        case corrupt
    }

    /// The kind of failure.
    public var code: Code
    /// What was wrong, for people.
    public var reason: String

    /// An error of `code`, explained by `reason`.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// Never: the same bytes fail the same way.
    public var isRetriable: Bool { false }
    /// Always: the state cannot be used; fall back to an older checkpoint or a replay.
    public var isFatal: Bool { true }

    /// `code: reason`.
    public var description: String { "\(code.rawValue): \(reason)" }
}
