import ParkMetrics

/// The engine's checkpoint reader reports short and inconsistent bytes as engine errors.
extension StreamEngineError: BinaryReadingFailure {
    /// A `.truncated` error explained by `reason`.
    package static func truncated(_ reason: String) -> StreamEngineError { StreamEngineError(.truncated, reason) }

    /// A `.corrupt` error explained by `reason`.
    package static func corrupt(_ reason: String) -> StreamEngineError { StreamEngineError(.corrupt, reason) }
}

/// The reader of engine checkpoints.
typealias EngineReader = BinaryReader<StreamEngineError>
