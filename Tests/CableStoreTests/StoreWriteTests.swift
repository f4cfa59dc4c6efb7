import CableParser
import Foundation
import Testing
@testable import CableStore

@Suite("Store writes")
struct StoreWriteTests {
    @Test func putInsertsThenReportsUnchangedThenUpdatedKeepingVersions() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let cable = makeCable(id: "07ASTANA3153")
        #expect(try store.put(raw: "text one", cable: cable) == .inserted)
        #expect(try store.put(raw: "text one", cable: cable) == .unchanged)
        var changed = cable
        changed.subject = "NEW SUBJECT"
        #expect(try store.put(raw: "text two", cable: changed) == .updated)

        let reader = try store.makeReader()
        #expect(try reader.rawText(id: "07ASTANA3153") == "text two")
        let versions = try reader.versions(id: "07ASTANA3153")
        #expect(versions.map(\.rawHash) == [SHA256.hex("text one"), SHA256.hex("text two")])
        #expect(versions.map(\.isCurrent) == [false, true])
        #expect(versions[0].replacedAt != nil)
        #expect(try reader.versionText(id: "07ASTANA3153", rawHash: SHA256.hex("text one")) == "text one")
        #expect(try reader.count() == 1)
        // The subject index follows the update (the old subject's phrase is only in the subject).
        #expect(try store.makeReader().listCables(filter: CableFilter(query: "\"law debated\"")).total == 0)
        #expect(try reader.listCables(filter: CableFilter(query: "new subject")).total == 1)
        #expect(try reader.listCables(filter: CableFilter(query: "\"law debated\"")).total == 0)
    }

    @Test func storedJSONIsTheEncodedCableWithItsHash() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let cable = makeCable(id: "07ASTANA3153")
        try store.put(raw: "raw", cable: cable)
        let stored = try #require(try store.makeReader().cableJSON(id: "07ASTANA3153"))
        #expect(stored.json == (try Cable.makeJSONEncoder().encode(cable)))
        #expect(stored.hash == SHA256.hex(stored.json))
        #expect(try Cable.makeJSONDecoder().decode(Cable.self, from: stored.json) == cable)
        #expect(try store.makeReader().cableJSON(id: "07NOPE1") == nil)
    }

    @Test func sameTextWithNewParseRefreshesDerivedDataButCountsUnchanged() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        try store.put(raw: "same", cable: makeCable(id: "07ASTANA1", tags: ["PGOV"]))
        #expect(try store.put(raw: "same", cable: makeCable(id: "07ASTANA1", tags: ["PREL"])) == .unchanged)
        let reader = try store.makeReader()
        #expect(try reader.listCables(filter: CableFilter(tags: ["PREL"])).total == 1)
        #expect(try reader.listCables(filter: CableFilter(tags: ["PGOV"])).total == 0)
        #expect(try reader.versions(id: "07ASTANA1").count == 1)
    }

    /// A cable from the CSV export lacks the trailing newline of its .txt file: the same text.
    @Test func trailingWhitespaceAloneIsNoNewVersion() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let cable = makeCable(id: "07ASTANA1")
        #expect(try store.put(raw: "line one\nline two\n", cable: cable) == .inserted)
        #expect(try store.put(raw: "line one\nline two", cable: cable) == .unchanged)
        #expect(try store.put(raw: "line one\nline two \r\n\n\t", cable: cable) == .unchanged)
        let reader = try store.makeReader()
        #expect(try reader.versions(id: "07ASTANA1").count == 1)
        #expect(try reader.rawText(id: "07ASTANA1") == "line one\nline two\n")
        // A new parse of the same text still refreshes the derived data, as for an identical text.
        #expect(try store.put(raw: "line one\nline two", cable: makeCable(id: "07ASTANA1", tags: ["PREL"])) == .unchanged)
        #expect(try reader.listCables(filter: CableFilter(tags: ["PREL"])).total == 1)
        #expect(try reader.versions(id: "07ASTANA1").count == 1)
        // Whitespace inside the text, or at its start, is a change.
        #expect(try store.put(raw: "line one\n line two", cable: cable) == .updated)
        #expect(try store.put(raw: "\nline one\n line two", cable: cable) == .updated)
        #expect(try reader.versions(id: "07ASTANA1").count == 3)
    }

    @Test func deleteRemovesEverythingButKeepsTheTextAsAVersion() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let mention = Cable.EntityMention(id: "location:almaty", type: "location", surface: "Almaty", start: 18, end: 24)
        try store.put(raw: "raw", cable: makeCable(id: "07ASTANA1", references: ["07STATE5"], mentions: [2: [mention]]))
        #expect(try store.delete(id: "07ASTANA1"))
        #expect(try !store.delete(id: "07ASTANA1"))
        let reader = try store.makeReader()
        #expect(try reader.count() == 0)
        #expect(try reader.paragraphs(id: "07ASTANA1") == nil)
        #expect(try reader.listCables(filter: CableFilter(query: "parliament")).total == 0)
        #expect(try reader.searchParagraphs(query: "parliament").items.isEmpty)
        let versions = try reader.versions(id: "07ASTANA1")
        #expect(versions.count == 1 && !versions[0].isCurrent)
        let db = try Connection(path: store.path, readOnly: true)
        for table in ["paragraphs", "cable_tags", "cable_caveats", "cable_references", "cable_mentions", "entity_cables"] {
            #expect(try db.scalarInt("SELECT count(*) FROM \(table)") == 0, "\(table)")
        }
    }

    @Test func replaceMentionsUpdatesRowsAndStoredJSON() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        try store.put(raw: "raw", cable: makeCable(id: "07ASTANA1"))
        let mention = Cable.EntityMention(id: "location:almaty", type: "location", surface: "Almaty", start: 18, end: 24)
        let summary = Cable.EntitySummary(id: "location:almaty", name: "Almaty", type: "location", mentions: 1)
        let replaced = try store.write { try $0.replaceMentions(cableID: "07ASTANA1", mentions: [StoredMention(paragraph: 2, mention: mention)], entities: [summary]) }
        #expect(replaced == MentionReplacement(removedEntities: 0))
        #expect(try store.write { try $0.replaceMentions(cableID: "07NOPE1", mentions: [], entities: []) } == nil)
        let reader = try store.makeReader()
        let stored = try #require(try reader.cableJSON(id: "07ASTANA1"))
        let cable = try Cable.makeJSONDecoder().decode(Cable.self, from: stored.json)
        #expect(cable.entities == [summary])
        #expect(cable.paragraphs[1].entities == [mention])
        #expect(stored.hash == SHA256.hex(stored.json))
        #expect(try reader.paragraphs(id: "07ASTANA1")?[1].entities == [mention])
        #expect(try reader.entity(id: "location:almaty")?.mentions == 1)
    }

    /// Deleting or replacing a cable removes, with their aliases, the entities it was the last to
    /// name; entities another cable names stay. The writer then forgets the removed pks, so an entity
    /// named again gets a row again.
    @Test func entitiesGoWithTheLastCableNamingThem() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        func mention(_ id: String, _ surface: String) -> Cable.EntityMention {
            Cable.EntityMention(id: id, type: "location", surface: surface, start: 0, end: surface.count)
        }
        let almaty = mention("location:almaty", "Almaty"), astana = mention("location:astana", "ASTANA")
        let termez = mention("location:termez", "Termez"), osh = mention("location:osh", "Osh")
        let reader = try store.makeReader()
        let db = try Connection(path: store.path, readOnly: true)
        func aliases() throws -> Int { try db.scalarInt("SELECT count(*) FROM entity_aliases") ?? -1 }

        try store.put(raw: "one", cable: makeCable(id: "07ASTANA1", mentions: [1: [almaty], 2: [astana, termez, osh]]))
        try store.put(raw: "two", cable: makeCable(id: "07ASTANA2", mentions: [1: [almaty]]))
        #expect(try aliases() == 4)

        // A new text no longer naming Termez.
        #expect(try store.put(raw: "one, revised", cable: makeCable(id: "07ASTANA1", mentions: [1: [almaty], 2: [astana, osh]])) == .updated)
        #expect(try reader.entity(id: "location:termez") == nil)
        // The same text parsed anew, no longer naming Osh.
        #expect(try store.put(raw: "one, revised", cable: makeCable(id: "07ASTANA1", mentions: [1: [almaty], 2: [astana]])) == .unchanged)
        #expect(try reader.entity(id: "location:osh") == nil)
        #expect(try aliases() == 2)

        #expect(try store.delete(id: "07ASTANA1"))
        #expect(try reader.entity(id: "location:astana") == nil)
        #expect(try reader.listEntities(prefix: "ASTANA").items.isEmpty)
        #expect(try reader.entity(id: "location:almaty")?.cables == 1)
        #expect(try aliases() == 1)

        // The same writer names Astana again: it must insert a row, not reuse the removed pk from memory.
        try store.put(raw: "three", cable: makeCable(id: "07ASTANA3", mentions: [1: [astana]]))
        let again = try #require(try reader.entity(id: "location:astana"))
        #expect(again.cables == 1 && again.mentions == 1 && again.aliases == ["ASTANA"])
        #expect(try db.scalarInt("SELECT count(*) FROM entities") == 2)

        // replaceMentions says how many it removed.
        let stored = { (m: Cable.EntityMention) in StoredMention(paragraph: 1, mention: m) }
        let summary = Cable.EntitySummary(id: "location:almaty", name: "Almaty", type: "location", mentions: 1)
        #expect(try store.write { try $0.replaceMentions(cableID: "07ASTANA3", mentions: [stored(almaty)], entities: [summary]) }
                == MentionReplacement(removedEntities: 1))
        #expect(try reader.entity(id: "location:astana") == nil)
        #expect(try reader.entity(id: "location:almaty")?.cables == 2)
    }

    /// Entities no cable mentions (left by a database written before writes removed them) go with
    /// `removeUnmentionedEntities`, with their aliases; mentioned ones stay; and the writer's entity
    /// cache forgets the removed pks.
    @Test func removeUnmentionedEntitiesKeepsMentionedOnesAndForgetsRemovedKeys() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let almaty = Cable.EntityMention(id: "location:almaty", type: "location", surface: "Almaty", start: 0, end: 6)
        let astana = Cable.EntityMention(id: "location:astana", type: "location", surface: "ASTANA", start: 0, end: 6)
        try store.put(raw: "one", cable: makeCable(id: "07ASTANA1", mentions: [1: [almaty, astana]]))
        // As an older writer left it: Astana's cable link gone, the entity and alias kept, and this
        // writer's cache still holding its pk.
        try store.write { try $0.connection.execute(
            "DELETE FROM entity_cables WHERE entity_pk = (SELECT pk FROM entities WHERE id = 'location:astana')") }
        let reader = try store.makeReader()
        #expect(try reader.entity(id: "location:astana")?.cables == 0)

        #expect(try store.write { try $0.removeUnmentionedEntities() } == 1)
        #expect(try reader.entity(id: "location:astana") == nil)
        #expect(try reader.entity(id: "location:almaty")?.cables == 1)
        let db = try Connection(path: store.path, readOnly: true)
        #expect(try db.scalarInt("SELECT count(*) FROM entity_aliases") == 1)
        #expect(try store.write { try $0.removeUnmentionedEntities() } == 0)

        try store.put(raw: "two", cable: makeCable(id: "07ASTANA2", mentions: [1: [astana]]))
        let again = try #require(try reader.entity(id: "location:astana"))
        #expect(again.cables == 1 && again.mentions == 1 && again.aliases == ["ASTANA"])
    }

    @Test func writesAreVisibleToAnExistingReader() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let reader = try store.makeReader()
        #expect(try reader.count() == 0)
        try store.put(raw: "raw", cable: makeCable(id: "07ASTANA1"))
        #expect(try reader.count() == 1)
    }

    @Test func concurrentReadersOnTheirOwnThreadsWhileWriting() async throws {
        let store = try CableStore(path: temporaryDatabasePath())
        try store.put(raw: "raw0", cable: makeCable(id: "07ASTANA1"))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let reader = try store.makeReader()
                    var seen = 0
                    for _ in 0..<200 { seen = max(seen, try reader.count()) }
                    return seen
                }
            }
            group.addTask {
                for serial in 2...50 { try store.put(raw: "raw\(serial)", cable: makeCable(id: "07ASTANA\(serial)")) }
                return 50
            }
            for try await value in group { #expect(value >= 1) }
        }
        #expect(try store.makeReader().count() == 50)
    }
}
