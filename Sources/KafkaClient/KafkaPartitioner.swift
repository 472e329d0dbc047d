/// The Java client's default partitioner for keyed messages (murmur2), which librdkafka's
/// `murmur2_random` matches: producers in any language put a key on the same partition, and replay
/// can rebuild a topic's partitions from a file.
public enum KafkaPartitioner {
    /// The partition of `key` among `partitions`: `toPositive(murmur2(key)) % partitions`.
    public static func partition(forKey key: some Collection<UInt8>, partitions: Int32) -> Int32 {
        Int32(bitPattern: murmur2(key) & 0x7fff_ffff) % partitions
    }

    /// Kafka's murmur2 (seed 0x9747b28c), as `org.apache.kafka.common.utils.Utils.murmur2`.
    public static func murmur2(_ key: some Collection<UInt8>) -> UInt32 {
        // In place when the key is contiguous (a native string's UTF-8, an array): no copy per key.
        if let hash = key.withContiguousStorageIfAvailable(murmur2(bytes:)) { return hash }
        return Array(key).withUnsafeBufferPointer(murmur2(bytes:))
    }

    private static func murmur2(bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let m: UInt32 = 0x5bd1_e995
        let r: UInt32 = 24
        var h: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: bytes.count)
        let blocks = bytes.count / 4
        for block in 0..<blocks {
            let i = block * 4
            var k =
                UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            k &*= m
            k ^= k >> r
            k &*= m
            h &*= m
            h ^= k
        }
        let tail = blocks * 4
        switch bytes.count & 3 {
        case 3:
            h ^= UInt32(bytes[tail + 2]) << 16
            h ^= UInt32(bytes[tail + 1]) << 8
            h ^= UInt32(bytes[tail])
            h &*= m
        case 2:
            h ^= UInt32(bytes[tail + 1]) << 8
            h ^= UInt32(bytes[tail])
            h &*= m
        case 1:
            h ^= UInt32(bytes[tail])
            h &*= m
        default:
            break
        }
        h ^= h >> 13
        h &*= m
        h ^= h >> 15
        return h
    }
}
