import ArgumentParser
import CableStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `cablegate import [--db PATH] PATH ...`: streams cables from files, directories, CSV, NDJSON (each
/// optionally gzip) or stdin into the store, and prints a summary.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import cables into the database.",
        discussion: """
            Each PATH is a cable text file, a directory (every .txt, .csv, .ndjson, .jsonl below it, \
            optionally .gz), a Cablegate cables.csv, or NDJSON of {"text": ..., "id"?: ...}; `-` reads \
            stdin (format and gzip detected). Re-importing a cable with the same text changes nothing; a \
            changed text replaces it and keeps the old one as a version. Records that fail are listed and \
            skipped. Exits non-zero only when nothing could be imported or the database failed.
            """
    )

    @Option(help: "SQLite database file (created when missing).")
    var db: String = "./data/cablegate.sqlite"

    @Option(help: "Cables per transaction.")
    var batchSize: Int = 512

    @Flag(help: "No progress output.")
    var quiet = false

    @Flag(help: "Skip entity extraction (faster); run `cablegate reindex --entities` later.")
    var noEntities = false

    @Argument(help: "Files, directories, or - for stdin.")
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one PATH (or - for stdin)") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() throws {
        let store: CableStore
        do {
            store = try CableStore(path: db)
        } catch {
            throw ImportCommandError("cannot open the database \(db): \(error)")
        }
        let importer = Importer(store: store, batchSize: batchSize, parse: noEntities ? nil : EntityPipeline.parse)
        let display = ProgressDisplay(enabled: !quiet)
        let summary: ImportSummary
        do {
            summary = try importer.run(paths.map(ImportInput.path), progress: { display.show($0) })
        } catch {
            display.finish()
            throw ImportCommandError("\(error)")
        }
        display.finish()
        for failure in summary.failed.prefix(50) {
            FileHandle.standardError.write(Data("failed record \(failure.record): \(failure.error)\n".utf8))
        }
        if summary.failedCount > 50 {
            FileHandle.standardError.write(Data("... and \(summary.failedCount - 50) more failed records\n".utf8))
        }
        let rate = summary.elapsed > 0 ? Double(summary.records) / summary.elapsed : 0
        print("imported \(summary.imported), updated \(summary.updated), unchanged \(summary.unchanged), "
            + "failed \(summary.failedCount) in \(String(format: "%.1f", summary.elapsed)) s "
            + "(\(Int(rate)) records/s, \(String(format: "%.1f", Double(summary.bytes) / 1_048_576)) MB read)")
        if summary.stored == 0 { throw ExitCode(1) }
    }
}

/// A fatal import error printed as one line.
struct ImportCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Progress on stderr: a redrawn bar on a terminal, a plain line every 5 s otherwise.
final class ProgressDisplay: @unchecked Sendable {
    private let enabled: Bool
    private let terminal: Bool
    private let lock = NSLock()
    private var lastLine = 0.0
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled
        terminal = isatty(STDERR_FILENO) == 1
    }

    func show(_ progress: ImportProgress) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        guard terminal || progress.elapsed - lastLine >= 5 else { return }
        lastLine = progress.elapsed
        let seconds = max(progress.elapsed, 0.001)
        let rate = Double(progress.records) / seconds
        let megabytes = Double(progress.bytes) / 1_048_576
        var text = "\(progress.records) records, \(Int(rate)) rec/s, " + String(format: "%.1f MB/s", megabytes / seconds)
        if let total = progress.totalBytes, total > 0 {
            let fraction = min(1, Double(progress.bytes) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0
            text = "[\(bar)] \(Int(fraction * 100))% " + text + String(format: ", ETA %d:%02d", Int(eta) / 60, Int(eta) % 60)
        }
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
            drawn = true
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
