import CSQLite
import CableParser
import Foundation
import Gzip

/// The single writer: inserts, replaces and deletes cables with everything derived from them.
///
/// Obtain it through `CableStore.write { }`; it is only valid inside that closure. Methods without
/// "Durably" in their name run inside the caller's transaction, so an importer can group many
/// cables per commit while each cable still lands whole or not at all.
public final class CableWriter {
    let connection: Connection
    /// Cables whose full-text rows are still to be written (see `CableWriter+SearchIndex.swift`).
    var pendingSearch = PendingSearchRows()
    /// For the JSON that `reindex` rewrites (import workers compress with their own).
    lazy var compressor = StoredGzip.makeDeflater()

    /// Entity keys and aliases already stored (see `EntityKeyCache`).
    let entityCache = EntityKeyCache()

    init(connection: Connection) {
        self.connection = connection
        // Any rollback of a whole transaction (ours, a failed COMMIT, SQLite's own after an I/O
        // error) may undo inserts the cache remembers: empty it.
        sqlite3_rollback_hook(connection.handle, { context in
            guard let context else { return }
            Unmanaged<EntityKeyCache>.fromOpaque(context).takeUnretainedValue().removeAll()
        }, Unmanaged.passUnretained(entityCache).toOpaque())
    }

    deinit {
        sqlite3_rollback_hook(connection.handle, nil, nil)
    }

    /// Stores one cable in its own transaction; durable (synchronous=FULL) when it returns.
    public func putDurably(_ prepared: PreparedCable) throws -> PutOutcome {
        try transaction { try put(prepared) }
    }

