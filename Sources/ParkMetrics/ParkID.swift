/// A park's identifier: `^[a-z0-9][a-z0-9-]{0,63}$` (ARCHITECTURE.md §4). Also the Kafka key.
public struct ParkID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts only identifiers that satisfy the contract's pattern.
    public init?(rawValue: String) {
        guard Self.isValid(rawValue.utf8) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: ParkID, rhs: ParkID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether `bytes` match `^[a-z0-9][a-z0-9-]{0,63}$`.
    public static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        guard let first = bytes.first, bytes.count <= 64, isLowerAlnum(first) else { return false }
        return bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
