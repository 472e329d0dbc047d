import ParkMetrics

/// Helpers shared by the ParkMetrics tests.
enum TestSupport {
    /// A valid telemetry event line, the one of ARCHITECTURE.md §4.
    static let goodLine =
        #"{"event_id":"jinshan-ww01-000123","park_id":"jinshan","metric":"wastewater_compliance","#
        + #""observed_at":"2017-06-08T10:00:00+08:00","value":1,"weight":1,"source":"ww01"}"#

    /// A valid monthly event line.
    static let monthlyLine =
        #"{"event_id":"jinshan-av-2017-05","park_id":"jinshan","metric":"added_value","#
        + #""observed_at":"2017-06-08T10:00:00+08:00","value":12345.6,"period":"2017-05"}"#

    /// The error message for `bytes`, or nil when they decode.
    static func message(_ bytes: [UInt8]) -> String? {
        var decoder = MetricEventDecoder()
        do throws(MetricEventError) {
            _ = try decoder.decode(bytes)
            return nil
        } catch {
            return error.description
        }
    }

    /// The error message for `line`, or nil when it decodes.
    static func message(_ line: String) -> String? { message(Array(line.utf8)) }

    /// The good line with `field`'s JSON text replaced by `json`, or the field removed when nil.
    static func replacing(_ field: String, with json: String?, in line: String = goodLine) -> String {
        var parts = line.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let index = parts.firstIndex(where: { $0.hasPrefix("\"\(field)\":") }) {
            if let json { parts[index] = "\"\(field)\":\(json)" } else { parts.remove(at: index) }
        } else if let json {
            parts.append("\"\(field)\":\(json)")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// `#filePath`'s repository root: the folder holding Package.swift.
    static func repositoryRoot(filePath: String = #filePath) -> String {
        var components = filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast(3)  // Tests/ParkMetricsTests/File.swift
        return components.joined(separator: "/")
    }
}
