/// The devices the gateway knows, by MN.
public struct DeviceRegistry: Hashable, Sendable {
    public private(set) var devices: [String: HJ212Device]

    /// A registry of `devices`; a later device with the same MN replaces an earlier one (the
    /// devices-file loader refuses duplicates before this).
    public init(_ devices: [HJ212Device] = []) {
        self.devices = Dictionary(devices.map { ($0.mn, $0) }, uniquingKeysWith: { _, later in later })
    }

    public subscript(mn: String) -> HJ212Device? { devices[mn] }

    public var count: Int { devices.count }
}
