import ArgumentParser
import CableEntities
import CableParser
import CableStore
import Foundation

/// `cablegate reindex --entities [--db PATH]`: runs the current entity extractor over every stored cable
/// and replaces its mentions, aliases and entity summary (after the extractor or its gazetteers improve),
/// removing the entities no stored cable mentions any more.
struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild derived data of stored cables.",
        discussion: """
            --entities re-runs the entity extractor on every stored cable (its stored JSON and raw text) \
            and replaces the cable's entity mentions and summary, on every core, writing 64 cables per \
            transaction, so an interrupted run leaves every cable either old or new, never half done \
            (running it again finishes the work). A cable changed by a server meanwhile is read again. \
            Entities (and their \
            aliases) that no stored cable mentions any more are removed: those a cable stops naming as \
            it is reindexed, and at the end any others (left by a database written before that rule).
            """
    )

    @Option(help: "SQLite database file.")
    var db: String = "./data/cablegate.sqlite"

    @Flag(help: "Re-extract people, organisations and places.")
    var entities = false

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard entities else { throw ValidationError("say what to rebuild: --entities") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw ReindexError("no database at \(db)") }
        let store: CableStore
        let reader: CableReader
        do {
            store = try CableStore(path: db)
            reader = try store.makeReader()
        } catch {
            throw ReindexError("cannot open the database \(db): \(error)")
        }
        let extractor = EntityPipeline.extractor
        if let error = extractor.loadError { throw ReindexError("entity gazetteer: \(error)") }
        let total = (try? reader.count()) ?? 0
        let started = Date()
        let reindex = EntityReindex(store: store) { cable, rawText in extractor.annotate(&cable, rawText: rawText) }
        var reported = 0
        let summary: EntityReindex.Summary
        do {
            summary = try reindex.run { done in
                guard !quiet, done / 500 > reported / 500 else { return }
                reported = done
                FileHandle.standardError.write(Data("reindexed \(done)/\(total)\n".utf8))
            }
        } catch {
            throw ReindexError("reindex stopped (every cable is stored either as before or reindexed): \(error)")
        }
        for failure in summary.failures {
            FileHandle.standardError.write(Data("\(failure.id): \(failure.message)\n".utf8))
        }
        if summary.failed > summary.failures.count {
            FileHandle.standardError.write(Data("(\(summary.failed - summary.failures.count) more failures not listed)\n".utf8))
        }
        let seconds = Date().timeIntervalSince(started)
        let skippedNote = summary.skipped > 0 ? ", skipped \(summary.skipped) (deleted or changed meanwhile)" : ""
        print("reindexed entities of \(summary.reindexed) cables (\(summary.mentions) mentions), failed \(summary.failed)\(skippedNote), "
            + "removed \(summary.removedEntities) entities no cable mentions, in \(String(format: "%.1f", seconds)) s")
        if summary.failed > 0 && summary.reindexed == 0 { throw ExitCode(1) }
    }
}

/// A fatal reindex error printed as one line.
struct ReindexError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
