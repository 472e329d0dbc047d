/// What became of one frame read from a device connection: the `hj212-verdict` header of its raw
/// record. The framer decides the first five; parsing and the device registry decide the rest.
public enum FrameVerdict: String, CaseIterable, Hashable, Sendable {
    /// Length, checksum and data segment are good, and the device is known.
    case ok
    /// Length field and CRLF agree but the checksum does not match the data segment (or is not hex).
    case badChecksum = "bad-checksum"
    /// The length field is not four digits, or the packet does not end in CRLF where it says.
    case badLength = "bad-length"
    /// Bytes outside any `##` packet.
    case garbage
    /// The connection closed in the middle of a packet.
    case truncated
    /// A well-framed packet whose data segment breaks HJ 212 (a missing MN or CN, a malformed CP,
    /// a bad DataTime in a judged packet, …).
    case badData = "bad-data"
    /// A well-formed packet from an MN the devices file does not list: kept, never judged.
    case unknownDevice = "unknown-device"
}
