import ArgumentParser
import CableParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `cablegate bench parse DIR`: parses every `.txt` cable in DIR repeatedly on one thread and prints
/// MB/s and cables/s, by wall clock and by the thread's own CPU time (the machine is shared).
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
            let inputs: [(id: String, bytes: [UInt8])] = files.compactMap { file in
                FileManager.default.contents(atPath: directory + "/" + file).map { (String(file.dropLast(4)), [UInt8]($0)) }
            }
            let corpusBytes = inputs.reduce(0) { $0 + $1.bytes.count }
            let parser = CableParser()
            var cables = 0, bytes = 0, failures = 0, paragraphs = 0
            let clock = ContinuousClock()
            let start = clock.now
            let cpuStart = Self.threadCPUSeconds()
            repeat {
                for input in inputs {
                    do {
                        let cable = try parser.parse(bytes: input.bytes, knownID: input.id)
                        paragraphs &+= cable.paragraphs.count
                    } catch {
                        failures += 1
                    }
                    cables += 1
                    bytes += input.bytes.count
                }
            } while (clock.now - start) < .seconds(seconds)
            let cpu = Self.threadCPUSeconds() - cpuStart
            let elapsed = clock.now - start
            let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let megabytes = Double(bytes) / 1_000_000
            print("corpus: \(inputs.count) cables, \(corpusBytes) bytes; passes: \(cables / inputs.count); failures: \(failures); paragraphs: \(paragraphs)")
            print(String(format: "wall: %.2f s, %.1f MB/s, %.0f cables/s", wall, megabytes / wall, Double(cables) / wall))
            print(String(format: "cpu:  %.2f s, %.1f MB/s, %.0f cables/s (this thread's CPU time)", cpu, megabytes / cpu, Double(cables) / cpu))
        }

        static func threadCPUSeconds() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        }
    }
}
