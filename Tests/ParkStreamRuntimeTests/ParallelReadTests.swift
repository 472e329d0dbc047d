import Foundation
import ParkMetrics
import Testing

@testable import ParkStreamRuntime

/// Replay and publish read NDJSON in windows cut into parts that decode in parallel: whatever the
/// cuts, line numbers, rejections and results must be those of one pass in file order.
@Suite("parallel reading")
struct ParallelReadTests {
    /// About 3 MB of the simulated year with bad and blank lines at known places (1-based).
    static let input: (bytes: [UInt8], badLines: [Int]) = {
        let lines = simulatedYear.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(16_000)
        var bytes: [UInt8] = []
        var badLines: [Int] = []
        var number = 0
        for (index, line) in lines.enumerated() {
            if index % 3_001 == 7 {
                number += 1
                badLines.append(number)
                bytes += Array("not json \(index)\n".utf8)
                number += 1
                bytes += Array("   \n".utf8)  // blank: counted, not an error
            }
            number += 1
            bytes += line + [UInt8(ascii: "\n")]
        }
        return (bytes, badLines)
    }()

    @Test func replayInSmallWindowsEqualsReplayInOne() throws {
        var small = FileReplay(rules: try hebiRules())
        small.windowBytes = 1 << 16
        let whole = FileReplay(rules: try hebiRules())
        let cut = small.run(Self.input.bytes, path: "cut.ndjson")
        let one = whole.run(Self.input.bytes, path: "cut.ndjson")
        #expect(cut.rejected.map(\.line) == Self.input.badLines)
        #expect(cut.rejected == one.rejected)
        #expect(cut.read == one.read && cut.accepted == one.accepted && cut.duplicates == one.duplicates)
        #expect(cut.late.map(\.line) == one.late.map(\.line))
        #expect(cut.alerts == one.alerts)
        #expect(cut.aggregates == one.aggregates)
        #expect(cut.read == 16_000 + Self.input.badLines.count, "blank lines are not read as events")
    }

    @Test func publishValidatesInSmallWindowsWithTheLineNumbersOfOnePass() throws {
        var small = EventPublisher(producer: nil, topic: "park.metrics")
        small.windowBytes = 4_096
        var seen: [Int] = []
        small.onReject = { line, _, _ in seen.append(line) }
        let summary = try Self.input.bytes.withUnsafeBytes { try small.publish($0, format: .ndjson) }
        #expect(seen == Self.input.badLines, "rejections reported in input order with their numbers")
        #expect(summary.rejected.map(\.line) == Self.input.badLines)
        #expect(summary.accepted == 16_000)
    }
}
