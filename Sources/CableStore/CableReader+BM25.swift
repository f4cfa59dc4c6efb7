import CSQLite
import Foundation

/// FTS5's bm25 (k1 = 1.2, b = 0.75, every column weight 1) for a query of any number of phrases,
/// with the phrases' document counts supplied by the caller, or counted once and handed back.
///
/// FTS5's own bm25 counts the documents of each phrase by walking its whole posting list on the
/// first row of every query: ~15 ms for `government` (674,089 paragraphs), however few rows are
/// then scored. Called as `cablegate_bm25(paragraphs_fts, counts)`, where `counts` is a
/// `PhraseDocumentCounts` bound as a pointer: its counts are used when it has them (from the
/// reader's cache, or a one-phrase cable listing's own match count); when it has none, they are
/// counted exactly as FTS5 counts them (`xQueryPhrase` with a counting callback, on the query's
/// first row) and stored into it, so the caller can keep them.
/// The arithmetic is FTS5's (fts5_aux.c, fts5Bm25GetData / fts5Bm25Function) operation for
/// operation, phrase order kept, so scores are bit-identical to `rank` (`BM25Tests`).
private let cablegateBM25: fts5_extension_function = { api, fts, context, valueCount, values in
    guard let api, let fts, valueCount == 1, let values else {
        sqlite3_result_error(context, "cablegate_bm25(table, counts) takes one argument: phrase document counts", -1)
        return
    }
    let phrases = Int(api.pointee.xPhraseCount(fts))
    // Per query: the average row length, each phrase's IDF, and room for each row's phrase
    // frequencies, as FTS5 keeps them (auxdata lives as long as the MATCH, never longer).
    var constants = api.pointee.xGetAuxdata(fts, 0)?.assumingMemoryBound(to: Double.self)
    if constants == nil {
        switch queryConstants(api, fts, phrases: phrases, argument: values[0]) {
        case .success(let memory): constants = memory
        case .failure(let failure):
            if let message = failure.message { sqlite3_result_error(context, message, -1) }
            else { sqlite3_result_error_code(context, failure.code) }
            return
        }
    }
    guard let constants else { return }
    let averageLength = constants[0]
    let idf = constants + 1
    let frequency = constants + 1 + phrases
    for phrase in 0..<phrases { frequency[phrase] = 0 }
    var instances: Int32 = 0
    var rc = api.pointee.xInstCount(fts, &instances)
    // One phrase: every instance is of phrase 0, and adding 1.0 n times is exactly n, so the
    // instances need not be visited.
    if rc == SQLITE_OK, phrases == 1 { frequency[0] = Double(instances) }
    var instance: Int32 = phrases == 1 ? instances : 0
    while rc == SQLITE_OK, instance < instances {
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        rc = api.pointee.xInst(fts, instance, &phrase, &column, &offset)
        // `rank` passes no column weights, so every instance weighs 1.0.
        if rc == SQLITE_OK { frequency[Int(phrase)] += 1.0 }
        instance += 1
    }
    var size: Int32 = 0
    if rc == SQLITE_OK { rc = api.pointee.xColumnSize(fts, -1, &size) }
    guard rc == SQLITE_OK else {
        sqlite3_result_error_code(context, rc)
        return
    }
    let k1 = 1.2, b = 0.75
    let length = Double(size)
    var score = 0.0
    for phrase in 0..<phrases {
        score += idf[phrase] * ((frequency[phrase] * (k1 + 1.0)) / (frequency[phrase] + k1 * (1 - b + b * length / averageLength)))
    }
    sqlite3_result_double(context, -1.0 * score)
}

/// Why the per-query constants could not be made: an SQLite code, with a message when it is the
/// caller's mistake rather than SQLite's.
private struct BM25Failure: Error {
    var code: Int32
    var message: String?
}

/// Works out and stores (as auxdata) `[average length, IDF per phrase, frequency scratch per phrase]`.
private func queryConstants(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, phrases: Int,
                            argument: OpaquePointer?) -> Result<UnsafeMutablePointer<Double>, BM25Failure> {
    guard phrases > 0 else { return .failure(BM25Failure(code: SQLITE_ERROR, message: "cablegate_bm25: the query has no phrases")) }
    guard let supplied = sqlite3_value_pointer(argument, phraseCountsPointerType)
        .map({ Unmanaged<PhraseDocumentCounts>.fromOpaque($0).takeUnretainedValue() }) else {
        return .failure(BM25Failure(code: SQLITE_ERROR, message: "cablegate_bm25: the counts argument is not phrase counts"))
    }
    var documents = supplied.counts ?? []
    if !documents.isEmpty, documents.count != phrases {
        return .failure(BM25Failure(code: SQLITE_ERROR, message:
            "cablegate_bm25: \(documents.count) document counts supplied for a query of \(phrases) phrases"))
    }
    var rowCount: sqlite3_int64 = 0
    var tokenTotal: sqlite3_int64 = 0
    var rc = api.pointee.xRowCount(fts, &rowCount)
    if rc == SQLITE_OK { rc = api.pointee.xColumnTotalSize(fts, -1, &tokenTotal) }
    guard rc == SQLITE_OK else { return .failure(BM25Failure(code: rc)) }
    guard rowCount > 0 else { return .failure(BM25Failure(code: SQLITE_CORRUPT)) }
    if documents.isEmpty {
        // FTS5's own count: every row containing the phrase, whatever the rest of the query.
        for phrase in 0..<phrases {
            var hits: Int64 = 0
            rc = api.pointee.xQueryPhrase(fts, Int32(phrase), &hits, countRow)
            guard rc == SQLITE_OK else { return .failure(BM25Failure(code: rc)) }
            documents.append(hits)
        }
        supplied.counts = documents
    }
    guard let memory = sqlite3_malloc64(sqlite3_uint64((1 + 2 * phrases) * MemoryLayout<Double>.size)) else {
        return .failure(BM25Failure(code: SQLITE_NOMEM))
    }
    let constants = memory.bindMemory(to: Double.self, capacity: 1 + 2 * phrases)
    constants[0] = Double(tokenTotal) / Double(rowCount)
    for (phrase, hits) in documents.enumerated() {
        // As in C: the difference in 64-bit integers, then to double.
        var idf = log((Double(rowCount - hits) + 0.5) / (Double(hits) + 0.5))
        // FTS5's floor for phrases in more than half the rows.
        if idf <= 0 { idf = 1e-6 }
        constants[1 + phrase] = idf
    }
    rc = api.pointee.xSetAuxdata(fts, memory, sqlite3_free)
    // On failure SQLite has already freed the memory with the destructor.
    guard rc == SQLITE_OK else { return .failure(BM25Failure(code: rc)) }
    return .success(constants)
}

/// FTS5's counting callback for `xQueryPhrase`: called once per row containing the phrase.
private let countRow: @convention(c) (UnsafePointer<Fts5ExtensionApi>?, OpaquePointer?, UnsafeMutableRawPointer?) -> Int32 = { _, _, counter in
    counter?.assumingMemoryBound(to: Int64.self).pointee += 1
    return SQLITE_OK
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
