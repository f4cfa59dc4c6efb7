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
}

/// Order of paragraph search results.
public enum ParagraphSort: String, Sendable, CaseIterable {
    /// Best bm25 first. Scores every matching paragraph, so a very common term costs more.
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
        var conditions = ["paragraphs_fts MATCH ?"]
        var values: [(any SQLBindable)?] = [match]
        if !classifications.isEmpty {
            conditions.append("c.classification IN (" + Array(repeating: "?", count: classifications.count).joined(separator: ", ") + ")")
            values += classifications.map { $0 }
        }
        let kind = "paragraphs:" + sort.rawValue
        let order: String
        switch sort {
        case .relevance:
            order = "f.rank, f.rowid"
            if let cursor {
                let key = try Cursor.decode(cursor, kind: kind, fieldCount: 2)
                guard let rowid = Int(key[1]) else { throw StoreError.invalidCursor("malformed") }
                conditions.append("(f.rank, f.rowid) > (?, ?)")
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
        // Stage 1 picks the page without snippets; SQLite would otherwise build a snippet for every
        // match before sorting. Stage 2 makes the snippets for the page only, one rowid seek each.
        let join = classifications.isEmpty ? "" : " JOIN paragraphs p ON p.pk = f.rowid JOIN cables c ON c.pk = p.cable_pk"
        // rank (bm25) needs each term's document count, a walk over its whole posting list: only
        // relevance order pays for it.
        let score = sort == .relevance ? "f.rank" : "0.0"
        let page = try connection.prepare("""
            SELECT f.rowid, \(score) FROM paragraphs_fts f\(join)
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ?
            """)
        try page.bind(values + [limit + 1])
        var keys: [(rowid: Int, score: Double)] = []
        while try page.step() { keys.append((page.int(0), page.double(1))) }
        page.reset()

        let detail = try connection.prepare("""
            SELECT c.id, p.number, p.classification, snippet(paragraphs_fts, 0, ?, ?, '…', 16)
            FROM paragraphs_fts f JOIN paragraphs p ON p.pk = f.rowid JOIN cables c ON c.pk = p.cable_pk
            WHERE paragraphs_fts MATCH ? AND f.rowid = ?
            """)
        var items: [ParagraphHit] = []
        var rowids: [Int] = []
        for key in keys {
            try detail.bind(highlight.open, highlight.close, match, key.rowid)
            if try detail.step() {
                items.append(ParagraphHit(cableID: detail.text(0) ?? "", number: detail.int(1),
                                          classification: detail.text(2), snippet: detail.text(3) ?? "", score: key.score))
                rowids.append(key.rowid)
            }
            detail.reset()
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
        return ParagraphPage(items: items, nextCursor: next)
    }
}
