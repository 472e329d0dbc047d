import HJ212
import ParkMetrics
import Yams

/// Reads a devices file (YAML) into a ``DeviceRegistry``, refusing it at the first problem:
///
/// ```yaml
/// devices:
///   - mn: "010000A8900016F000169DC0"
///     park_id: jinshan
///     monitor: ww01
///     limits: gb18918-1a          # a named set (the default when absent)
///   - mn: "88888880000001234567"
///     park_id: qibin
///     limits: {base: gb18918-1a, w21003: 8, w01001: {min: 6.5, max: 8.5}}
/// ```
///
/// `limits` as a mapping overrides single pollutants on top of `base` (default `gb18918-1a`): a
/// number is a maximum, `{min, max}` a range; keys are 2017 codes or their 2005 equivalents.
public enum DeviceFile {
    static let deviceFields = ["mn", "park_id", "monitor", "limits"]

    /// Parses the text of a devices file; `name` prefixes every error (the path).
    public static func parse(yaml: String, name: String = "devices file") throws(HJ212GatewayError) -> DeviceRegistry {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw HJ212GatewayError(code: .syntax, reason: "\(name): not YAML: \(error)")
        }
        guard let root, case .mapping(let top) = root else {
            throw HJ212GatewayError(code: .invalid, reason: "\(name): expected a mapping with a \"devices\" list")
        }
        let fields = try fieldMap(top, allowed: ["devices"], context: name)
        guard let list = fields["devices"] else {
            throw HJ212GatewayError(code: .invalid, reason: "\(name): devices: required")
        }
        guard case .sequence(let entries) = list else { throw fail("\(name): devices: expected a list", list) }
        var devices: [HJ212Device] = []
        var seen: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let context = "\(name): devices[\(index)]"
            let device = try parseDevice(entry, context: context)
            if let earlier = seen[device.mn] {
                throw fail("\(context): mn: \"\(device.mn)\" is also devices[\(earlier)]", entry)
            }
            seen[device.mn] = index
            devices.append(device)
        }
        return DeviceRegistry(devices)
    }

    private static func parseDevice(_ node: Node, context: String) throws(HJ212GatewayError) -> HJ212Device {
        guard case .mapping(let mapping) = node else { throw fail("\(context): expected a mapping", node) }
        let fields = try fieldMap(mapping, allowed: deviceFields, context: context)
        let mn = try text(fields, "mn", context: context, node: node)
        guard !mn.isEmpty, mn.utf8.count <= 64, mn.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3B }) else {
            throw fail("\(context): mn: \"\(mn)\" must be 1–64 printable ASCII characters without ;", fields["mn"])
        }
        let parkText = try text(fields, "park_id", context: context, node: node)
        guard let park = ParkID(rawValue: parkText) else {
            throw fail(
                "\(context): park_id: \"\(parkText)\" is not a park id (^[a-z0-9][a-z0-9-]{0,63}$)", fields["park_id"])
        }
        var monitor: String?
        if fields["monitor"] != nil { monitor = try text(fields, "monitor", context: context, node: node) }
        let limits = try fields["limits"].map { node throws(HJ212GatewayError) in
            try parseLimits(node, context: "\(context): limits")
        }
        return HJ212Device(mn: mn, parkID: park, monitor: monitor, limits: limits ?? .gb18918Class1A)
    }

    private static func parseLimits(_ node: Node, context: String) throws(HJ212GatewayError) -> LimitSet {
        let names = LimitSet.named.keys.sorted().joined(separator: ", ")
        if case .scalar(let scalar) = node {
            guard let set = LimitSet.named[scalar.string] else {
                throw fail("\(context): unknown limit set \"\(scalar.string)\" (known: \(names))", node)
            }
            return set
        }
        guard case .mapping(let mapping) = node else {
            throw fail("\(context): expected a limit set name or a mapping of pollutant codes", node)
        }
        let fields = try fieldMap(mapping, allowed: nil, context: context)
        var set = LimitSet.gb18918Class1A
        if let base = fields["base"] {
            guard case .scalar(let scalar) = base, let named = LimitSet.named[scalar.string] else {
                throw fail("\(context): base: unknown limit set (known: \(names))", base)
            }
            set = named
        }
        for (code, value) in fields.entries where code != "base" {
            set.limits[PollutantCode.normalized(code)] = try parseLimit(value, context: "\(context): \(code)")
        }
        return set
    }

    private static func parseLimit(_ node: Node, context: String) throws(HJ212GatewayError) -> PollutantLimit {
        if case .scalar(let scalar) = node {
            guard let max = Double(scalar.string), max.isFinite else {
                throw fail("\(context): \"\(scalar.string)\" is not a number (a maximum) or {min, max}", node)
            }
            return PollutantLimit(max: max)
        }
        guard case .mapping(let mapping) = node else { throw fail("\(context): expected a number or {min, max}", node) }
        let fields = try fieldMap(mapping, allowed: ["min", "max"], context: context)
        func bound(_ name: String) throws(HJ212GatewayError) -> Double? {
            guard let value = fields[name] else { return nil }
            guard case .scalar(let scalar) = value, let number = Double(scalar.string), number.isFinite else {
                throw fail("\(context): \(name): not a number", value)
            }
            return number
        }
        let limit = PollutantLimit(min: try bound("min"), max: try bound("max"))
        guard limit.min != nil || limit.max != nil else { throw fail("\(context): needs min, max or both", node) }
        if let min = limit.min, let max = limit.max, min > max {
            throw fail("\(context): min \(min) is above max \(max)", node)
        }
        return limit
    }

    // MARK: - Helpers

    private static func text(_ fields: Fields, _ name: String, context: String, node: Node) throws(HJ212GatewayError)
        -> String
    {
        guard let value = fields[name] else { throw fail("\(context): \(name): required", node) }
        guard case .scalar(let scalar) = value else { throw fail("\(context): \(name): expected text", value) }
        return scalar.string
    }

    struct Fields {
        var entries: [(String, Node)] = []
        subscript(name: String) -> Node? { entries.first { $0.0 == name }?.1 }
    }

    private static func fieldMap(_ mapping: Node.Mapping, allowed: [String]?, context: String)
        throws(HJ212GatewayError) -> Fields
    {
        var fields = Fields()
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw fail("\(context): a field name must be text", key) }
            let name = scalar.string
            if fields[name] != nil { throw fail("\(context): duplicate field \"\(name)\"", key) }
            if let allowed, !allowed.contains(name) {
                throw fail("\(context): unknown field \"\(name)\" (fields: \(allowed.joined(separator: ", ")))", key)
            }
            fields.entries.append((name, value))
        }
        return fields
    }

    private static func fail(_ reason: String, _ node: Node?) -> HJ212GatewayError {
        let line = node?.mark?.line
        return HJ212GatewayError(
            code: .invalid, reason: line.map { "\(reason) (line \($0))" } ?? reason, line: line)
    }
}
