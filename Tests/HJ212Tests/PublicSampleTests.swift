import HJ212
import Testing

@Suite("HJ 212 public samples and checksum")
struct PublicSampleTests {
    /// CRC-16/MODBUS, the checksum HJ 212's is often mistaken for: XOR the byte into the low half.
    static func modbus(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
        }
        return crc
    }

    @Test(arguments: Fixtures.publicSamples.indices)
    func sampleFramesWithItsChecksumVerifiedAndParses(index: Int) throws {
        var framer = HJ212Framer()
        let frames = framer.append(Fixtures.bytes(Fixtures.publicSamples[index]))
        try #require(frames.count == 1)
        #expect(frames[0].verdict == .ok, "\(frames[0].reason)")
        let packet = try HJ212Packet(segment: frames[0].segment)
        let expected: [(cn: String, mn: String, flag: Int, pollutants: Int)] = [
            ("1062", "010000A8900016F000169DC0", 5, 0), ("2011", "88888880000001234567", 5, 8),
            ("2011", "ZLDSZ20210127", 8, 11), ("2051", "LD130103000388", 0, 3),
        ]
        #expect(packet.cn == expected[index].cn)
        #expect(packet.mn == expected[index].mn)
        #expect(packet.flag.rawValue == expected[index].flag)
        #expect(packet.parameters.pollutants.count == expected[index].pollutants)
    }

    @Test func sampleOneIsHJ212sChecksumNotModbus() throws {
        let sample = Fixtures.publicSamples[0]
        let segment = Array(sample.utf8)[6..<(6 + 101)]
        #expect(HJ212Checksum.compute(segment) == 0x1C80)
        #expect(Self.modbus(segment) == 0x0759)
        // The packet carrying the MODBUS value instead is refused.
        var framer = HJ212Framer()
        let frames = framer.append(Fixtures.bytes(String(sample.dropLast(4)) + "0759"))
        #expect(frames.map(\.verdict) == [.badChecksum])
        #expect(frames.first?.reason.contains("1C80") == true)
    }

    @Test func flagsOfTheSamplesReadAsTheStandardSays() throws {
        let flags = try Fixtures.publicSamples.map { sample in
            var framer = HJ212Framer()
            return try HJ212Packet(segment: framer.append(Fixtures.bytes(sample))[0].segment).flag
        }
        #expect(flags.map(\.needsReply) == [true, true, false, false])
        #expect(flags.map(\.isSplit) == [false, false, false, false])
        #expect(flags.map(\.version) == [1, 1, 2, 0])
    }

    @Test func sampleFourUses2005CodesThatMapTo2017Codes() throws {
        var framer = HJ212Framer()
        let packet = try HJ212Packet(segment: framer.append(Fixtures.bytes(Fixtures.publicSamples[3]))[0].segment)
        #expect(packet.qn == nil)
        #expect(packet.parameters.dataTime == "20160824045000000")
        #expect(packet.parameters.pollutants.map(\.normalizedCode) == ["w01018", "w21003", "w00000"])
        #expect(packet.parameters.pollutant("w01018")?.number("Avg") == 19.73)
        #expect(packet.parameters.pollutant("w21003")?.number("Max") == 0.48)
    }

    @Test func encodingTheSampleSegmentGivesTheSampleBack() {
        for sample in Fixtures.publicSamples {
            let segment = sample.dropFirst(6).dropLast(4)
            let encoded = HJ212Frame.encode(String(segment)) ?? []
            #expect(String(decoding: encoded, as: UTF8.self).uppercased() == (sample + "\r\n").uppercased())
        }
    }
}
