import Foundation
import ParkMetrics
import Testing

/// Nicolas Seriot's JSONTestSuite (`../shared/conformance/jsontestsuite/test_parsing`, beside the
/// repository): `y_` must parse as JSON (any refusal is about event fields), `n_` must be refused as
/// JSON, `i_` must not crash. The suite missing is a failure, not a skip.
@Suite("JSONTestSuite conformance")
struct JSONTestSuiteTests {
    static let directory = TestSupport.repositoryRoot() + "/../shared/conformance/jsontestsuite/test_parsing"

    static func files(prefix: String) throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            return (name, Array(data))
        }
    }

    static func decode(_ bytes: [UInt8]) -> MetricEventError? {
        var decoder = MetricEventDecoder()
        do throws(MetricEventError) {
            _ = try decoder.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func suiteIsPresent() throws {
        let all = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
        #expect(all.filter { $0.hasPrefix("y_") }.count > 90)
        #expect(all.filter { $0.hasPrefix("n_") }.count > 180)
    }

    @Test func acceptsEveryYDocumentAsJSON() throws {
        let files = try Self.files(prefix: "y_")
        #expect(!files.isEmpty)
        for file in files {
            if let error = Self.decode(file.bytes) {
                #expect(!error.code.isSyntactic, "\(file.name): \(error)")
            }
        }
    }

    @Test func refusesEveryNDocumentAsJSON() throws {
        let files = try Self.files(prefix: "n_")
        #expect(!files.isEmpty)
        for file in files {
            let error = Self.decode(file.bytes)
            #expect(
                error?.code.isSyntactic == true, "\(file.name): \(error.map(String.init(describing:)) ?? "accepted")")
        }
    }

    @Test func survivesEveryIDocument() throws {
        let files = try Self.files(prefix: "i_")
        #expect(!files.isEmpty)
        for file in files {
            _ = Self.decode(file.bytes)
        }
    }
}
