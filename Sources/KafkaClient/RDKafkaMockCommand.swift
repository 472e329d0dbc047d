import CRdKafka
import Dispatch
import Glibc

/// Runs commands on librdkafka's mock cluster thread without its lost-wake-up stall.
///
/// librdkafka 2.0.2's mock cluster thread polls its sockets and a wake-up pipe, serves its command
/// queue, and only then drains the pipe. A command queued between those two steps (the caller's
/// next command, sent the moment the previous one is answered) has its wake-up byte drained with
/// the old ones and waits for the poll's 1 s timeout; creating a cluster's topics and leaders (78
/// commands) stalled 3–14 s in one start out of two. The command runs on a dispatch thread while
/// the caller, every 5 ms until it is answered, opens and closes a TCP connection to one of the
/// brokers: the listening socket turns readable, the poll returns, and the queue is served.
struct RDKafkaMockCommand {
    /// The brokers' loopback ports, any of which wakes the cluster thread.
    let ports: [UInt16]

    init(bootstrapServers: String) {
        ports = bootstrapServers.split(separator: ",").compactMap {
            $0.split(separator: ":").last.flatMap { UInt16($0) }
        }
    }

    /// Runs `command` (a blocking `rd_kafka_mock_*` call) and returns its result.
    func run(_ command: @escaping @Sendable () -> rd_kafka_resp_err_t) -> rd_kafka_resp_err_t {
        let answered = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result = RD_KAFKA_RESP_ERR_NO_ERROR
        DispatchQueue.global().async {
            result = command()
            answered.signal()
        }
        while answered.wait(timeout: .now() + .milliseconds(5)) == .timedOut {
            wakeClusterThread()
        }
        return result  // written before the signal the loop waited for
    }

    /// Connects to the first broker that accepts (a broker taken down refuses) and hangs up.
    private func wakeClusterThread() {
        for port in ports {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if connected == 0 { return }
        }
    }
}
