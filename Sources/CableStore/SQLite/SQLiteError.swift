import CSQLite

/// A failure reported by SQLite: the result code, SQLite's own message, and the statement that failed.
///
/// Carrying the code lets callers tell a busy database (`SQLITE_BUSY`) or a full disk (`SQLITE_FULL`)
/// from a bug in our SQL, without parsing message text.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended SQLite result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY` ...).
    public let code: Int32
    /// SQLite's message for the failure.
    public let message: String
    /// The SQL text being prepared or run, when there was one.
    public let sql: String?

    /// The primary result code (the low byte of `code`).
    public var primaryCode: Int32 { code & 0xFF }

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    init(connection: OpaquePointer?, code: Int32, sql: String? = nil) {
        let text = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        self.init(code: extended, message: text, sql: sql)
    }

    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        if let sql { return "SQLite error \(code) (\(name)): \(message) — in: \(sql.prefix(200))" }
        return "SQLite error \(code) (\(name)): \(message)"
    }
}
