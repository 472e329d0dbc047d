import HJ212
import HJ212Gateway
import ParkMetrics
import Testing

@Suite("Devices file")
struct DeviceFileTests {
    static let examplePath = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        .appending("/rules/hj212-devices.example.yaml")

    @Test func theExampleFileLoadsAndMapsTheHebiParks() throws {
        let text = try String(contentsOfFile: "/" + Self.examplePath, encoding: .utf8)
        let registry = try DeviceFile.parse(yaml: text)
        #expect(registry.count == 8)
        #expect(registry["LD130103000388"]?.parkID.rawValue == "xunxian")
        let qibin = try #require(registry["HB-QB-WW01-0000000000001"])
        #expect(qibin.limits.limits["w21003"] == PollutantLimit(max: 1.5))
        #expect(qibin.limits.limits["w01001"] == PollutantLimit(min: 6.5, max: 8.5))
        #expect(qibin.limits.limits["w01018"] == PollutantLimit(max: 50))
        #expect(registry["HB-SC-WW01-0000000000001"]?.limits == .gb18918Class1B)
        #expect(registry["88888880000001234567"]?.limits == .gb18918Class1A)
    }

    @Test func limitsMayUse2005Codes() throws {
        let registry = try DeviceFile.parse(yaml: "devices:\n  - {mn: A1, park_id: qixian, limits: {\"011\": 40}}\n")
        #expect(registry["A1"]?.limits.limits["w01018"] == PollutantLimit(max: 40))
    }

    @Test(arguments: [
        ("devices:\n  - {mn: A, park_id: Jinshan}\n", "devices[0]: park_id: \"Jinshan\" is not a park id"),
        ("devices:\n  - {park_id: jinshan}\n", "devices[0]: mn: required"),
        (
            "devices:\n  - {mn: A, park_id: jinshan}\n  - {mn: A, park_id: qibin}\n",
            "devices[1]: mn: \"A\" is also devices[0]"
        ),
        ("devices:\n  - {mn: A, park_id: jinshan, limit: x}\n", "unknown field \"limit\""),
        ("devices:\n  - {mn: A, park_id: jinshan, limits: gb0}\n", "unknown limit set \"gb0\""),
        ("devices:\n  - {mn: A, park_id: jinshan, limits: {w01001: {min: 9, max: 6}}}\n", "min 9.0 is above max 6.0"),
        ("devices:\n  - {mn: A, park_id: jinshan, limits: {w01018: lots}}\n", "w01018: \"lots\" is not a number"),
        ("devices: {}\n", "devices: expected a list"),
        ("devices: [\n", "not YAML"),
    ])
    func badFilesNameTheEntryFieldAndRule(yaml: String, reason: String) {
        #expect {
            try DeviceFile.parse(yaml: yaml, name: "d.yaml")
        } throws: { error in
            let message = (error as? HJ212GatewayError)?.reason ?? ""
            return message.hasPrefix("d.yaml") && message.contains(reason)
        }
    }

    @Test func errorsGiveTheLine() {
        #expect {
            try DeviceFile.parse(yaml: "devices:\n  - mn: A\n    park_id: jinshan\n  - mn: B\n    park_id: X\n")
        } throws: { error in
            (error as? HJ212GatewayError)?.line == 5
        }
    }
}
