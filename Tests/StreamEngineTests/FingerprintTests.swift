import ParkMetrics
import Testing

@testable import StreamEngine

/// The fingerprint is also the checkpoint checksum, so its values must never change.
@Suite("StringSet fingerprints")
struct FingerprintTests {
    @Test func everyLengthHashesAsTheBytewiseDefinition() {
        var random = SeededRandom(seed: 212)
        for length in 0...40 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                let fast = bytes.withUnsafeBufferPointer { StringSet.fingerprint($0) }
                #expect(fast == Self.bytewise(bytes), "length \(length)")
            }
        }
    }

    /// Values worked out by hand from the definition (as a short script did).
    @Test func knownValuesStay() {
        let known: [(String, UInt64)] = [
            ("", 0x7EF6_2C7B_15A4_A8A1), ("jinshan", 0x27D2_EC50_CB37_2EFF),
            ("baoshan-meter-history-000001", 0xE5EB_6B61_9A39_8DE3),
        ]
        for (text, value) in known {
            #expect(Array(text.utf8).withUnsafeBufferPointer { StringSet.fingerprint($0) } == value, "\(text)")
        }
    }

    /// The definition, written independently of the implementation: the bytes in little-endian
    /// words of 8 (the last one shorter, possibly empty), each mixed in with a multiply, then a
    /// murmur3 finalizer.
    static func bytewise(_ bytes: [UInt8]) -> UInt64 {
        func word(_ slice: ArraySlice<UInt8>) -> UInt64 { slice.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let whole = bytes.count / 8 * 8
        for start in stride(from: 0, to: whole, by: 8) {
            hash = (hash ^ word(bytes[start..<start + 8])) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
        }
        hash = (hash ^ word(bytes[whole...])) &* 0x0000_0100_0000_01B3
        for multiplier: UInt64 in [0xFF51_AFD7_ED55_8CCD, 0xC4CE_B9FE_1A85_EC53] {
            hash ^= hash >> 33
            hash &*= multiplier
        }
        return hash ^ hash >> 33
    }
}
