import CRdKafka
import Logging

/// librdkafka's mock cluster: real Kafka-protocol brokers on loopback TCP ports, in this process.
///
/// For development, demos and tests. Its limits (librdkafka 2.0.2, read in its source): about
/// 5 MiB or 100,000 message sets kept per partition, oldest dropped first; no admin requests
/// (create topics with `createTopic`); transactions accepted but not implemented; ListOffsets by
/// timestamp answers -1; idempotent sequence numbers are checked only for transactional producers;
/// the first group join waits 3 s.
public final class EmbeddedKafkaCluster: @unchecked Sendable {  // rd_kafka_mock_* calls are thread-safe.
    private let owner: RDKafkaClient
    private let cluster: OpaquePointer
    private let commands: RDKafkaMockCommand

    /// The broker ids: 1 through `brokerCount`.
    public let brokerIDs: [Int32]

    /// Starts `brokerCount` brokers.
    public init(brokerCount: Int = 3, logger: Logger) throws {
        let callbacks = RDKafkaCallbacks(logger: logger)
        // The mock cluster needs a client instance for its bookkeeping; it never produces. Its
        // brokers' sockets take their options from it: without TCP_NODELAY (which Kafka's brokers
        // set) a response written while the previous one is unacknowledged waited for the
        // client's delayed ACK, 40 ms, as a worker's checkpoints did in about half its shutdowns.
        owner = try RDKafkaClient(
            kind: .producer, properties: [("log.queue", "true"), ("socket.nagle.disable", "true")],
            callbacks: callbacks)
        guard let cluster = rd_kafka_mock_cluster_new(owner.handle, Int32(brokerCount)) else {
            throw KafkaError(code: .state, reason: "cannot start the embedded Kafka cluster")
        }
        self.cluster = cluster
        self.commands = RDKafkaMockCommand(bootstrapServers: String(cString: rd_kafka_mock_cluster_bootstraps(cluster)))
        self.brokerIDs = (1...Int32(max(1, brokerCount))).map { $0 }
    }

    deinit {
        _ = command {
            rd_kafka_mock_cluster_destroy($0)
            return RD_KAFKA_RESP_ERR_NO_ERROR
        }
    }

    /// Runs a command on the cluster thread (see `RDKafkaMockCommand` for why not directly).
    private func command(_ body: @escaping @Sendable (OpaquePointer) -> rd_kafka_resp_err_t) -> rd_kafka_resp_err_t {
        nonisolated(unsafe) let cluster = cluster  // the mock calls are thread-safe
        return commands.run { body(cluster) }
    }

    /// The `bootstrap.servers` list: `127.0.0.1:port,…`.
    public var bootstrapServers: String { String(cString: rd_kafka_mock_cluster_bootstraps(cluster)) }

    // MARK: - Topics

    /// Creates a topic. Topics that clients touch before this are auto-created with 4 partitions.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws {
        let err = command { rd_kafka_mock_topic_create($0, name, Int32(partitions), Int32(replicationFactor)) }
        try KafkaError.check(err, "create topic \(name)")
    }

    /// Makes `broker` (or no broker, with nil) the leader of a partition.
    public func setLeader(topic: String, partition: Int32, broker: Int32?) throws {
        let err = command { rd_kafka_mock_partition_set_leader($0, topic, partition, broker ?? -1) }
        try KafkaError.check(err, "move leader of \(topic)/\(partition)")
    }

    /// Makes `broker` the coordinator of a consumer group.
    public func setGroupCoordinator(group: String, broker: Int32) throws {
        try KafkaError.check(
            command { rd_kafka_mock_coordinator_set($0, "group", group, broker) }, "move coordinator of \(group)")
    }

    // MARK: - Faults

    /// Disconnects a broker and refuses new connections (leadership does not move).
    public func takeDown(broker: Int32) throws {
        try KafkaError.check(command { rd_kafka_mock_broker_set_down($0, broker) }, "take broker \(broker) down")
    }

    /// Lets a broker accept connections again.
    public func bringUp(broker: Int32) throws {
        try KafkaError.check(command { rd_kafka_mock_broker_set_up($0, broker) }, "bring broker \(broker) up")
    }

    /// Delays every response of a broker.
    public func setRoundTripTime(broker: Int32, _ delay: Duration) throws {
        try KafkaError.check(
            command { [ms = delay.kafkaMilliseconds] in rd_kafka_mock_broker_set_rtt($0, broker, ms) },
            "set RTT of broker \(broker)")
    }

    /// The next `errors.count` requests of `api` fail with these codes, in order, on any broker.
    public func injectErrors(_ errors: [KafkaError.Code], for api: KafkaAPI) {
        let codes = errors.map(\.rdValue)
        rd_kafka_mock_push_request_errors_array(cluster, api.rawValue, codes.count, codes)
    }

    /// Drops errors injected for `api` that have not fired yet.
    public func clearInjectedErrors(for api: KafkaAPI) {
        rd_kafka_mock_clear_request_errors(cluster, api.rawValue)
    }
}

/// Kafka protocol request types, for fault injection.
public struct KafkaAPI: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int16

    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    public static let produce = KafkaAPI(rawValue: 0)
    public static let fetch = KafkaAPI(rawValue: 1)
    public static let listOffsets = KafkaAPI(rawValue: 2)
    public static let metadata = KafkaAPI(rawValue: 3)
    public static let offsetCommit = KafkaAPI(rawValue: 8)
    public static let offsetFetch = KafkaAPI(rawValue: 9)
    public static let findCoordinator = KafkaAPI(rawValue: 10)
    public static let joinGroup = KafkaAPI(rawValue: 11)
    public static let heartbeat = KafkaAPI(rawValue: 12)
    public static let syncGroup = KafkaAPI(rawValue: 14)
    public static let initProducerID = KafkaAPI(rawValue: 22)
}
