/// Where the ops port listens and who may read `/api/*`.
public struct OpsServerConfiguration: Sendable, Hashable {
    /// The address to bind; loopback by default, so nothing is exposed unless asked for.
    public var host: String
    /// The TCP port; 0 lets the system pick a free one (see ``RunningOpsServer/port``).
    public var port: Int
    /// When set, `/api/*` requires `Authorization: Bearer <token>`; `/healthz`, `/readyz` and
    /// `/metrics` stay open for probes and scrapers.
    public var bearerToken: String?

    /// The default ops port (Prometheus exporters' customary range).
    public static let defaultPort = 9464

    /// A configuration; loopback and port 9464 by default, no token.
    public init(host: String = "127.0.0.1", port: Int = OpsServerConfiguration.defaultPort, bearerToken: String? = nil)
    {
        self.host = host
        self.port = port
        self.bearerToken = bearerToken
    }

    /// Parses `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (loopback), as `--http` takes it; nil when malformed.
    public init?(address: String, bearerToken: String? = nil) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.init(host: host.isEmpty ? "127.0.0.1" : host, port: port, bearerToken: bearerToken)
    }
}

// MARK: - Descriptions without the token

/// `127.0.0.1:9464 (token for /api: set)`: whatever prints the configuration, or a value holding it
/// (swift-service-lifecycle logs its services at debug level), never prints the token.
extension OpsServerConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        return "\(address) (token for /api: \(bearerToken == nil ? "none" : "set"))"
    }

    public var debugDescription: String { "OpsServerConfiguration(\(description))" }
}
