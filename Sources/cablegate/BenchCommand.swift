import ArgumentParser
import CableParser
import Foundation

/// `cablegate bench parse DIR`: parses every `.txt` cable in DIR repeatedly and prints MB/s and cables/s.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (run from a release build).",
        subcommands: [Parse.self]
    )

    /// The parser benchmark.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse a directory of cables repeatedly, one core.")

        @Argument(help: "Directory of <ID>.txt cables.")
        var directory: String = "../shared/corpus/cables"

        @Option(help: "Seconds to run (at least one full pass is made).")
        var seconds: Double = 10

        func run() throws {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".txt") }.sorted()
            guard !files.isEmpty else { throw ValidationError("\(directory): no .txt files") }
            let inputs = files.compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map { [UInt8]($0) } }
            let corpusBytes = inputs.reduce(0) { $0 + $1.count }
            let parser = CableParser()
            var cables = 0, bytes = 0, failures = 0, paragraphs = 0
            let clock = ContinuousClock()
            let start = clock.now
            repeat {
                for input in inputs {
                    do {
                        let cable = try parser.parse(bytes: input)
                        paragraphs &+= cable.paragraphs.count
                    } catch {
                        failures += 1
                    }
                    cables += 1
                    bytes += input.count
                }
            } while (clock.now - start) < .seconds(seconds)
            let elapsed = clock.now - start
            let secondsElapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let megabytes = Double(bytes) / 1_000_000
            print("corpus: \(inputs.count) cables, \(corpusBytes) bytes; passes: \(cables / inputs.count)")
            print(String(format: "parsed %d cables (%.1f MB) in %.2f s: %.1f MB/s, %.0f cables/s, failures %d (paragraphs %d)",
                         cables, megabytes, secondsElapsed, megabytes / secondsElapsed,
                         Double(cables) / secondsElapsed, failures, paragraphs))
        }
    }
}
