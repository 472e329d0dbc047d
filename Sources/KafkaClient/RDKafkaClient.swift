import CRdKafka
import Logging
import Synchronization

/// Owns one `rd_kafka_t` handle and the Swift context its callbacks reach.
///
/// Ownership: the context is retained here (`Unmanaged.passRetained`) and handed to librdkafka as
/// the handle's opaque; `deinit` destroys the handle first, so no callback can run afterwards, and
/// then releases the context.
final class RDKafkaClient: @unchecked Sendable {  // librdkafka handles are thread-safe.
    enum Kind {
        case producer, consumer

        var rdType: rd_kafka_type_t { self == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER }
    }

    let handle: OpaquePointer
    let callbacks: RDKafkaCallbacks
    private let context: Unmanaged<RDKafkaCallbacks>

    init(kind: Kind, properties: [(String, String)], callbacks: RDKafkaCallbacks) throws {
        let conf = try RDKafkaConfig.make(properties)
        callbacks.redactor = SecretRedactor(properties)
        self.callbacks = callbacks
        self.context = Unmanaged.passRetained(callbacks)
        rd_kafka_conf_set_opaque(conf, context.toOpaque())
        rd_kafka_conf_set_log_cb(conf, rdLogCallback)
        rd_kafka_conf_set_error_cb(conf, rdErrorCallback)
        if kind == .producer { rd_kafka_conf_set_dr_msg_cb(conf, rdDeliveryCallback) }
        if kind == .consumer { rd_kafka_conf_set_rebalance_cb(conf, rdRebalanceCallback) }

        var errstr = CErrorBuffer()
        guard let handle = rd_kafka_new(kind.rdType, conf, &errstr.bytes, errstr.count) else {
            rd_kafka_conf_destroy(conf)
            context.release()
            throw KafkaError(
                code: .invalidArgument, reason: "cannot create Kafka client: \(callbacks.redactor.redact(errstr.text))")
        }
        self.handle = handle
        // Logs go to the main queue, which our poll calls serve (log.queue=true).
        rd_kafka_set_log_queue(handle, nil)
    }

    deinit {
        rd_kafka_destroy(handle)
        context.release()
    }

    /// The fatal error librdkafka raised, if any: the instance must then be recreated.
    func checkFatal() throws {
        if let error = callbacks.fatalError.withLock({ $0 }) { throw error }
    }

    /// Topic metadata, for partition counts and broker lists.
    func metadata(topic: String?, timeout: Duration) throws -> KafkaClusterMetadata {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let err: rd_kafka_resp_err_t
        if let topic {
            let rkt = rd_kafka_topic_new(handle, topic, nil)
            defer { rd_kafka_topic_destroy(rkt) }
            err = rd_kafka_metadata(handle, 0, rkt, &metadata, timeout.kafkaMilliseconds)
        } else {
            err = rd_kafka_metadata(handle, 1, nil, &metadata, timeout.kafkaMilliseconds)
        }
        try KafkaError.check(err, "metadata request")
        guard let metadata else { throw KafkaError(code: .state, reason: "metadata request returned nothing") }
        defer { rd_kafka_metadata_destroy(metadata) }
        return KafkaClusterMetadata(metadata.pointee)
    }
}

/// What librdkafka's callbacks reach. Callbacks run only on threads that call our poll, flush,
/// consume and close methods (logs and events are queued, `log.queue=true`), never on librdkafka's
/// own threads.
final class RDKafkaCallbacks: @unchecked Sendable {  // handlers are set once, before the first poll.
    let logger: Logger
    let fatalError = Mutex<KafkaError?>(nil)
    /// Keeps secret property values out of logged text; set by `RDKafkaClient` before the handle exists.
    var redactor = SecretRedactor([])
    /// Where a producer's delivery reports go.
    let deliveries: KafkaDeliveryLedger?
    var onRebalance: ((rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> Void)?

    init(logger: Logger, deliveries: KafkaDeliveryLedger? = nil) {
        self.logger = logger
        self.deliveries = deliveries
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> RDKafkaCallbacks? {
        opaque.map { Unmanaged<RDKafkaCallbacks>.fromOpaque($0).takeUnretainedValue() }
    }
}

// MARK: - C callbacks

private func rdLogCallback(
    _ rk: OpaquePointer?, _ level: Int32, _ facility: UnsafePointer<CChar>?, _ text: UnsafePointer<CChar>?
) {
    guard let rk, let callbacks = RDKafkaCallbacks.from(rd_kafka_opaque(rk)) else { return }
    let logLevel: Logger.Level =
        switch level {
        case ...3: .error
        case 4: .warning
        case 5, 6: .info
        default: .debug
        }
    callbacks.logger.log(
        level: logLevel, "\(callbacks.redactor.redact(text.map { String(cString: $0) } ?? ""))",
        metadata: ["kafka.facility": "\(facility.map { String(cString: $0) } ?? "")"])
}

private func rdErrorCallback(
    _ rk: OpaquePointer?, _ err: Int32, _ reason: UnsafePointer<CChar>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let callbacks = RDKafkaCallbacks.from(opaque) else { return }
    let code = rd_kafka_resp_err_t(rawValue: err)
    var text = callbacks.redactor.redact(reason.map { String(cString: $0) } ?? "")
    if code == RD_KAFKA_RESP_ERR__FATAL, let rk {
        var errstr = CErrorBuffer()
        let original = rd_kafka_fatal_error(rk, &errstr.bytes, errstr.count)
        text = callbacks.redactor.redact(errstr.text)
        let error = KafkaError(
            code: KafkaError.Code(original), reason: "fatal: \(text)", isRetriable: false, isFatal: true)
        callbacks.fatalError.withLock { $0 = error }
        callbacks.logger.critical("\(error)")
        return
    }
    // Transport errors and brokers going down are retried by librdkafka itself.
    callbacks.logger.warning("\(text)", metadata: ["kafka.error": "\(String(cString: rd_kafka_err2name(code)))"])
}

private func rdDeliveryCallback(
    _ rk: OpaquePointer?, _ message: UnsafePointer<rd_kafka_message_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let message, let opaque else { return }
    // Once per message: borrowing the context (which the client keeps alive) and its ledger (a
    // constant of it) spares reference counting each time.
    Unmanaged<RDKafkaCallbacks>.fromOpaque(opaque)._withUnsafeGuaranteedRef { $0.deliveries?.record(message) }
}

private func rdRebalanceCallback(
    _ rk: OpaquePointer?, _ err: rd_kafka_resp_err_t,
    _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
    _ opaque: UnsafeMutableRawPointer?
) {
    guard let partitions, let callbacks = RDKafkaCallbacks.from(opaque) else { return }
    callbacks.onRebalance?(err, partitions)
}
