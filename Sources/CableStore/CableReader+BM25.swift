import CSQLite
import Foundation

/// FTS5's bm25 (k1 = 1.2, b = 0.75, every column weight 1) for a query that is one phrase, with
/// that phrase's document count given by the caller instead of counted per query.
///
/// FTS5's own bm25 counts the documents of each phrase by walking its whole posting list on the
/// first row of every query: ~20 ms for `government` (674,089 paragraphs), however few rows are
/// then scored. A full-text cable listing has already listed every matching rowid, and for a
/// one-phrase query the phrase's documents are exactly those rows, so it passes their count as the
/// only argument: `cablegate_bm25(paragraphs_fts, count)`. The arithmetic below is FTS5's
/// (fts5_aux.c, fts5Bm25Function) operation for operation, so scores are bit-identical to `rank`.
private let cablegateBM25: fts5_extension_function = { api, fts, context, valueCount, values in
    guard let api, let fts, valueCount == 1, let values else {
        sqlite3_result_error(context, "cablegate_bm25(table, documents) takes one argument", -1)
        return
    }
    // The average row length and the IDF are the same for every row of a query: worked out on its
    // first row and kept with the query (auxdata lives as long as the MATCH, never longer).
    var constants = api.pointee.xGetAuxdata(fts, 0)?.assumingMemoryBound(to: Double.self)
    if constants == nil {
        let documents = sqlite3_value_double(values[0])
        var rowCount: sqlite3_int64 = 0
        var tokenTotal: sqlite3_int64 = 0
        var rc = api.pointee.xRowCount(fts, &rowCount)
        if rc == SQLITE_OK { rc = api.pointee.xColumnTotalSize(fts, -1, &tokenTotal) }
        guard rc == SQLITE_OK, rowCount > 0, let memory = sqlite3_malloc(Int32(2 * MemoryLayout<Double>.size)) else {
            sqlite3_result_error_code(context, rc == SQLITE_OK ? (rowCount > 0 ? SQLITE_NOMEM : SQLITE_CORRUPT) : rc)
            return
        }
        let pair = memory.bindMemory(to: Double.self, capacity: 2)
        pair[0] = Double(tokenTotal) / Double(rowCount)
        var idf = log((Double(rowCount) - documents + 0.5) / (documents + 0.5))
        // FTS5's floor for terms in more than half the rows.
        if idf <= 0 { idf = 1e-6 }
        pair[1] = idf
        rc = api.pointee.xSetAuxdata(fts, memory, sqlite3_free)
        guard rc == SQLITE_OK else { sqlite3_result_error_code(context, rc); return }
        constants = pair
    }
    guard let constants else { return }
    var instances: Int32 = 0
    var size: Int32 = 0
    // One phrase: every instance is of phrase 0, each weighing 1.0.
    var rc = api.pointee.xInstCount(fts, &instances)
    if rc == SQLITE_OK { rc = api.pointee.xColumnSize(fts, -1, &size) }
    guard rc == SQLITE_OK else {
        sqlite3_result_error_code(context, rc)
        return
    }
    let k1 = 1.2, b = 0.75
    let (averageLength, idf) = (constants[0], constants[1])
    let frequency = Double(instances)
    let length = Double(size)
    let score = 0.0 + idf * ((frequency * (k1 + 1.0)) / (frequency + k1 * (1 - b + b * length / averageLength)))
    sqlite3_result_double(context, -1.0 * score)
}

/// The type tag SQLite checks when FTS5 hands out its API pointer; it must outlive the statement.
nonisolated(unsafe) private let fts5PointerType: UnsafePointer<CChar> = UnsafePointer(strdup("fts5_api_ptr")!)

extension CableReader {
    /// Registers `cablegate_bm25` on this reader's connection (once).
    func registerBM25() throws {
        guard !bm25Registered else { return }
        let statement = try connection.prepare("SELECT fts5(?1)")
        defer { statement.reset() }
        var api: UnsafeMutablePointer<fts5_api>?
        let bound = withUnsafeMutablePointer(to: &api) { slot -> Int32 in
            let rc = sqlite3_bind_pointer(statement.handle, 1, slot, fts5PointerType, nil)
            return rc == SQLITE_OK ? sqlite3_step(statement.handle) : rc
        }
        guard bound == SQLITE_ROW, let api, api.pointee.iVersion >= 2, let create = api.pointee.xCreateFunction else {
            throw SQLiteError(connection: connection.handle, code: bound == SQLITE_ROW ? SQLITE_ERROR : bound,
                              sql: "SELECT fts5(?1) (FTS5 API for cablegate_bm25)")
        }
        let rc = create(api, "cablegate_bm25", nil, cablegateBM25, nil)
        guard rc == SQLITE_OK else {
            throw SQLiteError(connection: connection.handle, code: rc, sql: "fts5_api.xCreateFunction(cablegate_bm25)")
        }
        bm25Registered = true
    }
}

extension FTSQuery {
    /// True when the expression is one phrase (a word, a quoted phrase or a prefix): then the rows
    /// matching the query are exactly the rows containing that phrase.
    static func isSinglePhrase(_ expression: String) -> Bool {
        // Terms are letters and digits only, so the only quotes are those around each phrase.
        expression.hasPrefix("\"") && expression.utf8.count(where: { $0 == UInt8(ascii: "\"") }) == 2
            && (expression.hasSuffix("\"") || expression.hasSuffix("\"*"))
    }
}
