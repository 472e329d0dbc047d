import Yams

/// The fields of a YAML mapping by name, refusing duplicates and (when `allowed` is given) unknown names.
struct FieldMap {
    private var values: [String: Node] = [:]
    /// The names in file order.
    private(set) var names: [String] = []

    init(_ mapping: Node.Mapping, allowed: [String]?, context: String) throws(RuleError) {
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw FieldParser.error("\(context): a field name must be text", at: key)
            }
            let name = scalar.string
            if values[name] != nil {
                throw FieldParser.error("\(context): duplicate field \"\(name)\"", at: key)
            }
            if let allowed, !allowed.contains(name) {
                throw FieldParser.error(
                    "\(context): unknown field \"\(name)\" (fields: \(allowed.joined(separator: ", ")))", at: key)
            }
            values[name] = value
            names.append(name)
        }
    }

    subscript(name: String) -> Node? { values[name] }
}
