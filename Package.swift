// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ParkStream",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parkstream", targets: ["parkstream"]),
        .library(name: "KafkaClient", targets: ["KafkaClient"]),
        .library(name: "ParkMetrics", targets: ["ParkMetrics"]),
        .library(name: "StreamEngine", targets: ["StreamEngine"]),
        .library(name: "ParkRules", targets: ["ParkRules"]),
        .library(name: "ParkScore", targets: ["ParkScore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        // Ops HTTP only (ParkStreamOps). No traits: skips swift-configuration and full Foundation.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // MARK: - C
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),

        // MARK: - Libraries
        .target(
            name: "KafkaClient",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "ParkMetrics"),
        .target(name: "StreamEngine", dependencies: ["ParkMetrics"]),
        .target(name: "ParkSimulator", dependencies: ["ParkMetrics"]),
        .target(name: "HJ212", dependencies: ["ParkMetrics"]),
        .target(
            name: "HJ212Gateway",
            dependencies: [
                "HJ212", "KafkaClient", "ParkMetrics", "ParkStreamOps",
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "ParkRules", dependencies: ["ParkMetrics", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "ParkScore",
            dependencies: ["ParkMetrics", "StreamEngine", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "ParkStreamRuntime",
            dependencies: [
                "KafkaClient", "ParkMetrics", "StreamEngine", "ParkRules",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ParkStreamOps",
            dependencies: [
                "ParkMetrics", "ParkRules", "StreamEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: - CLI
        .executableTarget(
            name: "parkstream",
            dependencies: [
                "KafkaClient",
                "ParkMetrics",
                "StreamEngine",
                "ParkStreamRuntime",
                "ParkRules",
                "ParkSimulator",
                "ParkStreamOps",
                "ParkScore",
                "HJ212Gateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: - Benchmarks (bench/)
        .executableTarget(
            name: "kafka-bench",
            dependencies: ["KafkaClient", .product(name: "Logging", package: "swift-log")],
            path: "bench/Sources/kafka-bench"
        ),
        .executableTarget(
            name: "parkstream-bench",
            dependencies: ["ParkMetrics"],
            path: "bench/Sources/parkstream-bench"
        ),
        .executableTarget(
            name: "latency-bench",
            dependencies: ["KafkaClient", .product(name: "Logging", package: "swift-log")],
            path: "bench/Sources/latency-bench"
        ),
        .executableTarget(
            name: "engine-bench",
            dependencies: ["ParkMetrics", "StreamEngine"],
            path: "bench/Sources/engine-bench"
        ),

        .executableTarget(
            name: "hj212-bench",
            dependencies: [
                "HJ212", "HJ212Gateway", "KafkaClient", "ParkStreamOps",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/Sources/hj212-bench"
        ),

        // MARK: - Tests
        .target(
            name: "KafkaTestSupport",
            dependencies: ["KafkaClient", .product(name: "Logging", package: "swift-log")],
            path: "Tests/KafkaTestSupport"
        ),
        .testTarget(
            name: "KafkaClientTests",
            dependencies: ["KafkaClient", "KafkaTestSupport"]
        ),
        .testTarget(
            name: "ParkStreamCLITests",
            dependencies: [
                "parkstream", "ParkStreamRuntime", "ParkRules", "ParkMetrics", "KafkaClient", "KafkaTestSupport",
            ]
        ),
        .testTarget(
            name: "ParkSimulatorTests",
            dependencies: ["ParkSimulator", "ParkMetrics"]
        ),
        .testTarget(
            name: "ParkStreamRuntimeTests",
            dependencies: [
                "ParkStreamRuntime", "ParkSimulator", "ParkRules", "ParkMetrics", "StreamEngine", "KafkaClient",
                "KafkaTestSupport",
            ]
        ),
        .testTarget(
            name: "ParkMetricsTests",
            dependencies: [
                "ParkMetrics",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ParkStreamOpsTests",
            dependencies: [
                "ParkStreamOps", "ParkRules", "ParkMetrics", "StreamEngine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "HJ212Tests",
            dependencies: [
                "HJ212", "ParkMetrics",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "HJ212GatewayTests",
            dependencies: [
                "HJ212Gateway", "HJ212", "ParkMetrics", "KafkaClient", "KafkaTestSupport", "ParkStreamOps",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ParkRulesTests",
            dependencies: ["ParkRules", "ParkMetrics"]
        ),
        .testTarget(
            name: "ParkScoreTests",
            dependencies: ["ParkScore", "ParkMetrics", "StreamEngine"]
        ),
        .testTarget(
            name: "StreamEngineTests",
            dependencies: [
                "StreamEngine",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
