import CableParser
import Foundation
import Testing
@testable import CableStore

/// The writer's entity key and alias cache (`EntityKeyCache`) never hands out a pk that is not, or no
/// longer, the stored one: after a rolled-back transaction, a rolled-back savepoint, or another
/// connection's write.
@Suite("Entity key cache")
struct EntityKeyCacheTests {
    private static func mention(_ id: String, _ surface: String) -> Cable.EntityMention {
        Cable.EntityMention(id: id, type: String(id.prefix { $0 != ":" }), surface: surface, start: 0, end: surface.count)
    }

    private static func cable(_ id: String, mentioning entity: String, _ surface: String) -> PreparedCable {
        try! PreparedCable(raw: "raw \(id)", cable: makeCable(id: id, mentions: [1: [mention(entity, surface)]]))
    }

    private static func mentionedIDs(_ store: CableStore, _ id: String) throws -> [String] {
        try #require(try store.makeReader().paragraphs(id: id))[0].entities.map(\.id)
    }

    private struct Failure: Error {}

    @Test func repeatedEntitiesAreAnsweredFromMemory() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        try store.write { writer in
            _ = try writer.putDurably(Self.cable("07ASTANA1", mentioning: "person:z", "Zed"))
            let missesAfterFirst = writer.entityCache.misses
            _ = try writer.putDurably(Self.cable("07ASTANA2", mentioning: "person:z", "Zed"))
            #expect(writer.entityCache.misses == missesAfterFirst)
            #expect(writer.entityCache.hits >= 1)
        }
        #expect(try store.makeReader().entity(id: "person:z")?.mentions == 2)
    }

    @Test func aRolledBackTransactionLeavesNoPKBehind() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        try store.write { writer in
            #expect(throws: Failure.self) {
                try writer.transaction {
                    _ = try writer.put(Self.cable("07ASTANA1", mentioning: "person:x", "Ex"))
                    throw Failure()
                }
            }
            // person:y takes the pk person:x had before the rollback; a stale cache would give it to x.
            _ = try writer.putDurably(Self.cable("07ASTANA2", mentioning: "person:y", "Why"))
            _ = try writer.putDurably(Self.cable("07ASTANA3", mentioning: "person:x", "Ex"))
        }
        #expect(try Self.mentionedIDs(store, "07ASTANA2") == ["person:y"])
        #expect(try Self.mentionedIDs(store, "07ASTANA3") == ["person:x"])
        #expect(try store.makeReader().entity(id: "person:x")?.aliases == ["Ex"])
    }

    @Test func aRefusedCablesSavepointInAnImportLeavesNoPKBehind() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        // Cable 1 is refused after its entity rows are written: at its packed mention row.
        try Connection(path: path).execute("""
            CREATE TRIGGER refuse_mentions BEFORE INSERT ON cable_mentions
            WHEN new.cable_pk = (SELECT pk FROM cables WHERE id = '07ASTANA1')
            BEGIN SELECT RAISE(ABORT, 'refused by test'); END;
            """)
        let entities = [1: "person:z", 2: "person:w", 3: "person:z"]
        let records = (1...3).map { csvRecord(csvFields(number: $0, raw: rawCable(serial: $0), id: "07ASTANA\($0)")) }
        let importer = Importer(store: store, batchSize: 10, workers: 1, enrich: { cable in
            guard let entity = entities[cable.serial] else { return }
            cable.paragraphs[0].entities = [Self.mention(entity, "Name \(cable.serial)")]
        })
        let summary = try importer.run([.data(Data(records.joined().utf8), format: nil, name: "test")])
        #expect(summary.imported == 2 && summary.failed.map(\.record) == [1])
        #expect(try Self.mentionedIDs(store, "07ASTANA2") == ["person:w"])
        #expect(try Self.mentionedIDs(store, "07ASTANA3") == ["person:z"])
    }

    @Test func anotherConnectionsWriteEmptiesTheCache() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        try store.put(raw: "one", cable: makeCable(id: "07ASTANA1", mentions: [1: [Self.mention("person:x", "Ex")]]))
        // Another connection (another process, a repair) re-keys the entities behind the writer's back.
        let other = try Connection(path: path)
        try other.execute("""
            DELETE FROM entities WHERE id = 'person:x';
            INSERT INTO entities (pk, id, type, name) VALUES (1, 'person:y', 'person', 'Why');
            """)
        try store.put(raw: "two", cable: makeCable(id: "07ASTANA2", mentions: [1: [Self.mention("person:x", "Ex")]]))
        #expect(try Self.mentionedIDs(store, "07ASTANA2") == ["person:x"])
        #expect(try store.makeReader().entity(id: "person:x")?.aliases == ["Ex"])
    }

    @Test func aCheckpointByAnotherConnectionKeepsTheCache() throws {
        // The import's background checkpointer runs on its own connection after every batch; it
        // changes no content, so it must not cost the writer its cache.
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        let checkpointer = try Connection(path: path)
        try store.write { writer in
            _ = try writer.putDurably(Self.cable("07ASTANA1", mentioning: "person:z", "Zed"))
            _ = try checkpointer.scalarInt("PRAGMA wal_checkpoint(PASSIVE)")
            let clears = writer.entityCache.clears, misses = writer.entityCache.misses
            _ = try writer.putDurably(Self.cable("07ASTANA2", mentioning: "person:z", "Zed"))
            #expect(writer.entityCache.clears == clears && writer.entityCache.misses == misses)
        }
    }

    @Test func staysWithinItsCapacity() {
        let cache = EntityKeyCache(capacity: 4)
        for pk in 1...3 { cache.remember(id: "person:\(pk)", pk: Int64(pk), name: "P\(pk)") }
        cache.rememberAlias(entity: 1, "P1")
        #expect(cache.count == 4 && cache.clears == 0)
        cache.remember(id: "person:4", pk: 4, name: "P4")
        #expect(cache.count == 1 && cache.clears == 1)
        #expect(cache.entity("person:1") == nil && cache.entity("person:4")?.pk == 4)
        // Byte-exact keys: a decomposed "é" is another alias than the precomposed one.
        cache.rememberAlias(entity: 4, "Jos\u{E9}")
        #expect(cache.hasAlias(entity: 4, "Jos\u{E9}") && !cache.hasAlias(entity: 4, "Jose\u{301}"))
    }
}
