/// A librdkafka properties file (`--kafka-config`), as kcat's `-F` and the Java client read them:
/// `key=value` per line, `#` or `!` comments, blank lines ignored. The key is trimmed; the value is
/// everything after the first `=` without its leading blanks, so a password may hold any character;
/// `\n` and `\r\n` line ends alike. Errors name the line, never its text: it may hold a secret.
enum KafkaPropertiesFile {
    static func parse(_ text: String, path: String) throws -> [(key: String, value: String)] {
        var properties: [(key: String, value: String)] = []
        // `\r\n` is one Character in Swift: split on every newline kind, not on "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let content = line.drop { $0 == " " || $0 == "\t" }
            if content.isEmpty || content.hasPrefix("#") || content.hasPrefix("!") { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw CommandFailure("--kafka-config \(path) line \(index + 1): expected key=value")
            }
            let key = content[..<equals].trimmingBlanks
            guard !key.isEmpty else {
                throw CommandFailure("--kafka-config \(path) line \(index + 1): no key before \"=\"")
            }
            let value = content[content.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
            properties.append((key, String(value)))
        }
        return properties
    }
}

extension Substring {
    fileprivate var trimmingBlanks: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
