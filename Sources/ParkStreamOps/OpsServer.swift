import Hummingbird
import Logging
import NIOCore

/// The worker's ops HTTP port (Hummingbird 2): `/healthz`, `/readyz`, `/metrics`,
/// `/api/aggregates?park=&metric=`, `/api/alerts`.
///
/// Ways to run it:
/// - As a `Service` in the worker's `ServiceGroup` (preferred, STYLE.md): graceful shutdown on
///   SIGTERM/SIGINT lets open requests finish and closes the port.
/// - ``run(onBound:)`` in a task group: it returns when the task is cancelled, the port closed
///   (Hummingbird then logs the cancellation of its open channels at error level).
/// - ``start(timeout:)`` from synchronous code (the worker's thread, `main`): it returns once the
///   port is bound, and ``RunningOpsServer/stop()`` cancels and waits for the server to end.
public struct OpsServer: Sendable {
    /// What the handlers read.
    public let state: OpsState
    /// Address, port and token.
    public let configuration: OpsServerConfiguration
    let logger: Logger

    /// A server over `state`; the logger gets `ops.*` metadata and Hummingbird's request logs.
    public init(state: OpsState, configuration: OpsServerConfiguration = OpsServerConfiguration(), logger: Logger) {
        self.state = state
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until the calling task is cancelled; `onBound` gets the bound port once listening
    /// (the real one when the configuration asks for port 0). Throws when the address cannot be bound.
    public func run(onBound: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let logger = self.logger
        let host = configuration.host
        let application = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("ops port listening", metadata: ["ops.host": "\(host)", "ops.port": "\(port)"])
                onBound(port)
            },
            logger: logger
        )
        try await application.run()
    }

    /// The routes; `/api/*` behind the bearer token when one is configured.
    func makeRouter() -> Router<BasicRequestContext> {
        let routes = OpsRoutes(state: state)
        let router = Router()
        router.get("healthz") { _, _ in routes.healthz() }
        router.get("readyz") { _, _ in routes.readyz() }
        router.get("metrics") { _, _ in routes.metrics() }
        let api = router.group("api")
        if let token = configuration.bearerToken {
            api.add(middleware: BearerTokenMiddleware(token: token))
        }
        api.get("aggregates") { request, _ in routes.aggregates(request) }
        api.get("alerts") { _, _ in routes.alerts() }
        return router
    }
}
