import CableParser
import Foundation
import Testing
@testable import CableStore

/// The packed mention rows of schema v5 (`PackedMentions`, `cable_mentions`): exact round trips,
/// damaged blobs refused with a message, and the paragraph endpoints' output unchanged from v4.
@Suite("Packed mentions")
struct PackedMentionsTests {
    private static func mention(_ id: String, _ surface: String, _ start: Int, _ end: Int? = nil) -> Cable.EntityMention {
        Cable.EntityMention(id: id, type: String(id.prefix { $0 != ":" }), surface: surface, start: start,
                            end: end ?? start + surface.unicodeScalars.count)
    }

    private static func decode(_ bytes: [UInt8], cableID: String = "07ASTANA1") throws -> PackedMentions.Decoded {
        try bytes.withUnsafeBytes { buffer in try PackedMentions.decode(buffer, cableID: cableID) }
    }

    @Test func roundTripsExtremeValuesAndSurfacesByteForByte() throws {
        let precomposed = "Jos\u{E9}", decomposed = "Jose\u{301}"
        #expect(precomposed == decomposed && Array(precomposed.utf8) != Array(decomposed.utf8))
        let values: [(Int, Int, Int, Int, String)] = [
            (1, 0, 6, 0, precomposed), (1, 9, 14, 0, decomposed), (-3, Int.max, Int.min, 1, "北京"),
            (Int.min, -1, 0, 1, ""), (Int.max, 127, 128, 0, precomposed), (64, 8191, 16384, 1, "Zürich"),
        ]
        var writer = PackedMentions.BodyWriter()
        for (paragraph, start, end, entity, surface) in values {
            writer.add(paragraph: paragraph, start: start, end: end, entity: entity, surface: surface)
        }
        let pks: [Int64] = [1, Int64.max]
        let decoded = try Self.decode(PackedMentions.blob(entityPKs: pks, body: writer.body()))
        #expect(decoded.entityPKs == pks)
        #expect(decoded.surfaces.count == 5)   // the two "José" forms stay apart; repeats share a slot
        for (index, (paragraph, start, end, entity, surface)) in values.enumerated() {
            let read = decoded.mentions[index]
            #expect(read.paragraph == paragraph && read.start == start && read.end == end && read.entity == entity)
            #expect(Array(decoded.surfaces[read.surface].utf8) == Array(surface.utf8))
        }
    }

