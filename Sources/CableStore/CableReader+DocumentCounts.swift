import CSQLite
import Foundation

/// The type tag of a `PhraseDocumentCounts` bound as a pointer; SQLite hands the pointer only to a
/// function asking for this exact tag.
nonisolated(unsafe) let phraseCountsPointerType: UnsafePointer<CChar> = UnsafePointer(strdup("cablegate_phrase_counts")!)

/// The document counts of a query's phrases (in FTS5's phrase order), passed to `cablegate_bm25`.
///
/// Bound as a pointer parameter: with `counts` set, the function uses them; with `counts` nil, it
/// counts them as FTS5 does on the query's first row and stores them here. The binding holds a
/// reference, released when SQLite drops the pointer (rebinding, or the statement's end).
final class PhraseDocumentCounts: SQLBindable {
    /// One count per phrase, or nil until known.
    var counts: [Int64]?

    init(_ counts: [Int64]? = nil) {
        self.counts = counts
    }

    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        // SQLite calls the destructor even when the bind fails.
        sqlite3_bind_pointer(statement, index, Unmanaged.passRetained(self).toOpaque(), phraseCountsPointerType) {
            if let pointer = $0 { Unmanaged<PhraseDocumentCounts>.fromOpaque(pointer).release() }
        }
    }
}

/// Per-reader memory of FTS5 match expressions and their phrases' document counts, valid for one
/// `PRAGMA data_version` only.
///
/// The counts depend on every row of the table, so any commit by another connection may change
/// them: the whole cache is dropped when the version moves. Bounded: past `capacity` expressions
/// the oldest stored is dropped first.
struct DocumentCountCache {
    /// Most expressions kept.
    var capacity = 256
    /// The `PRAGMA data_version` the entries were counted at.
    private(set) var dataVersion: Int?
    private var entries: [Key: [Int64]] = [:]
    /// Keys in the order they were stored, for eviction; `head` is the oldest still kept.
    private var order: [Key] = []
    private var head = 0

    struct Key: Hashable {
        var table: String
        var expression: String
    }

    /// Number of expressions kept.
    var count: Int { entries.count }

    /// The counts of `expression` on `table` at `version`, forgetting everything first when the
    /// version is not the one the entries were counted at.
    mutating func counts(_ table: String, _ expression: String, at version: Int) -> [Int64]? {
        if dataVersion != version { removeAll(version: version) }
        return entries[Key(table: table, expression: expression)]
    }

    /// Keeps `counts` for `expression` on `table`, counted at `version`.
    mutating func store(_ counts: [Int64], _ table: String, _ expression: String, at version: Int) {
        if dataVersion != version { removeAll(version: version) }
        let key = Key(table: table, expression: expression)
        guard entries.updateValue(counts, forKey: key) == nil else { return }
        order.append(key)
        while entries.count > max(1, capacity) {
            entries[order[head]] = nil
            head += 1
        }
        // Compact the eviction queue once its dead prefix is as long as the live part.
        if head > 0, head >= order.count - head {
            order.removeFirst(head)
            head = 0
        }
    }

    /// Forgets every entry; the next ones belong to `version`.
    mutating func removeAll(version: Int? = nil) {
        entries.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        head = 0
        dataVersion = version
    }
}

extension CableReader {
    /// Runs `body` with the document counts of `match` on `table`: from the cache when this
    /// snapshot's counts are known, else `known` (exact counts the caller already has) or empty, for
    /// `cablegate_bm25` to fill; counts that end up known are kept for later queries.
    ///
    /// Call inside a read transaction, so that the version checked is the snapshot queried.
    func withDocumentCounts<T>(_ table: String, _ match: String, known: [Int64]? = nil,
                               _ body: (PhraseDocumentCounts) throws -> T) throws -> T {
        try registerBM25()
        guard cachesDocumentCounts else { return try body(PhraseDocumentCounts(known)) }
        let version = try connection.scalarInt("PRAGMA data_version") ?? 0
        let cached = documentCountCache.counts(table, match, at: version)
        let counts = PhraseDocumentCounts(cached ?? known)
        let result = try body(counts)
        if cached == nil, let found = counts.counts {
            documentCountCache.store(found, table, match, at: version)
        }
        return result
    }
}
