import ArgumentParser

/// `store-bench`: the scale benchmark of the store and importer (run from a release build).
///
///     swift build -c release --product store-bench --product cablegate
///     .build/release/store-bench generate --count 251287 --output /tmp/cables.csv
///     /usr/bin/time -v .build/release/cablegate import --db /tmp/bench.sqlite /tmp/cables.csv
///     .build/release/store-bench query --db /tmp/bench.sqlite
@main
struct StoreBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-bench",
        abstract: "Generate a full-size cables.csv and measure query latency on an imported database.",
        subcommands: [GenerateCorpus.self, QueryBenchmark.self]
    )
}
