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
                #expect(try await OpsHTTP.get(path, port: port).status == 401, "\(path) without a token")
                #expect(try await OpsHTTP.get(path, port: port, token: "s3cret-tokeN").status == 401, "\(path) wrong")
                #expect(try await OpsHTTP.get(path, port: port, token: "s3cret").status == 401, "\(path) prefix")
                #expect(try await OpsHTTP.get(path, port: port, token: "s3cret-token").status == 200, "\(path) right")
            }
            for path in ["/healthz", "/readyz", "/metrics"] {
                #expect(try await OpsHTTP.get(path, port: port).status == 200, "\(path) is open")
            }
        }
    }

    @Test("without a token, /api/* is open")
    func noToken() async throws {
        try await OpsHTTP.withServer(OpsState()) { port in
            #expect(try await OpsHTTP.get("/api/alerts", port: port).status == 200)
        }
    }
}
