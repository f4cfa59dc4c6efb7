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
        // WAL: readers never block the writer. synchronous=FULL: a commit is on disk when it returns.
        // 64 MiB page cache and a 32 MiB WAL between checkpoints: fewer checkpoint passes and fsyncs
        // during bulk imports, well inside the importer's memory budget.
        _ = try connection.scalarText("PRAGMA journal_mode = WAL")
        try connection.execute("""
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = OFF;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -65536;
            PRAGMA wal_autocheckpoint = 8192;
            """)
        try Schema.migrate(connection)
        self.path = path
        self.writer = Mutex(CableWriter(connection: connection))
    }

    /// A new read-only connection for the calling thread. Keep it on that thread.
    public func makeReader() throws -> CableReader {
        try CableReader(connection: Connection(path: path, readOnly: true))
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
