extension Timestamp {
    /// The instant for people, local to the zone `offsetSeconds` east of UTC and without the
    /// offset: `2017-06-05 10:00` (seconds and fractions only when not zero). Tables and reports
    /// name the zone once instead.
    public func localText(offsetSeconds: Int) -> String {
        var text = rfc3339(offsetSeconds: offsetSeconds)
        text.removeLast(6)  // ±hh:mm
        if let t = text.firstIndex(of: "T") { text.replaceSubrange(t...t, with: " ") }
        if text.hasSuffix(":00") { text.removeLast(3) }
        return text
    }

    /// A span of time for people: `2h30m`, `1d4h`, `12.5s`, `0`; with `signed`, `+`/`-` in front
    /// of any span but 0.
    public static func durationText(microseconds: Int64, signed: Bool = false) -> String {
        guard microseconds != 0 else { return "0" }
        var rest = microseconds.magnitude
        var text = microseconds < 0 ? "-" : (signed ? "+" : "")
        let units: [(String, UInt64)] = [("d", 86_400_000_000), ("h", 3_600_000_000), ("m", 60_000_000)]
        for (unit, size) in units where rest >= size {
            text += String(rest / size) + unit
            rest %= size
        }
        if rest > 0 {
            text += rest % 1_000_000 == 0 ? String(rest / 1_000_000) : ShortestNumber.format(Double(rest) / 1_000_000)
            text += "s"
        }
        return text
    }
}
