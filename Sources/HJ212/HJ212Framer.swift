/// Cuts a device's byte stream into raw frames, incrementally: feed bytes as they arrive, in any
/// pieces; the frames that come out depend only on the bytes, never on how they were cut.
///
/// A packet is `##`, four decimal digits `L`, `L` bytes of data segment, four hex digits of
/// checksum (either case) and CRLF. Segments longer than HJ 212's 1024-character cap are accepted
/// when the length field and the checksum agree (real devices send them).
///
/// After anything broken the framer resynchronizes: a broken packet ends where the next `##`
/// starts or after the first CRLF past its `##`, whichever comes first (so a good packet that
/// follows a truncated one is found again). Bytes before a `##` are `garbage`, cut into pieces of
/// at most ``maxGarbageRun`` bytes so that a device sending no `##` at all cannot grow the buffer.
/// A decision is taken only once the bytes that decide it are there: every output is a function
/// of the stream's prefix, which is what makes the output independent of the cut points.
public struct HJ212Framer: Sendable {
    /// Longest garbage piece, in bytes.
    public static let maxGarbageRun = 4096
    /// Longest broken packet: the largest a length field can announce, `##` to CRLF.
    public static let maxPacketLength = 6 + HJ212Frame.maxSegmentLength + 6

    private var buffer: [UInt8] = []
    private var start = 0

    public init() {}

    /// Bytes received and not yet part of a frame.
    public var pendingCount: Int { buffer.count - start }

    /// Takes the next bytes of the stream and returns the frames they complete, in stream order.
    public mutating func append(_ bytes: some Sequence<UInt8>) -> [RawFrame] {
        buffer.append(contentsOf: bytes)
        var frames: [RawFrame] = []
        while let frame = next() { frames.append(frame) }
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        return frames
    }

    /// The stream ended (the connection closed): whatever is pending, as one `truncated` frame (or
    /// `garbage` when it holds no `#`). The framer is empty afterwards.
    public mutating func finish() -> [RawFrame] {
        guard pendingCount > 0 else { return [] }
        let rest = Array(buffer[start...])
        buffer.removeAll()
        start = 0
        if rest.first == UInt8(ascii: "#") {
            return [RawFrame(bytes: rest, verdict: .truncated, reason: "connection closed inside a packet")]
        }
        return [RawFrame(bytes: rest, verdict: .garbage, reason: "bytes outside any ## packet")]
    }

    // MARK: - Cutting

    private static let hash = UInt8(ascii: "#")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// The next complete frame at `start`, or nil when more bytes are needed.
    private mutating func next() -> RawFrame? {
        let count = buffer.count
        guard start < count else { return nil }
        switch packetStart(at: start) {
        case nil: return nil
        case true?: return packet()
        case false?: return garbage()
        }
    }

    /// Whether a packet starts at `index`: `##` not followed by a third `#` (in `###0101…` the
    /// packet starts at the second `#`); nil when the bytes that decide are not there yet.
    private func packetStart(at index: Int) -> Bool? {
        let count = buffer.count
        guard buffer[index] == Self.hash else { return false }
        guard index + 1 < count else { return nil }
        guard buffer[index + 1] == Self.hash else { return false }
        guard index + 2 < count else { return nil }
        return buffer[index + 2] != Self.hash
    }

    /// Garbage from `start` up to the next `##`, at most `maxGarbageRun` bytes.
    private mutating func garbage() -> RawFrame? {
        let count = buffer.count
        let limit = min(count, start + Self.maxGarbageRun)
        var index = start
        while index < limit {
            guard let starts = packetStart(at: index) else { return nil }  // a `#` at the end may start `##`
            if starts { break }
            index += 1
        }
        // Stopped at the limit without a `##`: a piece only once it is full.
        if index == limit, index - start < Self.maxGarbageRun { return nil }
        return take(upTo: index, .garbage, "bytes outside any ## packet")
    }

    /// The packet whose `##` is at `start`, or a broken one, or nil when more bytes are needed.
    private mutating func packet() -> RawFrame? {
        let count = buffer.count
        var length = 0
        for offset in 2..<6 {
            guard start + offset < count else { return nil }
            let digit = buffer[start + offset] &- UInt8(ascii: "0")
            guard digit < 10 else { return broken(.badLength, "length field is not four digits") }
            length = length * 10 + Int(digit)
        }
        let end = start + 6 + length + 6
        // A CRLF inside the announced packet means the length field is wrong: decide now rather
        // than wait for bytes that belong to the next packet.
        var index = start + 6
        while index < min(count, end - 2) {
            if buffer[index] == Self.cr {
                guard index + 1 < count else { return nil }
                if buffer[index + 1] == Self.lf {
                    return broken(.badLength, "CRLF before the end the length field announces (\(length))")
                }
            }
            index += 1
        }
        guard count >= end else { return nil }
        guard buffer[end - 2] == Self.cr, buffer[end - 1] == Self.lf else {
            return broken(.badLength, "no CRLF where the length field (\(length)) puts the end")
        }
        let segment = (start + 6)..<(start + 6 + length)
        guard let sent = HJ212Checksum.parseHex(buffer[(end - 6)..<(end - 2)]) else {
            return checksumFailure(end: end, "checksum is not four hex digits")
        }
        let actual = HJ212Checksum.compute(buffer[segment])
        guard sent == actual else {
            let expected = String(decoding: HJ212Checksum.hex(actual), as: UTF8.self)
            let got = String(decoding: buffer[(end - 6)..<(end - 2)], as: UTF8.self)
            return checksumFailure(end: end, "checksum \(got) does not match the data segment (\(expected))")
        }
        let base = start
        return take(upTo: end, .ok, "", segment: (segment.lowerBound - base)..<(segment.upperBound - base))
    }

    /// A packet with a good length and a bad checksum; when another `##` starts inside it, the
    /// packet was cut short and that `##` is the next packet, so it ends there.
    private mutating func checksumFailure(end: Int, _ reason: String) -> RawFrame? {
        var index = start + 1
        while index + 1 < end - 6 {
            if buffer[index] == Self.hash, buffer[index + 1] == Self.hash, buffer[index + 2] != Self.hash {
                return take(upTo: index, .badChecksum, reason + "; another ## starts inside it")
            }
            index += 1
        }
        return take(upTo: end, .badChecksum, reason)
    }

    /// A broken packet from `start` to the resynchronization point, or nil when that point is not
    /// yet known: the next `##`, or just after the first CRLF, or `maxPacketLength` bytes.
    private mutating func broken(_ verdict: FrameVerdict, _ reason: String) -> RawFrame? {
        let count = buffer.count
        var index = start + 1
        while index < count {
            if index - start >= Self.maxPacketLength { return take(upTo: index, verdict, reason) }
            let byte = buffer[index]
            if byte == Self.hash {
                guard let starts = packetStart(at: index) else { return nil }
                if starts { return take(upTo: index, verdict, reason) }
            } else if byte == Self.cr {
                guard index + 1 < count else { return nil }
                if buffer[index + 1] == Self.lf { return take(upTo: index + 2, verdict, reason) }
            }
            index += 1
        }
        return nil
    }

    private mutating func take(upTo end: Int, _ verdict: FrameVerdict, _ reason: String, segment: Range<Int>? = nil)
        -> RawFrame
    {
        let frame = RawFrame(bytes: Array(buffer[start..<end]), verdict: verdict, reason: reason, dataSegment: segment)
        start = end
        return frame
    }
}
