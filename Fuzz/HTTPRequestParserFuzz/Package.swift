// swift-tools-version:6.1
// libFuzzer target for the HTTP request parser. A package of its own so that neither `swift build`
// nor `swift test` of the main package ever builds it. Command and results: Docs/fuzzing.md.
import PackageDescription

let package = Package(
    name: "HTTPRequestParserFuzz",
    dependencies: [
        .package(name: "cablegate", path: "../.."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "HTTPRequestParserFuzz",
            dependencies: ["CFuzzerDriver", .product(name: "HTTPServer", package: "cablegate")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
