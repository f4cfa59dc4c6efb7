import Foundation
import Testing
@testable import CableStore

@Suite("SQLite wrapper")
struct SQLiteTests {
    @Test func bindsAndReadsEveryType() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)")
        try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)").run(42, 2.5, "héllo \"x\" ✓", Data([0, 1, 2]), nil as String?)
        let row = try db.prepare("SELECT i, d, s, b, n FROM t")
        #expect(try row.step())
        #expect(row.int(0) == 42)
        #expect(row.double(1) == 2.5)
        #expect(row.text(2) == "héllo \"x\" ✓")
        #expect(row.data(3) == Data([0, 1, 2]))
        #expect(row.isNull(4) && row.text(4) == nil)
        #expect(try !row.step())
    }

    @Test func emptyStringAndEmptyBlobAreNotNull() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (s TEXT, b BLOB)")
        try db.prepare("INSERT INTO t VALUES (?, ?)").run("", Data())
        #expect(try db.scalarInt("SELECT count(*) FROM t WHERE s IS NOT NULL AND b IS NOT NULL") == 1)
    }

    @Test func errorsCarryCodeMessageAndSQL() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")
        try db.prepare("INSERT INTO t VALUES (?)").run("a")
        do {
            try db.prepare("INSERT INTO t VALUES (?)").run("a")
            Issue.record("duplicate key accepted")
        } catch {
            #expect(error.primaryCode == 19)  // SQLITE_CONSTRAINT
            #expect(error.message.contains("UNIQUE"))
            #expect(error.sql?.contains("INSERT INTO t") == true)
        }
        #expect(throws: SQLiteError.self) { try db.prepare("SELEKT nonsense") }
    }

    @Test func transactionRollsBackWhenBodyThrows() throws {
        struct Boom: Error {}
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.prepare("INSERT INTO t VALUES (1)").run()
                throw Boom()
            }
        }
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
        #expect(db.isAutocommit)
    }

    @Test func cachedStatementsAreResetBetweenUses() throws {
        let db = try Connection(path: ":memory:")
        #expect(try db.scalarInt("SELECT ? + 1", 1) == 2)
        #expect(try db.scalarInt("SELECT ? + 1", 41) == 42)
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

@Suite("Schema")
struct SchemaTests {
    @Test func newDatabaseIsCreatedAtCurrentVersionInWALMode() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        #expect(try store.integrityCheck() == "ok")
        let db = try Connection(path: path)
        #expect(try db.scalarText("PRAGMA journal_mode") == "wal")
        for table in ["cables", "paragraphs", "tags", "cable_tags", "cable_caveats", "cable_references",
                      "cable_versions", "entities", "entity_aliases", "cable_mentions", "paragraphs_fts", "subjects_fts"] {
            #expect(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = ?", table) == 1, "\(table)")
        }
    }

    @Test func newDatabaseUsesTheStorePageSizeAndAThirtyTwoMiBWAL() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        try store.put(raw: "raw", cable: makeCable(id: "07ASTANA1"))
        #expect(try Connection(path: path).scalarInt("PRAGMA page_size") == CableStore.pageSize)
        #expect(CableStore.pageSize != 4096)
        let checkpointPages = try store.write { try $0.connection.scalarInt("PRAGMA wal_autocheckpoint") }
        #expect(checkpointPages == (32 << 20) / CableStore.pageSize)
    }

    @Test func existingDatabaseKeepsItsPageSizeAndStaysUsable() throws {
        // A database made by an earlier build (4 KiB pages, WAL, current schema) is not rewritten.
        let path = temporaryDatabasePath()
        do {
            let old = try Connection(path: path)
            try old.execute("PRAGMA page_size = 4096")
            _ = try old.scalarText("PRAGMA journal_mode = WAL")
            try Schema.migrate(old)
        }
        let store = try CableStore(path: path)
        try store.put(raw: "raw one", cable: makeCable(id: "07ASTANA1", paragraphs: ["Uzbek officials met."]))
        try store.put(raw: "raw two", cable: makeCable(id: "07ASTANA2"))
        #expect(try Connection(path: path).scalarInt("PRAGMA page_size") == 4096)
        #expect(try store.write { try $0.connection.scalarInt("PRAGMA wal_autocheckpoint") } == 8192)
        #expect(try store.integrityCheck() == "ok")
        let reader = try store.makeReader()
        #expect(try reader.count() == 2)
        #expect(try reader.searchParagraphs(query: "uzbek").items.map(\.cableID) == ["07ASTANA1"])
    }

    @Test func readersGetTheLargerPageCacheAndMapTheFile() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let reader = try store.makeReader()
        #expect(try reader.connection.scalarInt("PRAGMA cache_size") == -CableStore.readerCacheKiB)
        #expect(try reader.connection.scalarInt("PRAGMA mmap_size") == CableStore.readerMapBytes)
    }

    @Test func reopeningKeepsDataAndDoesNotMigrateAgain() throws {
        let path = temporaryDatabasePath()
        try CableStore(path: path).put(raw: "raw", cable: makeCable(id: "07ASTANA1"))
        let reopened = try CableStore(path: path)
        #expect(try reopened.schemaVersion() == Schema.currentVersion)
        #expect(try reopened.makeReader().count() == 1)
    }

    @Test func migratesAnOlderDatabaseStepByStep() throws {
        // A database at version 0 that already holds an unrelated table is brought up to date.
        let path = temporaryDatabasePath()
        let db = try Connection(path: path)
        try db.execute("CREATE TABLE notes (x TEXT); PRAGMA user_version = 0")
        _ = try CableStore(path: path)
        #expect(try db.scalarInt("PRAGMA user_version") == Schema.currentVersion)
        #expect(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'cables'") == 1)
    }

    @Test func refusesADatabaseFromANewerVersion() throws {
        let path = temporaryDatabasePath()
        try Connection(path: path).execute("PRAGMA user_version = 999")
        #expect(throws: StoreError.unsupportedSchema(found: 999, supported: Schema.currentVersion)) {
            _ = try CableStore(path: path)
        }
    }

    @Test func readersAreReadOnly() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let reader = try store.makeReader()
        #expect(throws: SQLiteError.self) { try reader.connection.execute("DELETE FROM cables") }
    }
}

