import HJ212
import Testing

@Suite("HJ212Packet parsing")
struct PacketParsingTests {
    static func parse(_ text: String) throws(HJ212Error) -> HJ212Packet {
        try HJ212Packet(segment: Array(text.utf8))
    }

    @Test func headerAndParametersAreRead() throws {
        let packet = try Self.parse(Fixtures.hourly(Fixtures.compliant))
        #expect(packet.qn == "20170608100000001")
        #expect(packet.st == "32")
        #expect(packet.cn == "2061")
        #expect(packet.pw == "123456")
        #expect(packet.mn == Fixtures.mn)
        #expect(packet.parameters.dataTime == "20170608100000")
        #expect(packet.parameters.pollutant("w21003")?.number("Avg") == 2)
        #expect(packet.parameters.pollutant("w21003")?.flag == "N")
    }

    @Test(arguments: [
        ("QN=1;ST=32;CN=2061;PW=1;Flag=5;CP=&&DataTime=20170608100000&&", "MN: missing"),
        ("QN=1;ST=32;PW=1;MN=A;Flag=5;CP=&&&&", "CN: missing"),
        ("QN=1;ST=32;CN=2061;MN=A;Flag=5", "CP: missing"),
        ("QN=1;ST=32;CN=2061;MN=A;Flag=5;CP=&&DataTime=1", "CP: does not end with &&"),
        ("QN=1;ST=32;CN=2061;MN=A;Flag=x;CP=&&&&", "Flag: \"x\" is not a number"),
        ("QN=1;ST=32;CN=2061;MN=A;Flag=7;PNUM=2;PNO=3;CP=&&&&", "PNO: 3 is beyond PNUM 2"),
        ("QN=1;ST=32;CN=2061;MN=A;Flag=7;CP=&&&&", "PNUM/PNO: required"),
        ("QN=1;XX=2;CN=2061;MN=A;CP=&&&&", "header: unknown field XX"),
        ("QN=1;CN=2061;MN=A;CP=&&w01018-Avg=1,w01018-Avg=2&&", "w01018-Avg given twice"),
        ("QN=1;CN=2061;MN=A;CP=&&DataTime&&", "CP: \"DataTime\" is not key=value"),
    ])
    func badSegmentsNameTheFieldAndRule(segment: String, reason: String) {
        #expect {
            try Self.parse(segment)
        } throws: { error in
            (error as? HJ212Error)?.reason.contains(reason) == true
        }
    }

    @Test func aFragmentKeepsItsParametersAsTextUntilReassembled() throws {
        let packet = try Self.parse(
            "QN=1;ST=32;CN=2061;MN=A;Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20170608100000;w01018-Av&&")
        #expect(packet.isFragment)
        #expect(packet.cpText == "DataTime=20170608100000;w01018-Av")
        #expect(packet.parameters.pollutants.isEmpty)
    }
}
