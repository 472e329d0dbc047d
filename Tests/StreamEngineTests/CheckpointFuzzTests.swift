import ParkMetrics
import Testing

@testable import StreamEngine

@Suite("Checkpoint restore never traps on damaged bytes")
struct CheckpointFuzzTests {
    /// Damaged bytes with a valid checksum, so the whole parser runs on garbage.
    @Test func damagedButResealedCheckpoints() {
        var generator = StreamGenerator(seed: 42)
        var engine = PartitionEngine(configuration: OraclePropertyTests.configuration)
        for event in generator.stream(count: 120) { _ = engine.ingest(event) }
        let original = engine.checkpoint()
        var random = SeededRandom(seed: 4242)
        var refused = 0
        for _ in 0..<1500 {
            var body = Array(original.dropLast(8))
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let position = 10 + Int(random.next() % UInt64(body.count - 10))
                switch random.next() % 3 {
                case 0: body[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: body.remove(at: position)
                default: body.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
                }
            }
            let resealed = seal(body)
            do {
                let restored = try PartitionEngine(checkpoint: resealed)
                _ = restored.aggregateTable()
            } catch {
                refused += 1
            }
        }
        #expect(refused > 750)
    }

    @Test func randomBytesAfterTheHeader() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<400 {
            let length = Int(random.next() % 200)
            let body =
                Array("PSEK".utf8) + [1, 0, 0, 0, 0, 0]
                + (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(throws: StreamEngineError.self) { try PartitionEngine(checkpoint: seal(body)) }
        }
    }

    /// Sets the length field and appends a valid checksum.
    private func seal(_ body: [UInt8]) -> [UInt8] {
        var body = body
        let length = UInt32(body.count + 8)
        for index in 0..<4 { body[6 + index] = UInt8(truncatingIfNeeded: length >> UInt32(8 * index)) }
        let value = body.withUnsafeBufferPointer { StringSet.fingerprint($0) }
        return body + (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}