@Suite("Stored text compression")
struct StoredGzipTests {
    @Test func roundTripsAndRejectsDamage() throws {
        let text = String(repeating: "SUBJECT: STATE SECRET LAW ¶ ", count: 500)
        let packed = StoredGzip.makeDeflater().compressToData(text)
        #expect(packed.count < text.utf8.count / 5)
        #expect(packed.prefix(2) == Data([0x1F, 0x8B]))  // a gzip member, servable as Content-Encoding: gzip
        #expect(try StoredGzip.inflate(packed, size: text.utf8.count) == Data(text.utf8))
        #expect(try StoredGzip.inflate(StoredGzip.makeDeflater().compressToData(""), size: 0) == Data())
        var damaged = packed
        damaged[damaged.count / 2] ^= 0xFF
        #expect(throws: StoreError.self) { try StoredGzip.inflate(damaged, size: text.utf8.count) }
        #expect(throws: StoreError.self) { try StoredGzip.inflate(packed, size: text.utf8.count + 1) }
    }

    /// An import worker keeps one compressor for every text: each result is a whole gzip member of
    /// its own input, byte for byte what a new compressor makes.
    @Test func aReusedCompressorGivesTheSameMembersAsNewOnes() throws {
        let reused = StoredGzip.makeDeflater()
        let texts = ["", "short", String(repeating: "REF A: 07ASTANA3153 ", count: 4_000), "after a long one"]
        for text in texts + texts.reversed() {
            let member = reused.compressToData(text)
            #expect(member == StoredGzip.makeDeflater().compressToData(text))
            #expect(try StoredGzip.inflate(member, size: text.utf8.count) == Data(text.utf8))
        }
    }
}
