/// What a decoder remembers between events to go faster: interned park IDs and sources, and the
/// day number of the last date. Only ever filled with valid values.
struct DecoderCaches: Sendable {
    var parks = StringInterner()
    var sources = StringInterner()
    var days = Timestamp.DayCache()
}
