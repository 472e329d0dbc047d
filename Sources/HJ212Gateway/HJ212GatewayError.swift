/// Why the gateway could not start or a devices file was refused; `reason` names the file, the
/// device entry, the field and the rule (`devices.yaml: devices[3] (line 12): park_id: …`).
public struct HJ212GatewayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category.
    public enum Code: String, Hashable, Sendable {
        /// The devices file is not YAML.
        case syntax
        /// The devices file is YAML but breaks its format.
        case invalid
        /// The listen address cannot be bound.
        case bindFailed = "bind_failed"
    }

    public var code: Code
    public var reason: String
    public var line: Int?

    public init(code: Code, reason: String, line: Int? = nil) {
        self.code = code
        self.reason = reason
        self.line = line
    }

    public var description: String { reason }

    /// A port in use may be freed; a bad devices file stays bad.
    public var isRetriable: Bool { code == .bindFailed }
}
