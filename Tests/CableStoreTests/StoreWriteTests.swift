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
        #expect(replaced)
        #expect(try !store.write { try $0.replaceMentions(cableID: "07NOPE1", mentions: [], entities: []) })
        let reader = try store.makeReader()
        let stored = try #require(try reader.cableJSON(id: "07ASTANA1"))
        let cable = try Cable.makeJSONDecoder().decode(Cable.self, from: stored.json)
        #expect(cable.entities == [summary])
        #expect(cable.paragraphs[1].entities == [mention])
        #expect(stored.hash == SHA256.hex(stored.json))
        #expect(try reader.paragraphs(id: "07ASTANA1")?[1].entities == [mention])
        #expect(try reader.entity(id: "location:almaty")?.mentions == 1)
    }

    /// Entities no cable mentions go, with their aliases; mentioned ones stay; and the writer's entity
    /// cache forgets the removed pks, so an entity named again afterwards gets a row again.
    @Test func removeUnmentionedEntitiesKeepsMentionedOnesAndForgetsRemovedKeys() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        try store.put(raw: "raw", cable: makeCable(id: "07ASTANA1"))
        func mention(_ id: String, _ surface: String) -> StoredMention {
            StoredMention(paragraph: 2, mention: Cable.EntityMention(id: id, type: "location", surface: surface, start: 0, end: surface.count))
        }
        func summary(_ id: String, _ name: String) -> Cable.EntitySummary {
            Cable.EntitySummary(id: id, name: name, type: "location", mentions: 1)
        }
        // Almaty first, then Astana (the larger pk, which SQLite hands out again once deleted).
        _ = try store.write { try $0.replaceMentions(cableID: "07ASTANA1", mentions: [mention("location:almaty", "Almaty")],
                                                  entities: [summary("location:almaty", "Almaty")]) }
        _ = try store.write { try $0.replaceMentions(cableID: "07ASTANA1", mentions: [mention("location:almaty", "Almaty"), mention("location:astana", "ASTANA")],
                                                  entities: [summary("location:almaty", "Almaty"), summary("location:astana", "Astana")]) }
        _ = try store.write { try $0.replaceMentions(cableID: "07ASTANA1", mentions: [mention("location:almaty", "Almaty")],
                                                  entities: [summary("location:almaty", "Almaty")]) }
        let reader = try store.makeReader()
        #expect(try reader.entity(id: "location:astana")?.cables == 0)

        #expect(try store.write { try $0.removeUnmentionedEntities() } == 1)
        #expect(try reader.entity(id: "location:astana") == nil)
        #expect(try reader.entity(id: "location:almaty")?.cables == 1)
        let db = try Connection(path: store.path, readOnly: true)
        #expect(try db.scalarInt("SELECT count(*) FROM entity_aliases") == 1)
        #expect(try store.write { try $0.removeUnmentionedEntities() } == 0)

        // The same writer names Astana again: it must insert a row, not reuse the removed pk from memory.
        _ = try store.write { try $0.replaceMentions(cableID: "07ASTANA1", mentions: [mention("location:astana", "ASTANA")],
                                                  entities: [summary("location:astana", "Astana")]) }
        let astana = try #require(try reader.entity(id: "location:astana"))
        #expect(astana.cables == 1 && astana.mentions == 1 && astana.aliases == ["ASTANA"])
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
