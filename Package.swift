// swift-tools-version:6.1
import PackageDescription

// Module layout (Docs/architecture.md): one job per module.
//   CableParser  raw text -> Cable (Foundation only)
//   CableStore   SQLite store, queries, importer
//   Gzip         gzip compression and decompression over zlib (store and HTTP server)
//   HTTPServer   generic HTTP/1.1 server on epoll (knows nothing of cables)
//   CableAPI     the v1 REST surface over HTTPServer + CableStore
//   cablegate    the executable (serve, import, parse)

let package = Package(
    name: "cablegate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cablegate", targets: ["cablegate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
    ],
    targets: []
)

// MARK: - System libraries (apt: libsqlite3-dev, zlib1g-dev)

package.targets += [
    .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
]

// MARK: - gzip (zlib's deflate and inflate, for the store and the HTTP server)

package.targets += [
    .target(name: "Gzip", dependencies: ["CZlib"]),
    // CZlib: zlib-format test data is made with zlib's own compress.
    .testTarget(name: "GzipTests", dependencies: ["Gzip", "CZlib"]),
]

// MARK: - Parser

// Library products of the parser and the extractor: for Fuzz/CableFuzz, a package of its own.
package.products += [
    .library(name: "CableParser", targets: ["CableParser"]),
    .library(name: "CableEntities", targets: ["CableEntities"]),
]
package.targets += [
    .target(
        name: "CableParser",
        resources: [.process("Resources")]
    ),
    .testTarget(
        name: "CableParserTests",
        dependencies: ["CableParser"]
    ),
]

// MARK: - Store

package.targets += [
    // SHA-256 on the CPU's SHA instructions, for the content hashes of imports (C: intrinsics).
    .target(name: "CSHA256"),
    .target(
        name: "CableStore",
        dependencies: ["CSQLite", "Gzip", "CSHA256", "CableParser"]
    ),
    .testTarget(
        name: "CableStoreTests",
        dependencies: ["CableStore", "CableParser"]
    ),
    .executableTarget(
        name: "store-bench",
        dependencies: [
            "CableStore", "CableParser", "Gzip",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        path: "Benchmarks/StoreBenchmark"
    ),
]

// MARK: - Entities

package.targets += [
    .target(
        name: "CableEntities",
        dependencies: ["CableParser"],
        resources: [.process("Resources")]
    ),
    .testTarget(
        name: "CableEntitiesTests",
        dependencies: ["CableEntities", "CableParser", "CableStore"]
    ),
    .executableTarget(
        name: "entities-eval",
        dependencies: ["CableEntities", "CableParser", "CableStore"],
        path: "Benchmarks/entities/Sources/entities-eval"
    ),
]

// MARK: - Executable

package.targets += [
    .executableTarget(
        name: "cablegate",
        dependencies: [
            "CableParser",
            "CableStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
]

// MARK: - HTTP server

package.products += [
    .library(name: "HTTPServer", targets: ["HTTPServer"]),
]
package.targets += [
    .target(name: "CHTTPSystem"),
    .target(
        name: "HTTPServer",
        dependencies: [
            "Gzip",
            "CHTTPSystem",
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]
    ),
    .testTarget(
        name: "HTTPServerTests",
        // CZlib: the tests check the server's gzip with zlib's own inflate, not with Gzip's.
        dependencies: ["HTTPServer", "Gzip", "CZlib"]
    ),
    .executableTarget(
        name: "http-bench-server",
        dependencies: ["HTTPServer"],
        path: "Benchmarks/http-bench-server"
    ),
]

// MARK: - API

package.targets += [
    .target(
        name: "CableAPI",
        dependencies: [
            "CableParser",
            "CableStore",
            "HTTPServer",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Configuration", package: "swift-configuration"),
        ],
        resources: [.copy("Resources/openapi.yaml"), .copy("Resources/sample")]
    ),
    .testTarget(
        name: "CableAPITests",
        dependencies: ["CableAPI"]
    ),
    .testTarget(
        name: "EndToEndTests",
        dependencies: ["CableAPI", "HTTPServer"]
    ),
]
// The executable's serve command lives in the API's area; add its dependency here, not in the parser's section.
for target in package.targets where target.name == "cablegate" {
    target.dependencies += ["CableAPI", "HTTPServer", .product(name: "Logging", package: "swift-log")]
}

// MARK: - Entities in the executable (extractor at import, reindex --entities)

for target in package.targets where target.name == "cablegate" {
    target.dependencies.append("CableEntities")
}

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.swiftLanguageMode(.v6)]
}
