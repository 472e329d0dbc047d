extension PartitionEngine {
    /// The 64-bit checksum the engine's checkpoint format ends with, over `bytes`; other checkpoint
    /// formats of the package (the partition pipeline's) use it too, so there is one implementation.
    package static func checkpointChecksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBufferPointer { StringSet.fingerprint($0) }
    }
}
