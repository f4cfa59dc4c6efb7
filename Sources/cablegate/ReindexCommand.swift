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
            and replaces the cable's entity mentions and summary, one cable per transaction, so an \
            interrupted run leaves every cable either old or new, never half done. Entities (and their \
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
        var done = 0, failed = 0, skipped = 0, mentions = 0, removed = 0
        var export = try reader.export()
        while let (id, json) = export.next() {
            do {
                if let result = try reindex(id: id, stored: json, reader: reader, store: store, extractor: extractor) {
                    mentions += result.mentions
                    removed += result.replacement.removedEntities
                    done += 1
                } else {
                    skipped += 1
                }
            } catch {
                failed += 1
                FileHandle.standardError.write(Data("\(id): \(error)\n".utf8))
            }
            if !quiet, (done + failed + skipped) % 500 == 0 {
                FileHandle.standardError.write(Data("reindexed \(done + failed + skipped)/\(total)\n".utf8))
            }
        }
        if let error = export.error { throw ReindexError("reading the store failed after \(done) cables: \(error)") }
        do {
            removed += try store.write { try $0.removeUnmentionedEntities() }
        } catch {
            throw ReindexError("removing entities no cable mentions failed (the reindexed cables are stored): \(error)")
        }
        let seconds = Date().timeIntervalSince(started)
        let skippedNote = skipped > 0 ? ", skipped \(skipped) (deleted or changed meanwhile)" : ""
        print("reindexed entities of \(done) cables (\(mentions) mentions), failed \(failed)\(skippedNote), "
            + "removed \(removed) entities no cable mentions, in \(String(format: "%.1f", seconds)) s")
        if failed > 0 && done == 0 { throw ExitCode(1) }
    }

    /// Re-extracts one cable from its stored JSON and stores the result: the mentions written and what
    /// the store removed, or nil when the cable is gone. A cable whose stored JSON changed after the
    /// export read it (a server writing to the same database) is read and extracted again, once.
    private func reindex(id: String, stored json: Data, reader: CableReader, store: CableStore,
                         extractor: EntityExtractor) throws -> (replacement: MentionReplacement, mentions: Int)? {
        var source = json
        for attempt in 0..<2 {
            var cable = try Cable.decodeForReextraction(source)
            extractor.annotate(&cable, rawText: try reader.rawText(id: id))
            if let replacement = try store.write({ [cable, source] in try $0.replaceEntities(of: cable, extractedFrom: source) }) {
                return (replacement, cable.paragraphs.reduce(0) { $0 + $1.entities.count })
            }
            guard attempt == 0, let fresh = try reader.cableJSON(id: id) else { return nil }
            source = fresh.json
        }
        return nil
    }
}

/// A fatal reindex error printed as one line.
struct ReindexError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
