/// One unit of a device's byte stream, as the framer cut it: a packet (good or broken) or a run
/// of garbage. Every byte a device sends ends up in exactly one raw frame, in order.
public struct RawFrame: Hashable, Sendable {
    /// The bytes, verbatim (a packet's `##` through its CRLF).
    public var bytes: [UInt8]
    /// The framer's verdict: `ok`, `bad-checksum`, `bad-length`, `garbage` or `truncated`.
    public var verdict: FrameVerdict
    /// Why the frame is not `ok` (empty when it is).
    public var reason: String
    /// Where the data segment lies in `bytes`; set on `ok` frames only.
    public var dataSegment: Range<Int>?

    public init(bytes: [UInt8], verdict: FrameVerdict, reason: String = "", dataSegment: Range<Int>? = nil) {
        self.bytes = bytes
        self.verdict = verdict
        self.reason = reason
        self.dataSegment = dataSegment
    }

    /// The data segment's bytes (empty when the frame is not `ok`).
    public var segment: ArraySlice<UInt8> {
        guard let dataSegment else { return [] }
        return bytes[dataSegment]
    }
}