    /// Runs `body` in one transaction (for batches of `put` calls); the full-text rows of the cables
    /// it stored are written just before the commit.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        do {
            return try connection.transaction {
                let result = try body()
                try flushSearchIndex()
                return result
            }
        } catch {
            pendingSearch.removeAll()
            throw error
        }
    }

    /// Runs `body` in one transaction meant for a batch of an import, with `synchronous=NORMAL`.
    ///
    /// In WAL mode NORMAL skips the fsync at each commit but keeps the file consistent: a `kill -9`
    /// loses nothing committed, a power loss can lose the last batches (re-running the idempotent
    /// import restores them), never half a cable. `endBulkImport()` makes them durable. The
    /// connection is back at FULL on return, so `putDurably` keeps its guarantee.
    func bulkTransaction<T>(_ body: () throws -> T) throws -> T {
        try connection.execute("PRAGMA synchronous = NORMAL")
        defer { try? connection.execute("PRAGMA synchronous = FULL") }
        return try transaction(body)
    }

    /// Sets the connection's automatic checkpoint interval in pages (0: none) and returns the old one.
    /// A bulk import turns it off while `BackgroundCheckpointer` does that work on another thread.
    func setAutocheckpoint(_ pages: Int) throws -> Int {
        let old = try connection.scalarInt("PRAGMA wal_autocheckpoint") ?? 0
        try connection.execute("PRAGMA wal_autocheckpoint = \(pages)")
        return old
    }

    /// Ends a bulk import: a checkpoint copies the WAL into the database, fsyncing both, so the
    /// batches committed with `synchronous=NORMAL` are durable. PASSIVE: readers are never blocked.
    /// Then the WAL file is truncated when no reader still needs it: it otherwise keeps the size of
    /// the import's largest WAL cycle (380 MB after the full-size corpus) until the next write.
    func endBulkImport() throws {
        _ = try connection.scalarInt("PRAGMA wal_checkpoint(PASSIVE)")
        // No waiting: with a reader on an old snapshot SQLite answers "busy" and the file stays.
        try connection.withBusyTimeout(milliseconds: 0) {
            _ = try connection.scalarInt("PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// Inserts or replaces one cable with its paragraphs, tags, caveats, references and mentions.
    /// Must run inside `transaction { }`, which writes the cable's full-text rows before committing.
    public func put(_ prepared: PreparedCable) throws -> PutOutcome {
        let now = Self.timestamp()
        let lookup = try connection.prepare("SELECT pk, raw_hash, json_hash, imported_at FROM cables WHERE id = ?")
        try lookup.bind(prepared.cable.id)
        guard try lookup.step() else {
            lookup.reset()
            let pk = try insertRow(prepared, importedAt: now)
            try insertChildren(of: prepared, pk: pk)
            return .inserted
        }
        let pk = Int64(lookup.int(0))
        let oldRawHash = lookup.text(1) ?? ""
        let oldJSONHash = lookup.text(2) ?? ""
        let oldImportedAt = lookup.text(3) ?? now
        lookup.reset()
        // A text that differs only in trailing whitespace is the same text: the CSV export of a cable
        // lacks the final newline of its .txt file, and importing both must not make a version.
        let sameText = try oldRawHash == prepared.rawHash || storedRaw(pk: pk, equalsTrimmed: prepared.raw)
        if sameText, oldJSONHash == prepared.jsonHash { return .unchanged }
        // The update and delete below remove this cable's full-text rows, which must exist by then
        // (it may have been stored earlier in this transaction).
        try flushSearchIndex()

        if sameText {
            // Same text. A newer parser (or the entity hook) may still derive different data: refresh it.
            try updateRow(prepared, pk: pk, importedAt: oldImportedAt)
            let unlinked = try deleteChildren(pk: pk)
            let relinked = try insertChildren(of: prepared, pk: pk)
            try removeEntitiesNoCableNames(among: unlinked, except: relinked)
            return .unchanged
        }
        try archive(pk: pk, id: prepared.cable.id, replacedAt: now)
        try updateRow(prepared, pk: pk, importedAt: now)
        let unlinked = try deleteChildren(pk: pk)
        let relinked = try insertChildren(of: prepared, pk: pk)
        try removeEntitiesNoCableNames(among: unlinked, except: relinked)
        return .updated
    }

    /// Deletes a cable and its derived rows, keeping its raw text as a version. Must run inside a
    /// transaction. False when the id is unknown.
    public func delete(id: String) throws -> Bool {
        guard let pk = try connection.scalarInt("SELECT pk FROM cables WHERE id = ?", id) else { return false }
        try flushSearchIndex()
        try archive(pk: Int64(pk), id: id, replacedAt: Self.timestamp())
        let unlinked = try deleteChildren(pk: Int64(pk))
        try connection.prepare("DELETE FROM cables WHERE pk = ?").run(Int64(pk))
        try removeEntitiesNoCableNames(among: unlinked)
        return true
    }

    // MARK: - Rows

    private func insertRow(_ prepared: PreparedCable, importedAt: String) throws -> Int64 {
        let cable = prepared.cable
        try connection.prepare("""
            INSERT INTO cables (id, date, year, origin, station, serial, classification, subject, partial,
                                word_count, raw_hash, json_hash, imported_at, json_size, raw_size, json_gz, raw_gz)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run(cable.id, prepared.sortDate, prepared.year, cable.origin, cable.station, cable.serial,
                     cable.classification, cable.subject, cable.partial, cable.wordCount, prepared.rawHash,
                     prepared.jsonHash, importedAt, prepared.json.count, prepared.rawSize, prepared.jsonGzip,
                     prepared.rawGzip)
        let pk = connection.lastInsertRowID
        pendingSearch.subjects.append(pk)
        return pk
    }

    private func updateRow(_ prepared: PreparedCable, pk: Int64, importedAt: String) throws {
        let cable = prepared.cable
        try connection.prepare("""
            UPDATE cables SET date = ?, year = ?, origin = ?, station = ?, serial = ?, classification = ?,
                subject = ?, partial = ?, word_count = ?, raw_hash = ?, json_hash = ?, imported_at = ?,
                json_size = ?, raw_size = ?, json_gz = ?, raw_gz = ?
            WHERE pk = ?
            """).run(prepared.sortDate, prepared.year, cable.origin, cable.station, cable.serial,
                     cable.classification, cable.subject, cable.partial, cable.wordCount, prepared.rawHash,
                     prepared.jsonHash, importedAt, prepared.json.count, prepared.rawSize, prepared.jsonGzip,
                     prepared.rawGzip, pk)
    }

    /// True when the stored raw text of `pk` and `raw` are equal once trailing whitespace is dropped
    /// from both. Read only when the hashes differ (an update), so the inflate is rare.
    private func storedRaw(pk: Int64, equalsTrimmed raw: String) throws -> Bool {
        let statement = try connection.prepare("SELECT raw_gz, raw_size FROM cables WHERE pk = ?")
        try statement.bind(pk)
        defer { statement.reset() }
        guard try statement.step() else { return false }
        let stored = try StoredGzip.inflate(statement.data(0), size: statement.int(1))
        return Self.droppingTrailingWhitespace(stored).elementsEqual(Self.droppingTrailingWhitespace(raw.utf8))
    }

    private static func droppingTrailingWhitespace<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bytes.SubSequence {
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let before = bytes.index(before: end)
            guard bytes[before] == 0x20 || bytes[before] == 0x09 || bytes[before] == 0x0A || bytes[before] == 0x0D else { break }
            end = before
        }
        return bytes[..<end]
    }

    private func archive(pk: Int64, id: String, replacedAt: String) throws {
        try connection.prepare("""
            INSERT INTO cable_versions (id, raw_hash, imported_at, replaced_at, raw_size, raw_gz)
            SELECT id, raw_hash, imported_at, ?, raw_size, raw_gz FROM cables WHERE pk = ?
            """).run(replacedAt, pk)
    }

    /// Deletes the cable's derived rows; returns the entities it was linked to (`deleteMentions`).
    private func deleteChildren(pk: Int64) throws -> [Int64] {
        // External-content FTS5 needs the old text to remove a row, so this runs before the delete.
        try connection.prepare("""
            INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)
            SELECT 'delete', pk, text FROM paragraphs WHERE cable_pk = ?
            """).run(pk)
        for table in ["paragraphs", "cable_tags", "cable_caveats", "cable_references"] {
            try connection.prepare("DELETE FROM \(table) WHERE cable_pk = ?").run(pk)
        }
        return try deleteMentions(pk: pk)
    }

    /// Writes the cable's derived rows; returns the entities it is linked to (`insertMentions`).
    @discardableResult
    private func insertChildren(of prepared: PreparedCable, pk: Int64) throws -> [Int64] {
        let cable = prepared.cable
        let paragraph = try connection.prepare(
            "INSERT INTO paragraphs (cable_pk, position, number, classification, text) VALUES (?, ?, ?, ?, ?)")
        for (position, item) in cable.paragraphs.enumerated() {
            try paragraph.run(pk, position, item.number, item.classification, item.text)
        }
        pendingSearch.paragraphs.append(pk)
        let tag = try connection.prepare("""
            INSERT INTO tags (code, kind, meaning) VALUES (?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET kind = coalesce(excluded.kind, kind),
                                             meaning = coalesce(excluded.meaning, meaning)
            WHERE coalesce(excluded.kind, kind) IS NOT kind OR coalesce(excluded.meaning, meaning) IS NOT meaning
            """)
        let cableTag = try connection.prepare("INSERT OR IGNORE INTO cable_tags (code, cable_pk) VALUES (?, ?)")
        for item in cable.tags {
            try tag.run(item.code, item.kind, item.meaning)
            try cableTag.run(item.code, pk)
        }
        let caveat = try connection.prepare("INSERT OR IGNORE INTO cable_caveats (caveat, cable_pk) VALUES (?, ?)")
        for item in cable.caveats { try caveat.run(item, pk) }
        let reference = try connection.prepare(
            "INSERT INTO cable_references (cable_pk, position, label, cited_id, text) VALUES (?, ?, ?, ?, ?)")
        for (position, item) in cable.references.enumerated() {
            try reference.run(pk, position, item.label, item.id, item.text)
        }
        return try insertMentions(prepared.entityRows, pk: pk)
    }

    /// Now as ISO 8601 UTC with microseconds (`2026-11-29T01:59:02.123456Z`); cheap enough to call per cable.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(now.tv_nsec / 1000), 6))Z"
    }
}
