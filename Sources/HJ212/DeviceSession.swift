/// The protocol side of one device connection, deterministic and free of I/O: bytes in, records
/// out (frame → verdict → packet → device → split reassembly → judgement → reply).
///
/// Every byte received ends up in exactly one record, valid or not. Replies are owed to every
/// parsed packet with Flag bit A, known device or not (it was received and archived); an event
/// comes only from a known device's judged packet.
public struct DeviceSession: Sendable {
    public let registry: DeviceRegistry
    public let judge: ComplianceJudge
    private var framer = HJ212Framer()
    private var reassembler: SplitReassembler
    private var lastMN: String?

    public init(registry: DeviceRegistry, judge: ComplianceJudge = ComplianceJudge(), maxPendingSplits: Int = 64) {
        self.registry = registry
        self.judge = judge
        self.reassembler = SplitReassembler(maxPending: maxPendingSplits)
    }

    /// Takes the next bytes from the device.
    public mutating func receive(_ bytes: some Sequence<UInt8>) -> [SessionRecord] {
        framer.append(bytes).map { process($0) }
    }

    /// The connection closed: what was pending, as a `truncated` or `garbage` record.
    public mutating func finish() -> [SessionRecord] {
        framer.finish().map { process($0) }
    }

    /// Split uploads still waiting for fragments.
    public var pendingSplits: Int { reassembler.pendingCount }

    private mutating func process(_ frame: RawFrame) -> SessionRecord {
        guard frame.verdict == .ok else {
            return SessionRecord(
                bytes: frame.bytes, verdict: frame.verdict, reason: frame.reason,
                mn: Self.mnText(in: frame.bytes) ?? lastMN)
        }
        let packet: HJ212Packet
        do {
            packet = try HJ212Packet(segment: frame.segment)
        } catch {
            return SessionRecord(
                bytes: frame.bytes, verdict: .badData, reason: error.reason,
                mn: Self.mnText(in: frame.segment) ?? lastMN)
        }
        lastMN = packet.mn
        var record = SessionRecord(
            bytes: frame.bytes, verdict: .ok, reason: "", mn: packet.mn, cn: packet.cn,
            reply: packet.flag.needsReply ? HJ212Reply.dataReply(to: packet) : nil)
        guard let device = registry[packet.mn] else {
            record.verdict = .unknownDevice
            record.reason = "MN \(packet.mn) is not in the devices file"
            return record
        }
        record.device = device
        var whole = packet
        if packet.isFragment {
            do {
                let outcome = try reassembler.add(packet)
                record.abandonedSplits = outcome.abandoned
                guard let completed = outcome.completed else {
                    record.reason = "fragment \(packet.pno ?? 0) of \(packet.pnum ?? 0)"
                    return record
                }
                whole = completed
            } catch {
                record.verdict = .badData
                record.reason = "split upload: \(error.reason)"
                return record
            }
        }
        do {
            switch try judge.judge(whole, device: device) {
            case .event(let event): record.event = event
            case .none(let why): record.reason = why
            }
        } catch {
            record.verdict = .badData
            record.reason = error.reason
        }
        return record
    }

    /// The text after `MN=` up to `;` or `&`, when a broken frame still shows it.
    static func mnText(in bytes: some Collection<UInt8>) -> String? {
        let text = Array(bytes)
        let marker = Array("MN=".utf8)
        guard text.count > marker.count else { return nil }
        for start in 0...(text.count - marker.count) where text[start..<(start + marker.count)].elementsEqual(marker) {
            let valueStart = start + marker.count
            var end = valueStart
            while end < text.count, end - valueStart < 64, text[end] != UInt8(ascii: ";"),
                text[end] != UInt8(ascii: "&"), text[end] > 0x20, text[end] < 0x7F
            {
                end += 1
            }
            return end > valueStart ? String(decoding: text[valueStart..<end], as: UTF8.self) : nil
        }
        return nil
    }
}
