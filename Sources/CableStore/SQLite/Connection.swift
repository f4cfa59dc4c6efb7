import CSQLite

/// One SQLite connection, with a cache of prepared statements keyed by their SQL text.
///
/// A connection is not thread-safe: own it from one thread at a time (the store hands every reader
/// thread its own connection and guards the single writer with a lock).
public final class Connection {
    /// The raw `sqlite3*` handle; valid until the connection is deinitialised.
    let handle: OpaquePointer
    /// The file path the connection was opened on.
    public let path: String
    private var cache: [String: Statement] = [:]
    /// How long a statement waits for a lock held by another connection.
    static let busyTimeoutMilliseconds: Int32 = 5_000

    /// Opens (and for writers creates) the database at `path`.
    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        var db: OpaquePointer?
        // NOMUTEX: every connection is confined to one thread at a time, so SQLite's own mutex is waste.
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(connection: db, code: rc, sql: nil)
            sqlite3_close_v2(db)
            throw SQLiteError(code: error.code, message: "cannot open \(path): \(error.message)")
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        // Readers wait for a checkpointing writer instead of failing at once.
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
    }

    /// Runs `body` with SQLite's busy timeout set to `milliseconds`, then restores the default (5 s).
    func withBusyTimeout<T>(milliseconds: Int32, _ body: () throws -> T) rethrows -> T {
        sqlite3_busy_timeout(handle, milliseconds)
        defer { sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds) }
        return try body()
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows (schema, pragmas).
    public func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Returns a prepared statement for `sql`, reset and with cleared bindings, from the cache when it
    /// was prepared before.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        if let statement = cache[sql] {
            statement.reset()
            return statement
        }
        let statement = try Statement(connection: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// The rowid of the last successful insert on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// True when no transaction is open.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    ///
    /// IMMEDIATE takes the write lock up front, so a transaction never fails half-way with SQLITE_BUSY
    /// after it has done work.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if !isAutocommit { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs a query that returns one integer (`SELECT count(*) …`, `PRAGMA user_version`).
    public func scalarInt(_ sql: String, _ values: (any SQLBindable)?...) throws(SQLiteError) -> Int? {
        let statement = try prepare(sql)
        try statement.bind(values)
        defer { statement.reset() }
        return try statement.step() ? statement.optionalInt(0) : nil
    }

    /// Runs a query that returns one text value (`PRAGMA journal_mode`, `PRAGMA integrity_check`).
    public func scalarText(_ sql: String, _ values: (any SQLBindable)?...) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        try statement.bind(values)
        defer { statement.reset() }
        return try statement.step() ? statement.text(0) : nil
    }
}
