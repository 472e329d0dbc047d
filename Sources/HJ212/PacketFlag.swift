/// The `Flag` field: bits V5…V0 (protocol version), D (split upload), A (answer required).
public struct PacketFlag: Hashable, Sendable {
    public var rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Bit A: the receiver must answer with a data reply (CN 9014).
    public var needsReply: Bool { rawValue & 0b1 != 0 }
    /// Bit D: the upload is split over several packets numbered by PNUM/PNO.
    public var isSplit: Bool { rawValue & 0b10 != 0 }
    /// V5…V0: 0 for HJ/T 212-2005, 1 for HJ 212-2017.
    public var version: Int { rawValue >> 2 }
}
