import HJ212

/// What the gateway listens on, whom it knows, what it judges and where it writes.
public struct HJ212GatewayConfiguration: Sendable {
    /// The address to bind (`0.0.0.0` for every interface).
    public var host: String
    /// The TCP port; 0 lets the system pick one (see ``HJ212Gateway/start()``).
    public var port: Int
    /// The devices by MN.
    public var registry: DeviceRegistry
    /// Which packets give events (CN, ST).
    public var judge = ComplianceJudge()
    /// Every frame received, with its verdict (key MN when known).
    public var rawTopic = "park.hj212.raw"
    /// Compliance events (metric events v1, key park_id).
    public var metricsTopic = "park.metrics"
    /// Event-loop threads serving connections.
    public var threads = 2
    /// Pending connections the listening socket queues (many devices reconnect at once after an
    /// outage).
    public var backlog = 4096
    /// Split uploads one connection may have waiting at once.
    public var maxPendingSplits = 64

    public init(host: String, port: Int, registry: DeviceRegistry) {
        self.host = host
        self.port = port
        self.registry = registry
    }

    /// Parses `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (every interface); nil when malformed.
    public static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}
