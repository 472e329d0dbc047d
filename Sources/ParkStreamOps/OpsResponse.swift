import Hummingbird
import ParkMetrics

/// Small builders for the ops port's plain, JSON and Prometheus responses.
enum OpsResponse {
    static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

    static func text(_ status: HTTPResponse.Status, _ body: String, contentType: String = "text/plain; charset=utf-8")
        -> Response
    {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        text(status, body, contentType: "application/json")
    }

    /// `{"error":"…"}`.
    static func errorJSON(_ message: String) -> String {
        "{\"error\":" + quoted(message) + "}"
    }

    /// A JSON string literal: `"`, `\` and control characters escaped, everything else as UTF-8.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
