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

    /// A JSON string literal (see `JSONText.quoted`).
    static func quoted(_ text: String) -> String {
        JSONText.quoted(text)
    }
}
