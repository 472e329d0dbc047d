import ParkMetrics

/// Why a partition pipeline checkpoint cannot be restored.
public struct PipelineCheckpointError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable kind.
    public enum Code: String, Hashable, Sendable {
        /// The bytes do not start with the pipeline checkpoint magic.
        case badMagic = "bad_magic"
        /// A format version this build does not read (of the pipeline, or of the engine inside it).
        case unsupportedVersion = "unsupported_version"
        /// The bytes end before the checkpoint does.
        case truncated
        /// The trailing checksum does not match: the bytes were damaged.
        case checksumMismatch = "checksum_mismatch"
        /// Well-framed but inconsistent content.
        case corrupt
        /// The rules given are not the rules the checkpoint was written with (`reason` names the
        /// rules added, removed and changed). Restoring would mix two rule sets' states.
        case rulesChanged = "rules_changed"
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

    /// Never: the same bytes and rules fail the same way.
    public var isRetriable: Bool { false }
    /// Always: this checkpoint cannot be used; replay the partition from an earlier offset instead.
    public var isFatal: Bool { true }

    /// `code: reason`.
    public var description: String { "\(code.rawValue): \(reason)" }
}

extension PipelineCheckpointError: BinaryReadingFailure {
    /// A `.truncated` error explained by `reason`.
    package static func truncated(_ reason: String) -> PipelineCheckpointError { .init(.truncated, reason) }

    /// A `.corrupt` error explained by `reason`.
    package static func corrupt(_ reason: String) -> PipelineCheckpointError { .init(.corrupt, reason) }
}
