import CableParser
import Foundation
import Testing
@testable import CableStore

@Suite("cablegate reindex (real binary)", .serialized)
struct ReindexCommandTests {
    /// A database holding an id the current extractor no longer makes (as an older extractor left it):
    /// the reindex re-extracts the cable, removes the stale entity with its alias, and leaves the
    /// current entities as the import made them.
    @Test func reindexReplacesMentionsAndRemovesEntitiesNoCableMentions() throws {
        guard cablegateBinary != nil else { print("skipped: cablegate binary not built (swift build first)"); return }
        let db = temporaryDatabasePath()
        let seed = packageRoot.appendingPathComponent("Tests/Fixtures/cables/07ASTANA3153.txt").path
        let imported = try runCablegate(["import", "--db", db, "--quiet", seed])
        #expect(imported.status == 0, "\(imported.output)")

        let store = try CableStore(path: db)
        let reader = try store.makeReader()
        let guterres = try #require(try reader.entity(id: "person:antonio-guterres"))
        let stored = try #require(try reader.cableJSON(id: "07ASTANA3153"))
        let cable = try Cable.makeJSONDecoder().decode(Cable.self, from: stored.json)
        var mentions = cable.paragraphs.flatMap { p in p.entities.map { StoredMention(paragraph: p.number, mention: $0) } }
        mentions.append(StoredMention(paragraph: 1, mention: Cable.EntityMention(id: "person:marat", type: "person", surface: "Marat", start: 0, end: 5)))
        let stale = Cable.EntitySummary(id: "person:marat", name: "Marat", type: "person", mentions: 1)
        _ = try store.write { try $0.replaceMentions(cableID: "07ASTANA3153", mentions: mentions, entities: cable.entities + [stale]) }
        #expect(try reader.entity(id: "person:marat")?.cables == 1)

        let first = try runCablegate(["reindex", "--entities", "--db", db, "--quiet"])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("reindexed entities of 1 cables"), "\(first.output)")
        #expect(first.output.contains("failed 0, removed 1 entities no cable mentions"), "\(first.output)")
        #expect(try reader.entity(id: "person:marat") == nil)
        let connection = try Connection(path: db, readOnly: true)
        #expect(try connection.scalarInt("SELECT count(*) FROM entity_aliases WHERE alias = 'Marat'") == 0)
        let after = try #require(try reader.entity(id: "person:antonio-guterres"))
        #expect(after.mentions == guterres.mentions && after.aliases == guterres.aliases)
        let reindexed = try Cable.makeJSONDecoder().decode(Cable.self, from: try #require(try reader.cableJSON(id: "07ASTANA3153")).json)
        #expect(reindexed.entities == cable.entities)

        let again = try runCablegate(["reindex", "--entities", "--db", db, "--quiet"])
        #expect(again.status == 0 && again.output.contains("removed 0 entities"), "\(again.output)")
    }

    /// A cable whose stored JSON cannot be read is named with the reason; the others are reindexed and
    /// the run succeeds.
    @Test func reindexNamesACableItCannotReadAndDoesTheRest() throws {
        guard cablegateBinary != nil else { print("skipped: cablegate binary not built (swift build first)"); return }
        let db = temporaryDatabasePath()
        let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures/cables")
        let imported = try runCablegate(["import", "--db", db, "--quiet",
                                         fixtures.appendingPathComponent("07ASTANA3153.txt").path,
                                         fixtures.appendingPathComponent("05PARIS1699.txt").path])
        #expect(imported.status == 0, "\(imported.output)")
        let store = try CableStore(path: db)
        try store.write { writer in
            try writer.connection.prepare("UPDATE cables SET json_gz = ?, json_size = 5 WHERE id = '05PARIS1699'")
                .run(writer.compressor.compressToData("{oops"))
        }
        let result = try runCablegate(["reindex", "--entities", "--db", db, "--quiet"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("reindexed entities of 1 cables"), "\(result.output)")
        #expect(result.output.contains("failed 1"), "\(result.output)")
        #expect(result.output.contains("05PARIS1699: "), "\(result.output)")
        #expect(try store.makeReader().entity(id: "person:antonio-guterres") != nil)
    }

    @Test func reindexOfAMissingDatabaseNamesIt() throws {
        guard cablegateBinary != nil else { print("skipped: cablegate binary not built (swift build first)"); return }
        let missing = temporaryDirectory().appendingPathComponent("absent.sqlite").path
        let result = try runCablegate(["reindex", "--entities", "--db", missing])
        #expect(result.status != 0)
        #expect(result.output.contains("no database at \(missing)"), "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
