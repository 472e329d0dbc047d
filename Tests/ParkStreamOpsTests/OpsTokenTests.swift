import Logging
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

    @Test("printing the configuration or the server (as swift-service-lifecycle's debug logs do) hides the token")
    func descriptionsHideTheToken() {
        let configuration = OpsServerConfiguration(host: "0.0.0.0", port: 9464, bearerToken: "s3cret-token")
        let server = OpsServer(state: OpsState(), configuration: configuration, logger: Logger(label: "test"))
        for text in [
            String(describing: configuration), String(reflecting: configuration), "\(server)",
            String(reflecting: server), String(describing: [configuration]),
        ] {
            #expect(!text.contains("s3cret"), "\(text)")
            #expect(text.contains("0.0.0.0:9464"), "\(text)")
        }
        #expect(configuration.description == "0.0.0.0:9464 (token for /api: set)")
        #expect(OpsServerConfiguration().description == "127.0.0.1:9464 (token for /api: none)")
    }

    @Test("without a token, /api/* is open")
    func noToken() async throws {
        try await OpsHTTP.withServer(OpsState()) { port in
            let reply = try await OpsHTTP.get("/api/alerts", port: port)
            #expect(reply.status == 200)
        }
    }
}
