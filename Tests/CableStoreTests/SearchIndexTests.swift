import CableParser
import Foundation
import Testing
@testable import CableStore

/// Full-text rows are written at the end of each transaction (CableWriter+SearchIndex.swift) and
/// schema v3 drops the subject insert trigger: these tests pin that the indexes stay exact.
@Suite("Deferred full-text index and schema v3")
struct SearchIndexTests {
    /// Runs both FTS5 integrity checks (they compare the index with the content tables); throws when off.
    private func checkFullText(_ path: String) throws {
        let connection = try Connection(path: path)
        try connection.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
        try connection.execute("INSERT INTO subjects_fts(subjects_fts) VALUES ('integrity-check')")
    }

    @Test func aVersionTwoDatabaseUpgradesAndKeepsItsIndexExact() throws {
        let path = temporaryDatabasePath()
        do {
            // A database as the v2 build left it: the cable row indexed its subject by trigger.
            let old = try Connection(path: path)
            _ = try old.scalarText("PRAGMA journal_mode = WAL")
            try old.execute(Schema.v1 + Schema.v2 + "PRAGMA user_version = 2;")
            try old.execute("""
                INSERT INTO cables (pk, id, date, year, origin, station, serial, classification, subject, partial,
                    word_count, raw_hash, json_hash, imported_at, json_size, raw_size, json_gz, raw_gz)
                VALUES (1, '06PARIS1', '2006-01-02', 2006, 'Embassy Paris', 'PARIS', 1, 'SECRET', 'OLD TREATY TALKS', 0,
                    3, 'r', 'j', '2026-01-01T00:00:00Z', 0, 0, x'', x'');
                INSERT INTO paragraphs (pk, cable_pk, position, number, classification, text)
                VALUES (1, 1, 0, 1, 'S', 'Treaty talks resumed in Geneva.');
                INSERT INTO paragraphs_fts(rowid, text) VALUES (1, 'Treaty talks resumed in Geneva.');
                """)
        }
        let store = try CableStore(path: path)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        let triggers = try Connection(path: path).scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'cables_ai'")
        #expect(triggers == 0)
        let hashsize = try Connection(path: path).scalarInt("SELECT v FROM paragraphs_fts_config WHERE k = 'hashsize'")
        #expect(hashsize == 16 << 20)

        try store.put(raw: "new", cable: makeCable(id: "07ASTANA1", subject: "STEPPE HARVEST REPORT",
                                                     paragraphs: ["Wheat harvest in the steppe."]))
        try checkFullText(path)
        let reader = try store.makeReader()
        #expect(try reader.listCables(filter: CableFilter(query: "steppe harvest")).total == 1)
        #expect(try reader.listCables(filter: CableFilter(query: "\"treaty talks\"")).total == 1)
        #expect(try reader.searchParagraphs(query: "geneva").items.map(\.cableID) == ["06PARIS1"])
        #expect(try reader.searchParagraphs(query: "wheat").items.map(\.cableID) == ["07ASTANA1"])

        // The update and delete triggers stay and still find the subject the old build indexed.
        try store.write { writer in
            _ = try writer.connection.transaction {
                try writer.connection.execute("UPDATE cables SET subject = 'NEW AGENDA' WHERE id = '06PARIS1'")
            }
        }
        try checkFullText(path)
        #expect(try reader.listCables(filter: CableFilter(query: "agenda")).total == 1)
        #expect(try store.delete(id: "06PARIS1"))
        try checkFullText(path)
        #expect(try reader.listCables(filter: CableFilter(query: "agenda")).total == 0)
    }

    @Test func aTransactionOfManyCablesWritesOneSegmentAndAnExactIndex() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        let prepared = try (1...60).map { serial in
            try PreparedCable(raw: "raw \(serial)", cable: makeCable(
                id: "07ASTANA\(serial)", subject: "SUBJECT NUMBER \(serial)",
                paragraphs: ["Paragraph one of \(serial) about wheat.", "Paragraph two of \(serial) about oil."]))
        }
        try store.write { writer in _ = try writer.transaction { try prepared.map { try writer.put($0) } } }
        try checkFullText(path)
        // Indexed per cable, 60 flushes made several segments even after automerge.
        let segments = try Connection(path: path).scalarInt("SELECT count(DISTINCT segid) FROM paragraphs_fts_idx")
        #expect(segments == 1)
        let reader = try store.makeReader()
        #expect(try reader.searchParagraphs(query: "wheat", limit: 100).items.count == 60)
        #expect(try reader.listCables(filter: CableFilter(query: "number")).total == 60)
    }

    @Test func sameCableTwiceOrDeletedInOneTransactionKeepsTheIndexExact() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        let first = try PreparedCable(raw: "one", cable: makeCable(id: "07ASTANA1", subject: "FIRST SUBJECT", paragraphs: ["Barley fields."]))
        let second = try PreparedCable(raw: "two", cable: makeCable(id: "07ASTANA1", subject: "SECOND SUBJECT", paragraphs: ["Cotton fields."]))
        let other = try PreparedCable(raw: "x", cable: makeCable(id: "07ASTANA2", subject: "OTHER SUBJECT", paragraphs: ["Rice fields."]))
        let outcomes = try store.write { writer in
            try writer.transaction { [try writer.put(first), try writer.put(other), try writer.put(second)] }
        }
        #expect(outcomes == [.inserted, .inserted, .updated])
        try checkFullText(path)
        let reader = try store.makeReader()
        #expect(try reader.searchParagraphs(query: "barley").items.isEmpty)
        #expect(try reader.searchParagraphs(query: "cotton").items.map(\.cableID) == ["07ASTANA1"])
        #expect(try reader.listCables(filter: CableFilter(query: "first")).total == 0)
        #expect(try reader.listCables(filter: CableFilter(query: "second")).total == 1)

        let third = try PreparedCable(raw: "y", cable: makeCable(id: "07ASTANA3", subject: "THIRD SUBJECT", paragraphs: ["Millet fields."]))
        try store.write { writer in
            _ = try writer.transaction {
                _ = try writer.put(third)
                return try writer.delete(id: "07ASTANA3")
            }
        }
        try checkFullText(path)
        #expect(try reader.searchParagraphs(query: "millet").items.isEmpty)
    }

    @Test func aRolledBackTransactionLeavesNoPendingRows() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        struct Abort: Error {}
        let doomed = try PreparedCable(raw: "d", cable: makeCable(id: "07ASTANA9", subject: "DOOMED", paragraphs: ["Sorghum."]))
        #expect(throws: Abort.self) {
            try store.write { writer in _ = try writer.transaction { _ = try writer.put(doomed); throw Abort() } }
        }
        try store.put(raw: "k", cable: makeCable(id: "07ASTANA8", subject: "KEPT", paragraphs: ["Oats."]))
        try checkFullText(path)
        let reader = try store.makeReader()
        #expect(try reader.searchParagraphs(query: "sorghum").items.isEmpty)
        #expect(try reader.searchParagraphs(query: "oats").items.map(\.cableID) == ["07ASTANA8"])
        #expect(try reader.count() == 1)
    }
}
