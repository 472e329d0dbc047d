/// A pipeline restored from a checkpoint, and where its input resumes.
public struct RestoredPipeline: Sendable {
    /// The pipeline, in the state it had when the checkpoint was written.
    public var pipeline: PartitionPipeline
    /// The first input offset the checkpointed pipeline had not processed: continue from there.
    public var nextOffset: Int64
    /// The metadata given to `checkpoint(nextOffset:metadata:)`.
    public var metadata: String
}
