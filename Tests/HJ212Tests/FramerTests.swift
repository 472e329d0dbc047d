import HJ212
import Testing

@Suite("HJ212Framer")
struct FramerTests {
    static let good = Fixtures.frame(Fixtures.hourly(Fixtures.compliant))

    static func frames(_ bytes: [UInt8], finish: Bool = true) -> [RawFrame] {
        var framer = HJ212Framer()
        return framer.append(bytes) + (finish ? framer.finish() : [])
    }

    @Test func garbageBeforeAndBetweenPacketsIsCutOffAndKept() {
        let input = Array("noise".utf8) + Self.good + Array("\r\n#x#".utf8) + Self.good
        let frames = Self.frames(input)
        #expect(frames.map(\.verdict) == [.garbage, .ok, .garbage, .ok])
        #expect(frames.flatMap(\.bytes) == input)
    }

    @Test func aTruncatedPacketEndsWhereTheNextPacketStarts() {
        let cut = Array(Self.good.prefix(70))
        let frames = Self.frames(cut + Self.good)
        #expect(frames.map(\.verdict) == [.badLength, .ok])
        #expect(frames[0].bytes == cut)
    }

    @Test func aWrongLengthFieldIsBadLength() {
        var wrong = Self.good
        wrong[5] = wrong[5] == UInt8(ascii: "9") ? UInt8(ascii: "0") : wrong[5] + 1
        let frames = Self.frames(wrong + Self.good)
        #expect(frames.map(\.verdict) == [.badLength, .ok])
        #expect(frames.flatMap(\.bytes) == wrong + Self.good)
    }

    @Test func aLengthFieldThatIsNotDigitsIsBadLength() {
        let frames = Self.frames(Array("##00x1abc\r\n".utf8) + Self.good)
        #expect(frames.map(\.verdict) == [.badLength, .ok])
        #expect(frames[0].bytes == Array("##00x1abc\r\n".utf8))
    }

    @Test func aFlippedDataByteIsBadChecksumAndTheNextPacketIsFine() {
        var flipped = Self.good
        flipped[40] ^= 0x01
        let frames = Self.frames(flipped + Self.good)
        #expect(frames.map(\.verdict) == [.badChecksum, .ok])
        #expect(frames[0].bytes == flipped)
    }

    @Test func checksumDigitsInEitherCaseAreAccepted() {
        let lower = Array(String(decoding: Self.good, as: UTF8.self).lowercased().utf8)
        // Lower-casing changes the segment too; rebuild with the lower-case checksum of the lower segment.
        let segment = Array(lower[6..<(lower.count - 6)])
        let sum = HJ212Checksum.hex(HJ212Checksum.compute(segment)).map { $0 | 0x20 }
        let packet = Array(lower[0..<(lower.count - 6)]) + sum + Array("\r\n".utf8)
        #expect(Self.frames(packet).map(\.verdict) == [.ok])
    }

    @Test func segmentsLongerThan1024AreAcceptedWhenLengthAndChecksumAgree() {
        let many = (0..<80).map { ("w2\(threeDigits($0))", 1.0, "N") }
        let segment = Fixtures.hourly(many)
        #expect(segment.utf8.count > 1024)
        let frames = Self.frames(Fixtures.frame(segment))
        #expect(frames.map(\.verdict) == [.ok])
        #expect(frames[0].segment.count == segment.utf8.count)
    }

    @Test func aClosedConnectionInsideAPacketGivesATruncatedFrame() {
        var framer = HJ212Framer()
        #expect(framer.append(Self.good.prefix(50)).isEmpty)
        let rest = framer.finish()
        #expect(rest.map(\.verdict) == [.truncated])
        #expect(rest[0].bytes == Array(Self.good.prefix(50)))
        #expect(framer.pendingCount == 0)
    }

    @Test func endlessGarbageIsCutIntoBoundedPieces() {
        let noise = [UInt8](repeating: UInt8(ascii: "x"), count: HJ212Framer.maxGarbageRun * 2 + 10)
        var framer = HJ212Framer()
        let frames = framer.append(noise)
        #expect(frames.map(\.bytes.count) == [HJ212Framer.maxGarbageRun, HJ212Framer.maxGarbageRun])
        #expect(framer.pendingCount == 10)
    }

    @Test func aHashSignThenAPacketLosesNothing() {
        let input = Array("#".utf8) + Self.good + Array("###".utf8) + Self.good
        let frames = Self.frames(input)
        #expect(frames.filter { $0.verdict == .ok }.count == 2)
        #expect(frames.flatMap(\.bytes) == input)
    }
}

/// Three digits with leading zeros.
func threeDigits(_ value: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, 3 - text.count)) + text
}
