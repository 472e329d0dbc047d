import CRdKafka

/// Every failure of the Kafka layer: a librdkafka error code mapped at the boundary, with a reason
/// for people and flags for code that decides whether to retry.
public struct KafkaError: Error, CustomStringConvertible, Sendable {
    /// A librdkafka error code (`rd_kafka_resp_err_t`): negative for client-local errors, positive
    /// for errors the broker returned.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        init(_ err: rd_kafka_resp_err_t) {
            self.rawValue = err.rawValue
        }

        var rdValue: rd_kafka_resp_err_t { rd_kafka_resp_err_t(rawValue: rawValue) }

        /// librdkafka's name for the code, e.g. `NOT_LEADER_FOR_PARTITION` or `_TRANSPORT`.
        public var name: String { String(cString: rd_kafka_err2name(rdValue)) }

        public var description: String { name }

        public static let noError = Code(RD_KAFKA_RESP_ERR_NO_ERROR)
        public static let invalidArgument = Code(RD_KAFKA_RESP_ERR__INVALID_ARG)
        public static let timedOut = Code(RD_KAFKA_RESP_ERR__TIMED_OUT)
        public static let messageTimedOut = Code(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
        public static let queueFull = Code(RD_KAFKA_RESP_ERR__QUEUE_FULL)
        public static let transport = Code(RD_KAFKA_RESP_ERR__TRANSPORT)
        public static let allBrokersDown = Code(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        public static let unknownTopicOrPartition = Code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
        public static let notLeaderForPartition = Code(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION)
        public static let leaderNotAvailable = Code(RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE)
        public static let requestTimedOut = Code(RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT)
        public static let notEnoughReplicas = Code(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS)
        public static let topicAuthorizationFailed = Code(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED)
        public static let messageSizeTooLarge = Code(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
        public static let unsupportedVersion = Code(RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION)
        public static let invalidRequest = Code(RD_KAFKA_RESP_ERR_INVALID_REQUEST)
        public static let topicAlreadyExists = Code(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        public static let state = Code(RD_KAFKA_RESP_ERR__STATE)
        public static let fatal = Code(RD_KAFKA_RESP_ERR__FATAL)
    }

    /// The librdkafka code.
    public let code: Code
    /// What went wrong, for people: the operation and librdkafka's own description.
    public let reason: String
    /// Whether trying the same thing again may succeed (a transient broker or network condition).
    public let isRetriable: Bool
    /// Whether the client instance is unusable and must be recreated (librdkafka's fatal errors).
    public let isFatal: Bool

    public init(code: Code, reason: String, isRetriable: Bool? = nil, isFatal: Bool = false) {
        self.code = code
        self.reason = reason
        self.isRetriable = isRetriable ?? Self.retriableCodes.contains(code)
        self.isFatal = isFatal
    }

    public var description: String { "\(reason) [\(code.name)]" }

    // MARK: - Mapping at the boundary

    /// An error for a `rd_kafka_resp_err_t` returned by `operation`.
    init(_ err: rd_kafka_resp_err_t, _ operation: String) {
        let code = Code(err)
        self.init(code: code, reason: "\(operation): \(String(cString: rd_kafka_err2str(err)))")
    }

    /// Takes ownership of a `rd_kafka_error_t` and destroys it.
    init(consuming error: OpaquePointer, _ operation: String) {
        let code = Code(rd_kafka_error_code(error))
        let text = String(cString: rd_kafka_error_string(error))
        self.init(
            code: code, reason: "\(operation): \(text)",
            isRetriable: rd_kafka_error_is_retriable(error) != 0 || Self.retriableCodes.contains(code),
            isFatal: rd_kafka_error_is_fatal(error) != 0)
        rd_kafka_error_destroy(error)
    }

    /// Throws when `err` is not `RD_KAFKA_RESP_ERR_NO_ERROR`.
    static func check(_ err: rd_kafka_resp_err_t, _ operation: @autoclosure () -> String) throws {
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, operation()) }
    }

    /// Throws when `error` is non-nil, destroying it.
    static func check(_ error: OpaquePointer?, _ operation: @autoclosure () -> String) throws {
        if let error { throw KafkaError(consuming: error, operation()) }
    }

    /// Codes on which a retry may succeed: transport trouble, leadership moves, coordinator moves.
    static let retriableCodes: Set<Code> = [
        .timedOut, .messageTimedOut, .queueFull, .transport, .allBrokersDown, .unknownTopicOrPartition,
        .notLeaderForPartition, .leaderNotAvailable, .requestTimedOut, .notEnoughReplicas,
        Code(RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION), Code(RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE),
        Code(RD_KAFKA_RESP_ERR_NOT_COORDINATOR), Code(RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS),
        Code(RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS), Code(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND),
        Code(RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR), Code(RD_KAFKA_RESP_ERR__WAIT_COORD),
        Code(RD_KAFKA_RESP_ERR__NODE_UPDATE),
    ]
}
