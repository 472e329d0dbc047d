import Hummingbird
import ParkMetrics

/// The handlers of the ops port, reading only ``OpsState`` copies.
struct OpsRoutes: Sendable {
    let state: OpsState

    /// `GET /healthz`: the process answers.
    func healthz() -> Response {
        OpsResponse.text(.ok, "ok\n")
    }

    /// `GET /readyz`: 200 once state is restored, 503 before and while rebalancing.
    func readyz() -> Response {
        state.isReady ? OpsResponse.text(.ok, "ready\n") : OpsResponse.text(.serviceUnavailable, "not ready\n")
    }

    /// `GET /metrics`: Prometheus text format.
    func metrics() -> Response {
        OpsResponse.text(.ok, state.prometheusText(), contentType: OpsResponse.prometheusContentType)
    }

    /// `GET /api/alerts`: the firing alert events, canonical JSON objects in one array.
    func alerts() -> Response {
        let events = state.snapshot().firing.map { $0.canonicalJSON() }
        return OpsResponse.json(.ok, "[" + events.joined(separator: ",") + "]")
    }

    /// `GET /api/aggregates?park=&metric=`: every window's value and count, 400 naming a bad
    /// parameter, 404 for a park no assigned partition has seen.
    func aggregates(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        guard let parkText = query["park"].map(String.init), !parkText.isEmpty else {
            return OpsResponse.json(.badRequest, OpsResponse.errorJSON("park: missing"))
        }
        guard let park = ParkID(rawValue: parkText) else {
            return OpsResponse.json(.badRequest, OpsResponse.errorJSON("park: not a park id: \(parkText)"))
        }
        guard let metricText = query["metric"].map(String.init), !metricText.isEmpty else {
            return OpsResponse.json(.badRequest, OpsResponse.errorJSON("metric: missing"))
        }
        guard let metric = Metric(name: metricText) else {
            return OpsResponse.json(.badRequest, OpsResponse.errorJSON("metric: unknown metric: \(metricText)"))
        }
        guard let windows = state.aggregates(park: park, metric: metric) else {
            return OpsResponse.json(.notFound, OpsResponse.errorJSON("park: unknown park: \(parkText)"))
        }
        let rows = windows.map { row in
            "{\"window\":" + OpsResponse.quoted(row.window.description) + ",\"value\":"
                + ShortestNumber.format(row.aggregate.value) + ",\"count\":" + String(row.aggregate.count) + "}"
        }
        let body =
            "{\"park_id\":" + OpsResponse.quoted(park.rawValue) + ",\"metric\":" + OpsResponse.quoted(metric.name)
            + ",\"windows\":[" + rows.joined(separator: ",") + "]}"
        return OpsResponse.json(.ok, body)
    }
}
