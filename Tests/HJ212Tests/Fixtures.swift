import HJ212
import ParkMetrics

enum Fixtures {
    /// The four public samples of /work/shared/conformance/hj212/public-samples.txt (CRLF removed
    /// there, added back here), each with a correct length field and checksum.
    static let publicSamples: [String] = [
        "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80",
        "##0354QN=20230803171130538;ST=31;CN=2011;PW=123456;MN=88888880000001234567;Flag=5;CP=&&DataTime=20230803165500;w01001-Rtd=0.000,w01001-Flag=N;w21003-Rtd=0.000,w21003-Flag=N;w01018-Rtd=0.000,w01018-Flag=N;e01002-Rtd=0.000,e01002-Flag=N;w01010-Rtd=0.000,w01010-Flag=N;e01001-Rtd=0.000,e01001-Flag=N;w01003-Rtd=0.000,w01003-Flag=N;w21011-Rtd=0.000,w21011-Flag=N&&A141",
        "##0435QN=20210301111100112;ST=21;CN=2011;PW=123456;MN=ZLDSZ20210127;Flag=8;CP=&&DataTime=20210301111100;w01001-Rtd=8.33,w01001-Flag=N;w01009-Rtd=10.15,w01009-Flag=N;w01010-Rtd=9.7,w01010-Flag=N;w01014-Rtd=1425,w01014-Flag=N;w01003-Rtd=13.10,w01003-Flag=N;w21011-Rtd=0,w21011-Flag=N;w21001-Rtd=3.563168,w21001-Flag=N;w21003-Rtd=0.09055002,w21003-Flag=N;w01019-Rtd=4.102818,w01019-Flag=N;w01008-Rtd=0,w01008-Flag=N;w23002-Rtd=0,w23002-Flag=N&&7d00",
        "##0247ST=32;CN=2051;PW=123456;MN=LD130103000388;CP=&&DataTime=20160824045000000;011-Cou=66.9,011-Min=19.73,011-Avg=19.73,011-Max=19.73;060-Cou=1.635,060-Min=0.48,060-Avg=0.48,060-Max=0.48;B01-Cou=3392.21,B01-Min=5614.86,B01-Avg=5653.68,B01-Max=5690.82&&1DC0",
    ]

    static func bytes(_ sample: String) -> [UInt8] { Array((sample + "\r\n").utf8) }

    static let mn = "HB-JS-WW01-0000000000001"
    static let jinshan = ParkID(rawValue: "jinshan")!
    static let device = HJ212Device(mn: mn, parkID: jinshan, monitor: "ww01")
    static let registry = DeviceRegistry([device])

    /// An hourly packet (CN 2061, ST 32) of `mn` with the given `code=(avg, flag)` pollutants.
    static func hourly(
        mn: String = mn, qn: String = "20170608100000001", flag: Int = 5, cn: String = "2061",
        dataTime: String = "20170608100000", _ pollutants: [(String, Double, String)]
    ) -> String {
        let groups = pollutants.map { "\($0.0)-Avg=\($0.1),\($0.0)-Flag=\($0.2)" }
        return "QN=\(qn);ST=32;CN=\(cn);PW=123456;MN=\(mn);Flag=\(flag);CP=&&DataTime=\(dataTime);"
            + groups.joined(separator: ";") + "&&"
    }

    static func frame(_ segment: String) -> [UInt8] {
        HJ212Frame.encode(segment) ?? []
    }

    static let compliant: [(String, Double, String)] = [
        ("w01018", 30, "N"), ("w21003", 2, "N"), ("w21011", 0.3, "N"), ("w21001", 10, "N"), ("w01001", 7.1, "N"),
    ]
}
