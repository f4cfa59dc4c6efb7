import Foundation

/// One paragraph that matched a search.
public struct ParagraphHit: Sendable, Hashable, Codable {
    public var cableID: String
    /// Paragraph number.
    public var number: Int
    /// The paragraph's portion mark.
    public var classification: String?
    /// Text around the match with matched terms between the highlight markers.
    public var snippet: String
    /// bm25 score (lower is better); 0 when results are in `.stored` order.
    public var score: Double
}

/// A page of paragraph search results.
public struct ParagraphPage: Sendable, Hashable {
    public var items: [ParagraphHit]
    /// Cursor for the next page; nil on the last page.
    public var nextCursor: String?
    /// Set when a `.relevance` search matched more than `CableReader.relevanceBound` paragraphs: only
    /// this many of the most recently stored matches were ranked (and are paged through).
    public var rankedMatches: Int? = nil
}

/// Order of paragraph search results.
public enum ParagraphSort: String, Sendable, CaseIterable {
    /// Best bm25 first, over at most `CableReader.relevanceBound` of the most recently stored matches.
    case relevance
    /// Storage order (roughly import order). Stops after one page, so it is fast for any term.
    case stored
}

extension CableReader {
    /// Paragraphs matching the user query `query` (see `FTSQuery`), optionally only in cables of the
    /// given classifications, with highlighted snippets.
    public func searchParagraphs(query: String, classifications: [String] = [], sort: ParagraphSort = .relevance,
                                 limit: Int = 20, cursor: String? = nil,
                                 highlight: (open: String, close: String) = ("<mark>", "</mark>")) throws -> ParagraphPage {
        guard (1...Self.maximumPageSize).contains(limit) else {
            throw StoreError.invalidParameter(name: "limit", reason: "must be between 1 and \(Self.maximumPageSize)")
        }
        let match = try FTSQuery(query).expression
        return try inReadTransaction {
            // bm25 needs each phrase's document count, a walk over its whole posting list (~15 ms
            // for `government`): it is kept per reader and database version, so only the first
            // query of an expression pays for it.
            guard sort == .relevance else {
                return try searchParagraphs(match, classifications: classifications, sort: sort, limit: limit,
                                            cursor: cursor, highlight: highlight, counts: nil)
            }
            return try withDocumentCounts("paragraphs_fts", match) { counts in
                try searchParagraphs(match, classifications: classifications, sort: sort, limit: limit,
                                     cursor: cursor, highlight: highlight, counts: counts)
            }
        }
    }

    /// `searchParagraphs` for the expression `match`, inside a read transaction; `counts` is bound
    /// to `cablegate_bm25` for relevance order.
    private func searchParagraphs(_ match: String, classifications: [String], sort: ParagraphSort, limit: Int,
                                  cursor: String?, highlight: (open: String, close: String),
                                  counts: PhraseDocumentCounts?) throws -> ParagraphPage {
        // The score is parameter 1 (the counts), so the other parameters follow it in text order.
        let score = counts == nil ? "0.0" : "cablegate_bm25(paragraphs_fts, ?1)"
        var conditions = ["paragraphs_fts MATCH ?"]
        var values: [(any SQLBindable)?] = counts.map { [$0, match] } ?? [match]
        if !classifications.isEmpty {
            conditions.append("c.classification IN (" + Array(repeating: "?", count: classifications.count).joined(separator: ", ") + ")")
            values += classifications.map { $0 }
        }
        let kind = "paragraphs:" + sort.rawValue
        let order: String
        switch sort {
        case .relevance:
            order = "score, f.rowid"
            if let cursor {
                let key = try Cursor.decode(cursor, kind: kind, fieldCount: 2)
                guard let rowid = Int(key[1]) else { throw StoreError.invalidCursor("malformed") }
                conditions.append("(\(score), f.rowid) > (?, ?)")
                values += [try Cursor.decodeDouble(key[0]), rowid]
            }
        case .stored:
            order = "f.rowid"
            if let cursor {
                let key = try Cursor.decode(cursor, kind: kind, fieldCount: 1)
                guard let rowid = Int(key[0]) else { throw StoreError.invalidCursor("malformed") }
                conditions.append("f.rowid > ?")
                values.append(rowid)
            }
        }
        // Over relevanceBound matches, bm25 ranks only the newest relevanceBound of them: scoring all
        // 673,453 `government` paragraphs took 0.5 s. The floor is found by a rowid-only walk.
        var rankedMatches: Int?
        if sort == .relevance {
            let floor = try connection.prepare(
                "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?")
            try floor.bind(match, relevanceBound)
            if try floor.step() {
                conditions.append("f.rowid > ?")
                values.append(floor.int(0))
                rankedMatches = relevanceBound
            }
            floor.reset()
        }
        // Stage 1 picks the page without snippets; SQLite would otherwise build a snippet for every
        // match before sorting. Stored order needs no sort, but the join on the classification
        // filter would still run per match, so it takes the same two stages.
        let join = classifications.isEmpty ? "" : " JOIN paragraphs p ON p.pk = f.rowid JOIN cables c ON c.pk = p.cable_pk"
        let page = try connection.prepare("""
            SELECT f.rowid, \(score) AS score FROM paragraphs_fts f\(join)
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ?
            """)
        try page.bind(values + [limit + 1])
        var keys: [(rowid: Int, score: Double)] = []
        while try page.step() { keys.append((page.int(0), page.double(1))) }
        page.reset()

        // Stage 2: one pass over the matches between the page's smallest and largest rowid, making
        // snippets for the page's rows only. A `MATCH … AND rowid = ?` per row instead re-reads the
        // query's doclists each time: ~0.4 ms a row for a prefix query such as `uzbek*`.
        var details: [Int: ParagraphHit] = [:]
        if let low = keys.map(\.rowid).min(), let high = keys.map(\.rowid).max() {
            let detail = try connection.prepare("""
                SELECT f.rowid, c.id, p.number, p.classification, snippet(paragraphs_fts, 0, ?, ?, '…', 16)
                FROM paragraphs_fts f JOIN paragraphs p ON p.pk = f.rowid JOIN cables c ON c.pk = p.cable_pk
                WHERE paragraphs_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND +f.rowid IN (SELECT value FROM json_each(?))
                """)
            try detail.bind(highlight.open, highlight.close, match, low, high,
                            "[" + keys.map { String($0.rowid) }.joined(separator: ",") + "]")
            defer { detail.reset() }
            while try detail.step() {
                details[detail.int(0)] = ParagraphHit(cableID: detail.text(1) ?? "", number: detail.int(2),
                                                     classification: detail.text(3), snippet: detail.text(4) ?? "", score: 0)
            }
        }
        var items: [ParagraphHit] = []
        var rowids: [Int] = []
        for key in keys {
            guard var hit = details[key.rowid] else { continue }
            hit.score = key.score
            items.append(hit)
            rowids.append(key.rowid)
        }
        var next: String?
        if items.count > limit {
            items.removeLast()
            rowids.removeLast()
            let rowid = String(rowids[rowids.count - 1])
            next = sort == .relevance
                ? Cursor.encode(kind: kind, [Cursor.encode(items[items.count - 1].score), rowid])
                : Cursor.encode(kind: kind, [rowid])
        }
        return ParagraphPage(items: items, nextCursor: next, rankedMatches: rankedMatches)
    }
}
