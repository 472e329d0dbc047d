/// Writes HJ 212 packets: `##`, the 4-digit length of the data segment, the data segment, its
/// checksum in upper-case hex, CRLF.
public enum HJ212Frame {
    /// The largest data segment a 4-digit length field can announce.
    public static let maxSegmentLength = 9999

    /// The packet around `segment`; nil when the segment is longer than 9999 bytes.
    public static func encode(_ segment: some Collection<UInt8>) -> [UInt8]? {
        guard segment.count <= maxSegmentLength else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(segment.count + 12)
        out.append(contentsOf: "##".utf8)
        let length = String(segment.count)
        out.append(contentsOf: String(repeating: "0", count: 4 - length.count).utf8)
        out.append(contentsOf: length.utf8)
        out.append(contentsOf: segment)
        out.append(contentsOf: HJ212Checksum.hex(HJ212Checksum.compute(segment)))
        out.append(contentsOf: "\r\n".utf8)
        return out
    }

    /// The packet around the UTF-8 of `segment`; nil when it is longer than 9999 bytes.
    public static func encode(_ segment: String) -> [UInt8]? {
        encode(Array(segment.utf8))
    }
}
