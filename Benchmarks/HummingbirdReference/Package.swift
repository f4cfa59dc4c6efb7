// swift-tools-version:6.1
// Reference server for Benchmarks/http-bench.sh: Hummingbird 2 answering the same route with the same
// JSON bytes as our http-bench-server. Its own package so the main package never pulls in SwiftNIO.
import PackageDescription

let package = Package(
    name: "HummingbirdReference",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdReference",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
