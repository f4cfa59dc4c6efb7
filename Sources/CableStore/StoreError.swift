/// Everything the store can refuse, each case naming what and where.
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The database file was written by a newer cablegate.
    case unsupportedSchema(found: Int, supported: Int)
    /// A pagination cursor that this store did not issue (or issued for another sort order).
    case invalidCursor(String)
    /// A full-text query that cannot be turned into a safe FTS5 query.
    case invalidQuery(String)
    /// A parameter out of range (`limit` 0, an unparseable date).
    case invalidParameter(name: String, reason: String)
    /// No cable with this id.
    case notFound(String)
    /// Stored data that cannot be read back (damaged compressed text).
    case corrupt(String)

    public var description: String {
        switch self {
        case let .unsupportedSchema(found, supported):
            return "database schema version \(found) is newer than this build supports (\(supported))"
        case let .invalidCursor(reason): return "invalid cursor: \(reason)"
        case let .invalidQuery(reason): return "invalid search query: \(reason)"
        case let .invalidParameter(name, reason): return "invalid parameter \(name): \(reason)"
        case let .notFound(id): return "no cable with id \(id)"
        case let .corrupt(reason): return "corrupt database: \(reason)"
        }
    }
}
