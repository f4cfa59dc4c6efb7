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
        var done = 0, failed = 0, mentions = 0, removed = 0
        var export = try reader.export()
        while let (id, json) = export.next() {
            do {
                var cable = try Cable.makeJSONDecoder().decode(Cable.self, from: json)
                extractor.annotate(&cable, rawText: try reader.rawText(id: id))
                var stored: [StoredMention] = []
                for paragraph in cable.paragraphs {
                    for mention in paragraph.entities { stored.append(StoredMention(paragraph: paragraph.number, mention: mention)) }
                }
                mentions += stored.count
                let replaced = try store.write { try $0.replaceMentions(cableID: id, mentions: stored, entities: cable.entities) }
                removed += replaced?.removedEntities ?? 0
                done += 1
            } catch {
                failed += 1
                FileHandle.standardError.write(Data("\(id): \(error)\n".utf8))
            }
            if !quiet, (done + failed) % 500 == 0 {
                FileHandle.standardError.write(Data("reindexed \(done + failed)/\(total)\n".utf8))
            }
        }
        if let error = export.error { throw ReindexError("reading the store failed after \(done) cables: \(error)") }
        do {
            removed += try store.write { try $0.removeUnmentionedEntities() }
        } catch {
            throw ReindexError("removing entities no cable mentions failed (the reindexed cables are stored): \(error)")
        }
        let seconds = Date().timeIntervalSince(started)
        print("reindexed entities of \(done) cables (\(mentions) mentions), failed \(failed), "
            + "removed \(removed) entities no cable mentions, in \(String(format: "%.1f", seconds)) s")
        if failed > 0 && done == 0 { throw ExitCode(1) }
    }
}

/// A fatal reindex error printed as one line.
struct ReindexError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
