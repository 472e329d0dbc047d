/// A parsed data segment: `QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;]CP=&&…&&`.
///
/// Required: `CN`, `MN` and the `CP=&&…&&` part. HJ/T 212-2005 packets may lack `QN` and `Flag`
/// (a missing `Flag` reads as 0: no reply asked, not split).
public struct HJ212Packet: Hashable, Sendable {
    /// Request number, `yyyyMMddHHmmssSSS`; echoed in replies.
    public var qn: String?
    /// System code (32: surface-water pollution source, 91: system interaction, …).
    public var st: String?
    /// Command code (2011 real-time, 2051 minute, 2061 hourly, 2031 daily, …).
    public var cn: String
    /// Access password.
    public var pw: String?
    /// The device's unique identifier.
    public var mn: String
    public var flag: PacketFlag
    /// Split uploads (Flag bit D): how many packets, and which one this is (1-based).
    public var pnum: Int?
    public var pno: Int?
    /// The CP text as sent, between `CP=&&` and the closing `&&`.
    public var cpText: String
    /// The parsed CP; empty on a fragment of a split upload until it is reassembled.
    public var parameters: CommandParameters

    public init(
        qn: String? = nil, st: String? = nil, cn: String, pw: String? = nil, mn: String,
        flag: PacketFlag = PacketFlag(rawValue: 0), pnum: Int? = nil, pno: Int? = nil, cpText: String,
        parameters: CommandParameters = CommandParameters()
    ) {
        self.qn = qn
        self.st = st
        self.cn = cn
        self.pw = pw
        self.mn = mn
        self.flag = flag
        self.pnum = pnum
        self.pno = pno
        self.cpText = cpText
        self.parameters = parameters
    }

    /// Whether this packet is one fragment of a split upload.
    public var isFragment: Bool { flag.isSplit && pnum.map { $0 > 1 } == true }
}
