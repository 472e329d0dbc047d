import ParkStreamOps
import Testing

@Suite("ops bearer token", .serialized, .timeLimit(.minutes(2)))
struct OpsTokenTests {
    @Test("with a token, /api/* needs it: 401 without, 401 wrong, 200 right; probes and /metrics stay open")
    func tokenRequired() async throws {
        let state = OpsState()
        state.publish(engine: OpsFixtures.engine(), partition: 0)
        state.setReady(true)
        try await OpsHTTP.withServer(state, token: "s3cret-token") { port in
            for path in ["/api/alerts", "/api/aggregates?park=jinshan&metric=wastewater_compliance"] {
                let cases: [(String?, Int)] = [
                    (nil, 401), ("s3cret-tokeN", 401), ("s3cret", 401), ("s3cret-token", 200),
                ]
                for (token, status) in cases {
                    let reply = try await OpsHTTP.get(path, port: port, token: token)
                    #expect(reply.status == status, "\(path) with token \(token ?? "none")")
                }
            }
            for path in ["/healthz", "/readyz", "/metrics"] {
                let reply = try await OpsHTTP.get(path, port: port)
                #expect(reply.status == 200, "\(path) is open")
            }
        }
    }

    @Test("without a token, /api/* is open")
    func noToken() async throws {
        try await OpsHTTP.withServer(OpsState()) { port in
            let reply = try await OpsHTTP.get("/api/alerts", port: port)
            #expect(reply.status == 200)
        }
    }
}
