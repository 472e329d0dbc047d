import KafkaClient
import Testing

@Suite("murmur2 partitioner")
struct PartitionerTests {
    /// Kafka's own vectors (`org.apache.kafka.common.utils.UtilsTest.testMurmur2`).
    @Test(arguments: [
        ("21", -973_932_308), ("foobar", -790_332_482), ("a-little-bit-long-string", -985_981_536),
        ("a-little-bit-longer-string", -1_486_304_829),
        ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971),
        ("abc", 479_470_107),
    ])
    func matchesTheJavaClient(key: String, expected: Int32) {
        #expect(Int32(bitPattern: KafkaPartitioner.murmur2(Array(key.utf8))) == expected)
    }

    @Test func partitionIsPositiveModulo() {
        // toPositive(-790332482) = 1357151166; 1357151166 % 50 = 16.
        #expect(KafkaPartitioner.partition(forKey: Array("foobar".utf8), partitions: 50) == 16)
    }
}
