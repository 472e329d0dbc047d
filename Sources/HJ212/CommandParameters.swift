/// The command parameters of a packet, the text between `CP=&&` and the closing `&&`: groups
/// separated by `;`, `key=value` items inside a group separated by `,`. Keys with a `-` are
/// pollutant values (`w01018-Avg`); the others are plain fields (`DataTime`, `RtdInterval`).
public struct CommandParameters: Hashable, Sendable {
    /// Plain fields by name.
    public var fields: [String: String]
    /// Pollutants in the order they first appear; a code that appears in several groups is merged.
    public var pollutants: [PollutantRecord]

    public init(fields: [String: String] = [:], pollutants: [PollutantRecord] = []) {
        self.fields = fields
        self.pollutants = pollutants
    }

    /// Parses CP text; empty groups and items are skipped. A field given twice must agree.
    public init(parsing text: Substring) throws(HJ212Error) {
        var fields: [String: String] = [:]
        var pollutants: [PollutantRecord] = []
        var index: [String: Int] = [:]
        for group in text.split(separator: ";", omittingEmptySubsequences: true) {
            for item in group.split(separator: ",", omittingEmptySubsequences: true) {
                guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                    throw .malformed("CP: \"\(item.prefix(40))\" is not key=value")
                }
                let key = item[..<equals]
                let value = String(item[item.index(after: equals)...])
                if let dash = key.firstIndex(of: "-"), dash != key.startIndex {
                    let code = String(key[..<dash])
                    let name = String(key[key.index(after: dash)...])
                    guard !name.isEmpty else { throw .malformed("CP: \"\(key)\" has no field name after -") }
                    let position = index[code] ?? pollutants.count
                    if position == pollutants.count {
                        index[code] = position
                        pollutants.append(PollutantRecord(code: code))
                    }
                    if let earlier = pollutants[position].values[name], earlier != value {
                        throw .malformed("CP: \(key) given twice with different values")
                    }
                    pollutants[position].values[name] = value
                } else {
                    let name = String(key)
                    if let earlier = fields[name], earlier != value {
                        throw .malformed("CP: \(name) given twice with different values")
                    }
                    fields[name] = value
                }
            }
        }
        self.init(fields: fields, pollutants: pollutants)
    }

    /// `DataTime`: when the values were measured (`yyyyMMddHHmmss`, device local time).
    public var dataTime: String? { fields["DataTime"] }

    /// The pollutant whose HJ 212-2017 code is `code` (sent as that code or its 2005 equivalent).
    public func pollutant(_ code: String) -> PollutantRecord? {
        pollutants.first { $0.normalizedCode == code }
    }
}
