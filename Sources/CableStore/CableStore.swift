import CableParser
import Foundation
import Synchronization

/// The cable database: one SQLite file in WAL mode with one writer connection and any number of
/// read-only connections.
///
/// `CableStore` is `Sendable`. Writes (`put`, `delete`, `write { }`, imports) are serialised on the
/// single writer connection behind a lock. Reads go through a `CableReader`, which owns its own
/// read-only connection and is not thread-safe: make one per thread (per event loop) with
/// `makeReader()` and keep it there. WAL lets those readers run while the writer commits.
public final class CableStore: Sendable {
    /// Path of the SQLite file.
    public let path: String
    private let writer: Mutex<CableWriter>

    /// Opens the database at `path`, creating it and its directory when missing, and migrates the
    /// schema to the current version.
    public init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let connection = try Connection(path: path)
        // Only a new, still empty file takes this page size; an existing database keeps its own.
        try connection.execute("PRAGMA page_size = \(Self.pageSize)")
        // WAL: readers never block the writer. synchronous=FULL: a commit is on disk when it returns.
        // 64 MiB page cache and a 32 MiB WAL between checkpoints (counted in pages, so derived from
        // the file's page size): fewer checkpoint passes and fsyncs during bulk imports, well inside
        // the importer's memory budget. secure_delete FAST: Debian builds SQLite with secure delete
        // on, which zeroes and writes every page freed (FTS5 frees whole segments at each merge);
        // FAST still clears deleted content where that costs no extra write (20k-cable import: 5.6 %
        // fewer blocks written).
        _ = try connection.scalarText("PRAGMA journal_mode = WAL")
        let pageSize = try connection.scalarInt("PRAGMA page_size") ?? 4096
        try connection.execute("""
            PRAGMA synchronous = FULL;
            PRAGMA secure_delete = FAST;
            PRAGMA foreign_keys = OFF;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -65536;
            PRAGMA wal_autocheckpoint = \((32 << 20) / max(pageSize, 512));
            """)
        try Schema.migrate(connection)
        self.path = path
        self.writer = Mutex(CableWriter(connection: connection))
    }

    /// Page size of a newly created database. A cable row carries ~10 KB of gzip blobs: at 4 KiB pages
    /// they are overflow chains of several pages, and every B-tree is written in more, smaller pieces.
    /// 8 KiB cut the import writer's CPU per cable by 7–10 % (20k and 60k cables). Larger pages cut it
    /// more (32 KiB: −18 %) but keep whole rows in the `cables` and `paragraphs` leaves, and random
    /// reads (rare-term lists, snippets) then copy 2–8× more bytes per row: Docs/benchmarks.md,
    /// "Import writer, round 3".
    static let pageSize = 8_192

    /// Page cache of each reader connection (SQLite's default is 2 MiB). Queries that seek hundreds
    /// of cable or paragraph rows by pk (facets and lists for a rare term) re-read pages from the OS
    /// once those no longer fit: at 16 MiB such a query needed about half the CPU (20k cables).
    static let readerCacheKiB = 16_384

    /// Bytes of the file each reader maps instead of copying pages into its cache (Debian's SQLite caps
    /// this at 0x7fff0000). The paragraph search ranks up to 10,000 matches, each a random read of its
    /// `paragraphs_fts_docsize` row: copying 8 KiB pages for those made a rare-term search 45 % dearer
    /// than at 4 KiB (p99 above 20 ms on the full-size corpus); mapped, both sizes cost the same.
    /// Safe here because the store never truncates a database file that readers have open.
    static let readerMapBytes = 0x7fff_0000

    /// A new read-only connection for the calling thread. Keep it on that thread.
    public func makeReader() throws -> CableReader {
        let connection = try Connection(path: path, readOnly: true)
        try connection.execute("PRAGMA cache_size = -\(Self.readerCacheKiB)")
        try connection.execute("PRAGMA mmap_size = \(Self.readerMapBytes)")
        return CableReader(connection: connection)
    }

    /// Runs `body` with exclusive use of the writer connection.
    public func write<T: Sendable>(_ body: (CableWriter) throws -> T) throws -> T {
        try writer.withLock { writer in try body(writer) }
    }

    /// Stores one cable in its own durable transaction (see `CableWriter.put`).
    @discardableResult
    public func put(raw: String, cable: Cable) throws -> PutOutcome {
        let prepared = try PreparedCable(raw: raw, cable: cable)
        return try write { try $0.putDurably(prepared) }
    }

    /// Deletes a cable (its raw text is kept as a version); false when the id is unknown.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        try write { writer in try writer.connection.transaction { try writer.delete(id: id) } }
    }

    /// Result of `PRAGMA integrity_check` ("ok" when the file is sound).
    public func integrityCheck() throws -> String {
        try write { writer in try writer.connection.scalarText("PRAGMA integrity_check") ?? "" }
    }

    /// The schema version of the open database.
    public func schemaVersion() throws -> Int {
        try write { writer in try writer.connection.scalarInt("PRAGMA user_version") ?? 0 }
    }
}
