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

/// Which document counts a `DocumentCountCache` entry holds: an FTS5 table and a match expression.
struct DocumentCountKey: Hashable {
    var table: String
    var expression: String
}

/// Per-reader memory of FTS5 match expressions and their phrases' document counts, valid for one
/// `PRAGMA data_version` only (the counts depend on every row of the table).
typealias DocumentCountCache = SnapshotCache<DocumentCountKey, [Int64]>

extension SnapshotCache where Key == DocumentCountKey, Value == [Int64] {
    /// The counts of `expression` on `table` at `version`.
    mutating func counts(_ table: String, _ expression: String, at version: Int) -> [Int64]? {
        value(for: DocumentCountKey(table: table, expression: expression), at: version)
    }

    /// Keeps `counts` for `expression` on `table`, counted at `version`.
    mutating func store(_ counts: [Int64], _ table: String, _ expression: String, at version: Int) {
        store(counts, for: DocumentCountKey(table: table, expression: expression), at: version)
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
