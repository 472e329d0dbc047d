/// Replies the gateway sends to devices.
public enum HJ212Reply {
    /// The data reply (CN 9014, ST 91) to a packet with Flag bit A: it echoes the packet's QN, PW
    /// and MN, Flag 4 (HJ 212-2017, no answer asked), empty CP.
    public static func dataReply(to packet: HJ212Packet) -> [UInt8] {
        var segment = ""
        if let qn = packet.qn { segment += "QN=\(qn);" }
        segment += "ST=91;CN=9014;"
        if let pw = packet.pw { segment += "PW=\(pw);" }
        segment += "MN=\(packet.mn);Flag=4;CP=&&&&"
        // Echoed fields come from a parsed packet, whose segment was at most 9999 bytes.
        return HJ212Frame.encode(segment) ?? []
    }
}
