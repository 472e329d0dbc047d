/// An event's `event_id` (ARCHITECTURE.md §4): 1–128 characters, unique per park; the
/// deduplication key.
///
/// Ids of up to 39 UTF-8 bytes (nearly all of them: a park, a source and a sequence number; a UUID
/// is 36) are kept inside the value. An id is new with every event, so as a heap string it cost an
/// allocation, a free and reference counting per event on every path that decodes events
/// (publish, replay, the worker). Longer ids are kept in a `String`.
public struct EventID: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    private typealias Words = (UInt64, UInt64, UInt64, UInt64, UInt64)
    /// Inline bytes; the last byte of the words holds their count.
    private static let inlineCapacity = 39

    private var words: Words = (0, 0, 0, 0, 0)
    /// The id when it is longer than `inlineCapacity` bytes (and only then).
    private var spilled: String?

    /// The id `text`; not checked against the contract (the decoder checks what it reads).
    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { EventID(utf8: $0) }
    }

    public init(stringLiteral text: String) { self.init(text) }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(String(stringInterpolation: stringInterpolation))
    }

    /// The id of valid UTF-8 `bytes`.
    init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= Self.inlineCapacity else {
            spilled = String(decoding: bytes, as: UTF8.self)
            return
        }
        withUnsafeMutableBytes(of: &words) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
            raw[Self.inlineCapacity] = UInt8(bytes.count)
        }
    }

    /// Calls `body` with the id's UTF-8 bytes.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if var spilled { return try spilled.withUTF8(body) }
        return try withUnsafeBytes(of: words) { raw in
            try body(
                UnsafeBufferPointer(
                    start: raw.bindMemory(to: UInt8.self).baseAddress, count: Int(raw[Self.inlineCapacity])))
        }
    }

    /// The number of UTF-8 bytes.
    public var utf8Count: Int { withUTF8(\.count) }

    public var description: String { spilled ?? withUTF8 { String(decoding: $0, as: UTF8.self) } }

    /// Equal when their bytes are (as deduplication compares ids), not by Unicode canonical
    /// equivalence as `String`'s `==` would: a long id is spilled exactly when it is long, so the
    /// representations match exactly when the bytes do.
    public static func == (lhs: EventID, rhs: EventID) -> Bool {
        switch (lhs.spilled, rhs.spilled) {
        case (nil, nil):
            lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
                && lhs.words.3 == rhs.words.3 && lhs.words.4 == rhs.words.4
        case (let left?, let right?): left.utf8.elementsEqual(right.utf8)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