    @Test func refusesDamagedBlobsWithTheCableAndOffset() throws {
        var writer = PackedMentions.BodyWriter()
        writer.add(paragraph: 1, start: 0, end: 6, entity: 0, surface: "Almaty")
        writer.add(paragraph: 2, start: 300, end: 306, entity: 1, surface: "Astana")
        let good = PackedMentions.blob(entityPKs: [7, 8], body: writer.body())
        #expect(try Self.decode(good).mentions.count == 2)
        var damaged: [[UInt8]] = (0..<good.count).map { Array(good[..<$0]) }    // every truncation
        damaged.append(good + [0])                                                 // a byte too many
        damaged.append([2] + good.dropFirst())                                     // unknown format
        damaged.append([1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])  // 70-bit varint
        damaged.append([1, 0x80, 0x80, 0x80, 0x80, 0x01])                           // count far past the end
        damaged.append([1, 1, 7, 1, 1, 65, 1, 2, 0, 2, 1, 0])                      // entity index 1 of 1
        damaged.append([1, 1, 7, 1, 1, 65, 1, 2, 0, 2, 0, 1])                      // surface index 1 of 1
        for bytes in damaged {
            #expect {
                _ = try Self.decode(bytes, cableID: "07ASTANA1")
            } throws: { error in
                guard case let .corrupt(message)? = error as? StoreError else { return false }
                return message.contains("cable 07ASTANA1") && message.contains("byte ")
            }
        }
    }

    @Test func paragraphsOfADamagedRowAreAnErrorNamingTheCable() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        try store.put(raw: "raw", cable: makeCable(id: "07ASTANA1", mentions: [1: [Self.mention("location:almaty", "Almaty", 0)]]))
        let reader = try store.makeReader()
        #expect(try reader.paragraphs(id: "07ASTANA1")?[0].entities.count == 1)
        let db = try Connection(path: store.path)
        try db.execute("UPDATE cable_mentions SET packed = substr(packed, 1, length(packed) - 2)")
        #expect(throws: StoreError.self) { _ = try reader.paragraphs(id: "07ASTANA1") }
        do {
            _ = try reader.paragraph(id: "07ASTANA1", number: 1)
            Issue.record("a truncated row was read")
        } catch let error as StoreError {
            #expect("\(error)".contains("07ASTANA1"))
        }
        // A well-formed row naming an entity pk that is not stored.
        try db.execute("UPDATE cable_mentions SET packed = x'0101630106416c6d6174790102000c0000'")
        #expect {
            _ = try reader.paragraphs(id: "07ASTANA1")
        } throws: { error in
            "\(error)".contains("07ASTANA1") && "\(error)".contains("entity pk 99")
        }
    }

    @Test func sharedParagraphNumbersAndNonASCIISurfacesReadBackAsWritten() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let first = [Self.mention("person:jose", "Jos\u{E9}", 12), Self.mention("location:zurich", "Zürich", 0),
                     Self.mention("person:jose", "Jose\u{301}", 30)]
        let second = [Self.mention("location:beijing", "北京", 3)]
        var cable = makeCable(id: "07ASTANA1", paragraphs: ["a", "b", "c"], mentions: [1: first, 3: [Self.mention("person:jose", "JOSÉ", 1)]])
        // Paragraphs 1 and 2 both numbered 1: the first of them carries every mention of number 1.
        cable.paragraphs[1].number = 1
        cable.paragraphs[1].entities = second
        try store.put(raw: "raw", cable: cable)
        let paragraphs = try #require(try store.makeReader().paragraphs(id: "07ASTANA1"))
        #expect(paragraphs.map(\.number) == [1, 1, 3])
        #expect(paragraphs[0].entities == first + second)
        #expect(paragraphs[0].entities.map { Array($0.surface.utf8) } == (first + second).map { Array($0.surface.utf8) })
        #expect(paragraphs[1].entities.isEmpty)
        #expect(paragraphs[2].entities == [Self.mention("person:jose", "JOSÉ", 1)])
        // Aliases are stored byte for byte too: both forms of "José".
        #expect(try store.makeReader().entity(id: "person:jose")?.aliases.count == 3)
    }

    @Test func migrationFromARealV4DatabaseGivesTheV4ReadersOutput() throws {
        let path = temporaryDatabasePath()
        let old = try Connection(path: path)
        let v5 = try #require(Schema.migrations.firstIndex(of: Schema.v5))
        for migration in Schema.migrations[..<v5] { try old.execute(migration) }
        // v4 rows: seq order differs from offset order, a shared paragraph number, non-ASCII surfaces
        // (precomposed and decomposed), a cable without mentions, one whose mentions are out of pk order.
        try old.execute("""
            PRAGMA user_version = \(v5);
            INSERT INTO cables (pk, id, date, station, serial, partial, word_count, raw_hash, json_hash, imported_at,
                                json_size, raw_size, json_gz, raw_gz)
            VALUES (1, '07ASTANA1', '2007-11-19', 'ASTANA', 1, 0, 9, 'r1', 'j1', 't', 0, 0, x'', x''),
                   (2, '07ASTANA2', '2007-11-20', 'ASTANA', 2, 0, 9, 'r2', 'j2', 't', 0, 0, x'', x''),
                   (3, '07ASTANA3', '2007-11-21', 'ASTANA', 3, 0, 9, 'r3', 'j3', 't', 0, 0, x'', x'');
            INSERT INTO paragraphs (cable_pk, position, number, text)
            VALUES (1, 0, 1, 'p'), (1, 1, 1, 'q'), (1, 2, 2, 'r'), (2, 0, 1, 's'), (3, 0, 1, 't');
            INSERT INTO entities (pk, id, type, name) VALUES (5, 'person:jose', 'person', 'Jos\u{E9}'),
                (9, 'location:zurich', 'location', 'Zürich'), (12, 'location:almaty', 'location', 'Almaty');
            INSERT INTO entity_aliases VALUES (5, 'Jos\u{E9}'), (5, 'Jose\u{301}'), (9, 'Zürich'), (12, 'Almaty');
            INSERT INTO mentions (cable_pk, seq, paragraph, start, "end", entity_pk, surface) VALUES
                (1, 0, 2, 40, 44, 5, 'Jos\u{E9}'), (1, 1, 1, 9, 15, 9, 'Zürich'), (1, 2, 1, 0, 4, 5, 'Jose\u{301}'),
                (1, 3, 1, 70, 76, 12, 'Almaty'), (1, 4, 2, 3, 9, 9, 'Zürich'),
                (3, 0, 1, 5, 11, 12, 'Almaty'), (3, 1, 1, 0, 4, 5, 'Jose\u{301}');
            INSERT INTO entity_cables VALUES (5, 1, 2), (9, 1, 2), (12, 1, 1), (12, 3, 1), (5, 3, 1);
            """)
        // What the v4 reader's query returned, per cable, in its order.
        var expected: [String: [[String]]] = [:]
        let query = try old.prepare("""
            SELECT c.id, m.paragraph, e.id, e.type, m.surface, m.start, m."end"
            FROM mentions m JOIN entities e ON e.pk = m.entity_pk JOIN cables c ON c.pk = m.cable_pk
            ORDER BY m.cable_pk, m.seq
            """)
        while try query.step() {
            expected[query.text(0) ?? "", default: []].append((1...6).map { query.text(Int32($0)) ?? "" })
        }
        query.reset()
        #expect(expected.values.map(\.count).reduce(0, +) == 7)

        let store = try CableStore(path: path)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        #expect(try store.integrityCheck() == "ok")
        let check = try Connection(path: path, readOnly: true)
        #expect(try check.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'mentions'") == 0)
        #expect(try check.scalarInt("SELECT count(*) FROM cable_mentions") == 2)
        let reader = try store.makeReader()
        for id in ["07ASTANA1", "07ASTANA2", "07ASTANA3"] {
            let paragraphs = try #require(try reader.paragraphs(id: id))
            // The v4 reader grouped by number, in seq order, onto the first paragraph with that number.
            var seen = Set<Int>()
            var read: [[String]] = []
            for paragraph in paragraphs {
                if !seen.insert(paragraph.number).inserted { #expect(paragraph.entities.isEmpty); continue }
                read += paragraph.entities.map { ["\(paragraph.number)", $0.id, $0.type, $0.surface, "\($0.start)", "\($0.end)"] }
            }
            // Grouped by paragraph number, seq order within a number.
            let want = (expected[id] ?? []).enumerated()
                .sorted { (Int($0.element[0])!, $0.offset) < (Int($1.element[0])!, $1.offset) }.map(\.element)
            #expect(read == want, "\(id)")
            #expect(read.map { Array($0[3].utf8) } == want.map { Array($0[3].utf8) })
        }
        // New writes go next to the migrated rows, and the entity counts are unchanged.
        try store.put(raw: "four", cable: makeCable(id: "07ASTANA4", mentions: [1: [Self.mention("person:jose", "JOSE", 0)]]))
        #expect(try reader.entity(id: "person:jose")?.mentions == 4)
        #expect(try reader.paragraphs(id: "07ASTANA4")?[0].entities.map(\.surface) == ["JOSE"])
    }
}
