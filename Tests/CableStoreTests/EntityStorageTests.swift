import CableParser
import Foundation
import Testing
@testable import CableStore

/// How entity rows are stored: grouped per cable, keyed by integer, and carried over from the
/// pre-v4 (`Schema.v4`) layout by the migration.
@Suite("Entity storage")
struct EntityStorageTests {
    private static func mention(_ id: String, _ surface: String, _ start: Int) -> Cable.EntityMention {
        Cable.EntityMention(id: id, type: String(id.prefix { $0 != ":" }), surface: surface, start: start, end: start + surface.count)
    }

    @Test func groupsMentionsPerCableAndKeepsTheirOrder() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let paragraph1 = [Self.mention("location:almaty", "Almaty", 30), Self.mention("person:nazarbayev", "Nazarbayev", 2),
                          Self.mention("location:almaty", "ALMATY", 10)]
        let paragraph2 = [Self.mention("location:almaty", "Almaty", 0)]
        try store.put(raw: "raw", cable: makeCable(id: "07ASTANA1", mentions: [1: paragraph1, 2: paragraph2]))

        let db = try Connection(path: store.path, readOnly: true)
        #expect(try db.scalarInt("SELECT count(*) FROM cable_mentions") == 1)
        #expect(try db.scalarInt("SELECT count(*) FROM entity_cables") == 2)
        #expect(try db.scalarInt("""
            SELECT x.mentions FROM entity_cables x JOIN entities e ON e.pk = x.entity_pk WHERE e.id = 'location:almaty'
            """) == 3)
        let reader = try store.makeReader()
        let paragraphs = try #require(try reader.paragraphs(id: "07ASTANA1"))
        // Stored order, not offset order: the API returns mentions as the extractor listed them.
        #expect(paragraphs[0].entities == paragraph1)
        #expect(paragraphs[1].entities == paragraph2)
        let almaty = try #require(try reader.entity(id: "location:almaty"))
        #expect(almaty.mentions == 3 && almaty.cables == 1 && almaty.aliases == ["ALMATY", "Almaty"])
    }

    @Test func countsFollowReimportsDeletesAndSummaryRenames() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let almaty = Self.mention("location:almaty", "Almaty", 0)
        try store.put(raw: "one", cable: makeCable(id: "07ASTANA1", mentions: [1: [almaty, almaty]]))
        var second = makeCable(id: "07ASTANA2", mentions: [2: [almaty]])
        second.entities[0].name = "Almaty City"
        try store.put(raw: "two", cable: second)
        let reader = try store.makeReader()
        var detail = try #require(try reader.entity(id: "location:almaty"))
        #expect(detail.mentions == 3 && detail.cables == 2 && detail.name == "Almaty City")
        #expect(try reader.listCables(filter: CableFilter(entity: "location:almaty")).total == 2)

        // Same id, new text without mentions: the cable's rows go, the entity stays.
        try store.put(raw: "one, edited", cable: makeCable(id: "07ASTANA1"))
        detail = try #require(try reader.entity(id: "location:almaty"))
        #expect(detail.mentions == 1 && detail.cables == 1)
        // The last cable naming it goes: so does the entity.
        #expect(try store.delete(id: "07ASTANA2"))
        #expect(try reader.entity(id: "location:almaty") == nil)
        #expect(try reader.listCables(filter: CableFilter(entity: "location:almaty")).total == 0)
        #expect(try reader.listEntities().items.isEmpty)
    }

    @Test func relatedCountsSharedCablesOnce() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let a = Self.mention("person:a", "A", 0), b = Self.mention("person:b", "B", 5), c = Self.mention("person:c", "C", 9)
        try store.put(raw: "1", cable: makeCable(id: "07ASTANA1", mentions: [1: [a, b, b, b]]))
        try store.put(raw: "2", cable: makeCable(id: "07ASTANA2", mentions: [1: [a, b], 2: [c, c]]))
        try store.put(raw: "3", cable: makeCable(id: "07ASTANA3", mentions: [1: [b, c]]))
        let related = try store.makeReader().relatedEntities(id: "person:a")
        #expect(related.map(\.id) == ["person:b", "person:c"])
        #expect(related.map(\.cables) == [2, 1])
    }

    /// The counting in Swift gives what the SQL it replaced gave (kept here as the reference): the same
    /// entities, counts and order, ties at the cut broken by id, for every entity and several limits.
    @Test func relatedAgreesWithTheGroupByItReplaced() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let people = (0..<12).map { Self.mention("person:p\($0)", "P\($0)", 0) }
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        for serial in 1...40 {
            // Low-numbered people are in more cables, so counts differ and tie.
            let named = people.enumerated().filter { index, _ in next() % 12 >= index }.map(\.element)
            try store.put(raw: "\(serial)", cable: makeCable(id: "07ASTANA\(serial)", mentions: [1: named]))
        }
        let reader = try store.makeReader()
        let db = try Connection(path: store.path, readOnly: true)
        let reference = try db.prepare("""
            WITH shared AS (
                SELECT x.entity_pk, x.cable_pk FROM entities t JOIN entity_cables x ON x.entity_pk = t.pk WHERE t.id = ?1)
            SELECT e.id, count(*) AS n
            FROM shared s JOIN entity_cables o ON o.cable_pk = s.cable_pk JOIN entities e ON e.pk = o.entity_pk
            WHERE o.entity_pk <> s.entity_pk GROUP BY o.entity_pk ORDER BY n DESC, e.id LIMIT ?2
            """)
        var compared = 0
        for person in people {
            for limit in [1, 3, 5, 20] {
                try reference.bind(person.id, limit)
                var expected: [String] = []
                while try reference.step() { expected.append("\(reference.text(0) ?? "") \(reference.int(1))") }
                reference.reset()
                let related = try reader.relatedEntities(id: person.id, limit: limit)
                #expect(related.map { "\($0.id) \($0.cables)" } == expected, "\(person.id) limit \(limit)")
                #expect(related.allSatisfy { $0.type == "person" && $0.name == $0.id.dropFirst(7).uppercased() })
                compared += expected.count
            }
        }
        #expect(compared > 100)
        #expect(try reader.relatedEntities(id: "person:nobody").isEmpty)
    }

    /// Lists that took many rows are kept until another connection writes; small ones are not kept.
    @Test func relatedListsOfBusyEntitiesAreKeptUntilTheDatabaseChanges() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let a = Self.mention("person:a", "A", 0), b = Self.mention("person:b", "B", 5), c = Self.mention("person:c", "C", 9)
        try store.put(raw: "1", cable: makeCable(id: "07ASTANA1", mentions: [1: [a, b]]))
        let reader = try store.makeReader()
        #expect(try reader.relatedEntities(id: "person:a").map(\.id) == ["person:b"])
        #expect(reader.relatedCache.count == 0)

        reader.relatedCacheRows = 0
        #expect(try reader.relatedEntities(id: "person:a").map(\.id) == ["person:b"])
        #expect(try reader.relatedEntities(id: "person:a", limit: 5).map(\.id) == ["person:b"])
        #expect(try reader.relatedEntities(id: "person:a", limit: 21).map(\.id) == ["person:b"])
        // Lists of up to 20 share one entry (they are its prefix); a longer one has its own.
        #expect(reader.relatedCache.count == 2)
        // Another connection's commit moves the data version: the next answer is counted afresh.
        try store.put(raw: "2", cable: makeCable(id: "07ASTANA2", mentions: [1: [a, c, c]]))
        #expect(try reader.relatedEntities(id: "person:a").map { "\($0.id) \($0.cables)" } == ["person:b 1", "person:c 1"])
        #expect(reader.relatedCache.count == 1)
    }

    @Test func migrationCarriesOverMentionsOfAnOlderDatabase() throws {
        // A database as the layout before v4 (`Schema.v4`) left it, written with that layout's own SQL.
        let path = temporaryDatabasePath()
        let old = try Connection(path: path)
        let before = try #require(Schema.migrations.firstIndex(of: Schema.v4))
        for migration in Schema.migrations[..<before] { try old.execute(migration) }
        try old.execute("""
            PRAGMA user_version = \(before);
            INSERT INTO cables (pk, id, date, station, serial, partial, word_count, raw_hash, json_hash, imported_at,
                                json_size, raw_size, json_gz, raw_gz)
            VALUES (1, '07ASTANA1', '2007-11-19', 'ASTANA', 1, 0, 9, 'r1', 'j1', 't', 0, 0, x'', x''),
                   (2, '07ASTANA2', '2007-11-20', 'ASTANA', 2, 0, 9, 'r2', 'j2', 't', 0, 0, x'', x'');
            INSERT INTO paragraphs (cable_pk, position, number, text) VALUES (1, 0, 1, 'p'), (1, 1, 2, 'q'), (2, 0, 1, 'r');
            INSERT INTO entities VALUES ('person:z', 'person', 'Zed'), ('location:almaty', 'location', 'Almaty');
            INSERT INTO entity_aliases VALUES ('person:z', 'Zed'), ('person:z', 'ZED'), ('location:almaty', 'Almaty');
            INSERT INTO mentions (cable_pk, paragraph, start, "end", surface, entity_id) VALUES
                (1, 2, 9, 12, 'ZED', 'person:z'), (1, 1, 0, 6, 'Almaty', 'location:almaty'),
                (1, 2, 0, 3, 'Zed', 'person:z'), (2, 1, 0, 6, 'Almaty', 'location:almaty');
            """)

        let store = try CableStore(path: path)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        #expect(try store.integrityCheck() == "ok")
        let reader = try store.makeReader()
        let zed = try #require(try reader.entity(id: "person:z"))
        #expect(zed == EntityDetail(id: "person:z", type: "person", name: "Zed", aliases: ["ZED", "Zed"], mentions: 2, cables: 1))
        #expect(try reader.entity(id: "location:almaty")?.cables == 2)
        let paragraphs = try #require(try reader.paragraphs(id: "07ASTANA1"))
        #expect(paragraphs[1].entities.map(\.surface) == ["ZED", "Zed"])
        #expect(paragraphs[0].entities == [Cable.EntityMention(id: "location:almaty", type: "location", surface: "Almaty", start: 0, end: 6)])
        #expect(try reader.relatedEntities(id: "person:z").map(\.id) == ["location:almaty"])
        #expect(try reader.listCables(filter: CableFilter(entity: "location:almaty")).total == 2)

        // New writes land next to the carried-over rows.
        try store.put(raw: "three", cable: makeCable(id: "07ASTANA3", mentions: [1: [Self.mention("person:z", "Z.", 4)]]))
        let after = try #require(try reader.entity(id: "person:z"))
        #expect(after.mentions == 3 && after.cables == 2 && after.aliases == ["Z.", "ZED", "Zed"])
    }
}
