import ServiceLifecycle

/// The ops port as a swift-service-lifecycle `Service`: put it in the worker's `ServiceGroup` and
/// SIGTERM/SIGINT shut it down gracefully (open requests finish, the port closes) with the rest.
extension OpsServer: Service {
    /// Serves until graceful shutdown or cancellation (``run(onBound:)`` without a bound callback).
    public func run() async throws {
        try await run(onBound: { _ in })
    }
}

/// An ``OpsServer`` that reports its bound port, for a `ServiceGroup`.
struct BoundOpsService: Service {
    let server: OpsServer
    let onBound: @Sendable (Int) -> Void

    func run() async throws {
        try await server.run(onBound: onBound)
    }
}
