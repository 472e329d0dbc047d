extension HJ212Packet {
    /// The header fields HJ 212 defines before `CP`; others are refused, since a typo in one of
    /// these would otherwise go unnoticed.
    static let headerFields: Set<String> = ["QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO"]

    /// Parses a data segment. The CP of a fragment (Flag bit D with PNUM > 1) is kept as text and
    /// parsed once the upload is reassembled.
    public init(segment: some Collection<UInt8>) throws(HJ212Error) {
        let text = String(decoding: segment, as: UTF8.self)
        guard let cpStart = text.firstRange(of: "CP=&&") else { throw .malformed("CP: missing (no CP=&&)") }
        let afterOpen = text[cpStart.upperBound...]
        guard afterOpen.hasSuffix("&&"), afterOpen.count >= 2 else {
            throw .malformed("CP: does not end with &&")
        }
        let cpText = afterOpen.dropLast(2)
        var header: [String: String] = [:]
        for item in text[..<cpStart.lowerBound].split(separator: ";", omittingEmptySubsequences: true) {
            guard let equals = item.firstIndex(of: "=") else {
                throw .malformed("header: \"\(item.prefix(40))\" is not key=value")
            }
            let key = String(item[..<equals])
            guard Self.headerFields.contains(key) else { throw .malformed("header: unknown field \(key.prefix(40))") }
            guard header[key] == nil else { throw .malformed("\(key): given twice") }
            header[key] = String(item[item.index(after: equals)...])
        }
        guard let cn = header["CN"], !cn.isEmpty else { throw .malformed("CN: missing") }
        guard let mn = header["MN"], !mn.isEmpty else { throw .malformed("MN: missing") }
        var flag = PacketFlag(rawValue: 0)
        if let text = header["Flag"] {
            guard let value = Int(text), (0...255).contains(value) else {
                throw .badValue("Flag: \"\(text)\" is not a number 0–255")
            }
            flag = PacketFlag(rawValue: value)
        }
        let pnum = try Self.count("PNUM", header["PNUM"])
        let pno = try Self.count("PNO", header["PNO"])
        if flag.isSplit {
            guard let pnum, let pno else { throw .malformed("PNUM/PNO: required when Flag bit D is set") }
            guard pno <= pnum else { throw .badValue("PNO: \(pno) is beyond PNUM \(pnum)") }
        }
        self.init(
            qn: header["QN"], st: header["ST"], cn: cn, pw: header["PW"], mn: mn, flag: flag, pnum: pnum, pno: pno,
            cpText: String(cpText))
        if !isFragment { parameters = try CommandParameters(parsing: cpText) }
    }

    private static func count(_ name: String, _ text: String?) throws(HJ212Error) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), (1...9999).contains(value) else {
            throw .badValue("\(name): \"\(text)\" is not a number 1–9999")
        }
        return value
    }
}
