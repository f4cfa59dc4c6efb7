// swift-tools-version:6.1
// libFuzzer target for the cable parser and the entity extractor. A package of its own so that
// neither `swift build` nor `swift test` of the main package ever builds it. Docs/fuzzing.md.
import PackageDescription

let package = Package(
    name: "CableFuzz",
    dependencies: [
        .package(name: "cablegate", path: "../.."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "CableFuzz",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "CableParser", package: "cablegate"),
                .product(name: "CableEntities", package: "cablegate"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
