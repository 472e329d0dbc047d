import HJ212
import ParkMetrics
import Testing

@Suite("DeviceSession, split uploads and replies")
struct SessionTests {
    static func fragments(qn: String = "20170608100000001", flag: Int = 7) -> [[UInt8]] {
        let head = "QN=\(qn);ST=32;CN=2061;PW=123456;MN=\(Fixtures.mn);Flag=\(flag);PNUM=3;"
        return [
            head + "PNO=1;CP=&&DataTime=20170608100000;w01018-Avg=20,w01018-Flag=N&&",
            head + "PNO=2;CP=&&w21003-Avg=9,w21003-Flag=N&&",
            head + "PNO=3;CP=&&w01001-Avg=7,w01001-Flag=N&&",
        ].map(Fixtures.frame)
    }

    @Test func splitUploadsReassembleInAnyOrder() {
        for order in [[0, 1, 2], [2, 0, 1], [1, 2, 0]] {
            var session = DeviceSession(registry: Fixtures.registry)
            let parts = Self.fragments()
            let records = order.flatMap { session.receive(parts[$0]) }
            #expect(records.map(\.verdict) == [.ok, .ok, .ok])
            #expect(records.compactMap(\.event).map(\.value) == [0], "ammonia 9 > 5 in fragment 2")
            #expect(records.last?.event != nil, "the last fragment completes the upload")
            #expect(records.compactMap(\.reply).count == 3, "Flag 7 asks a reply to each fragment")
            #expect(session.pendingSplits == 0)
        }
    }

    @Test func pendingSplitsAreBounded() {
        var session = DeviceSession(registry: Fixtures.registry, maxPendingSplits: 2)
        var abandoned = 0
        for index in 0..<5 {
            abandoned += session.receive(Self.fragments(qn: "2017060810000000\(index)")[0]).map(\.abandonedSplits)
                .reduce(0, +)
        }
        #expect(session.pendingSplits == 2)
        #expect(abandoned == 3)
    }

    @Test func aReplyEchoesQNAndIsAValidPacket() throws {
        var session = DeviceSession(registry: Fixtures.registry)
        let record = session.receive(Fixtures.frame(Fixtures.hourly(qn: "20170608100000999", Fixtures.compliant)))[0]
        let reply = try #require(record.reply)
        var framer = HJ212Framer()
        let frames = framer.append(reply)
        #expect(frames.map(\.verdict) == [.ok])
        let packet = try HJ212Packet(segment: frames[0].segment)
        #expect(packet.qn == "20170608100000999")
        #expect(packet.cn == "9014")
        #expect(packet.st == "91")
        #expect(packet.mn == Fixtures.mn)
        #expect(!packet.flag.needsReply)
    }

    @Test func noReplyWithoutFlagA() {
        var session = DeviceSession(registry: Fixtures.registry)
        #expect(session.receive(Fixtures.frame(Fixtures.hourly(flag: 4, Fixtures.compliant)))[0].reply == nil)
    }

    @Test func anUnknownDeviceIsKeptAnsweredAndNeverJudged() {
        var session = DeviceSession(registry: Fixtures.registry)
        let record = session.receive(Fixtures.frame(Fixtures.hourly(mn: "NOT-LISTED", Fixtures.compliant)))[0]
        #expect(record.verdict == .unknownDevice)
        #expect(record.mn == "NOT-LISTED")
        #expect(record.event == nil)
        #expect(record.reply != nil)
    }

    @Test func brokenFramesCarryTheMNTheyShowOrTheConnectionsLast() {
        var session = DeviceSession(registry: Fixtures.registry)
        var flipped = Fixtures.frame(Fixtures.hourly(mn: "SHOWN-MN", Fixtures.compliant))
        flipped[flipped.count - 10] ^= 1
        let records = session.receive(Fixtures.frame(Fixtures.hourly(Fixtures.compliant)) + Array("zz".utf8) + flipped)
        #expect(records.map(\.verdict) == [.ok, .garbage, .badChecksum])
        #expect(records.map(\.mn) == [Fixtures.mn, Fixtures.mn, "SHOWN-MN"])
    }

    @Test func aBadDataTimeIsBadData() {
        var session = DeviceSession(registry: Fixtures.registry)
        let record = session.receive(Fixtures.frame(Fixtures.hourly(dataTime: "2017", Fixtures.compliant)))[0]
        #expect(record.verdict == .badData)
        #expect(record.reason.contains("DataTime"))
    }
}
