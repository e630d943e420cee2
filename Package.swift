// swift-tools-version: 6.1
import PackageDescription

// Layering (see docs/architecture.md): opendata (CLI) → CatalogServer → CatalogIO → CatalogCore.
// CatalogCore is pure: Foundation only, no network, no clock, no randomness.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "opendata",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "opendata", targets: ["opendata"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        // For the server tests' own client (Tests/CatalogServerTests/RouterTestClient.swift); already in the graph.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // SHA-1 for the CKAN API's name-based UUIDs (CKANIdentifiers.uuid5). Already resolved (swift-nio-extras and
        // swift-certificates depend on it) but compiled only for this: about 80 s of a first debug build on 2 cores.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .target(
            name: "CatalogCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "CatalogIO",
            dependencies: [
                "CatalogCore",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "CatalogServer",
            dependencies: [
                "CatalogCore",
                "CatalogIO",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "CatalogTestSupport",
            dependencies: ["CatalogCore", "CatalogIO"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "opendata",
            dependencies: [
                "CatalogCore",
                "CatalogIO",
                "CatalogServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Benchmark driver for scripts/bench.sh (stage timings, dedup benchmark); not a product.
        .executableTarget(
            name: "opendata-bench",
            dependencies: ["CatalogCore", "CatalogIO", "CatalogServer", "CatalogTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogCoreTests",
            dependencies: ["CatalogCore", "CatalogIO", "CatalogTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogIOTests",
            dependencies: ["CatalogIO", "CatalogCore", "CatalogTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogServerTests",
            dependencies: [
                "CatalogServer", "CatalogCore", "CatalogIO", "CatalogTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: strict
        ),
    ]
)
