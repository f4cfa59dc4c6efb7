import Foundation

/// How much of a very common query a `.relevance` listing ranked, when it did not rank every match.
///
/// bm25 has to score every matching paragraph before the best one is known: 673,453 paragraphs
/// (0.9 s) for `government` on the full-size database. Above `CableReader.relevanceBound` matching
/// paragraphs (or subjects) only the most recently stored `relevanceBound` of them are scored, so the
/// order covers the cables those matches belong to; `total` still counts every matching cable.
public struct RelevanceCoverage: Sendable, Hashable, Codable {
    /// Matching paragraphs plus matching subjects that were scored.
    public var rankedMatches: Int
    /// All matching paragraphs plus matching subjects.
    public var matches: Int
    /// Cables the ranked matches cover after the other filters: the relevance pages end after these.
    public var rankedCables: Int
}

extension CableReader {
    /// One page of `selected` cables by best bm25 (then id), scoring at most `relevanceBound` of the
    /// newest matching paragraphs and, separately, subjects.
    func relevancePage(_ match: String, selected: CableSet, owners: any ParagraphOwnerLookup, paragraphRowids: [Int],
                       subjectRowids: [Int], limit: Int, cursor: String?) throws -> CablePage {
        let kind = "cables:relevance"
        var after: (score: Double, id: String)?
        if let cursor {
            let key = try Cursor.decode(cursor, kind: kind, fieldCount: 2)
            after = (try Cursor.decodeDouble(key[0]), key[1])
        }
        // Best (lowest) bm25 per cable over its ranked paragraphs and subject.
        var best: [Int: Double] = [:]
        let paragraphFloor = floor(of: paragraphRowids)
        // A one-phrase query's document count is the number of rows it matched, listed already; the
        // counts of other queries come from the reader's cache or are counted on their first row.
        let singlePhrase = FTSQuery.isSinglePhrase(match)
        let paragraphScores = try withDocumentCounts("paragraphs_fts", match,
                                                     known: singlePhrase ? [Int64(paragraphRowids.count)] : nil) { counts in
            try rowidsAndRanks("paragraphs_fts", match, from: paragraphFloor, counts: counts)
        }
        for (cable, score) in zip(owners.owners(ofAscending: paragraphScores.rowids), paragraphScores.ranks)
        where selected.contains(cable) {
            best[cable] = min(best[cable] ?? score, score)
        }
        let subjectFloor = floor(of: subjectRowids)
        let subjectScores = try withDocumentCounts("subjects_fts", match,
                                                   known: singlePhrase ? [Int64(subjectRowids.count)] : nil) { counts in
            try rowidsAndRanks("subjects_fts", match, from: subjectFloor, counts: counts)
        }
        for (cable, score) in zip(subjectScores.rowids, subjectScores.ranks) where selected.contains(cable) {
            best[cable] = min(best[cable] ?? score, score)
        }
        var coverage: RelevanceCoverage?
        if paragraphFloor != nil || subjectFloor != nil {
            coverage = RelevanceCoverage(rankedMatches: paragraphScores.rowids.count + subjectScores.rowids.count,
                                         matches: paragraphRowids.count + subjectRowids.count, rankedCables: best.count)
        }

        // Ids break score ties, so only the cables that can reach this page are read: everything
        // tied with the cursor's score, the next limit + 1, and whatever ties with the last of those.
        var ranked = best.filter { after == nil || $0.value >= after!.score }.sorted { $0.value < $1.value }
        var end = 0
        while end < ranked.count, let after, ranked[end].value == after.score { end += 1 }
        end = min(ranked.count, end + limit + 1)
        while end < ranked.count, end > 0, ranked[end].value == ranked[end - 1].value { end += 1 }
        ranked.removeSubrange(end...)
        var items = try summaries(ranked.map(\.key), scores: best)
            .filter { item in after.map { item.score! > $0.score || item.id > $0.id } ?? true }
            .sorted { ($0.score!, $0.id) < ($1.score!, $1.id) }
        if items.count > limit + 1 { items.removeSubrange((limit + 1)...) }
        var next: String?
        if items.count > limit {
            items.removeLast()
            let last = items[items.count - 1]
            next = Cursor.encode(kind: kind, [Cursor.encode(last.score ?? 0), last.id])
        }
        return CablePage(items: items, nextCursor: next, total: selected.count, relevance: coverage)
    }

    /// nil when every match is to be ranked, else the smallest rowid of the `relevanceBound` newest.
    private func floor(of ascendingRowids: [Int]) -> Int? {
        ascendingRowids.count > relevanceBound ? ascendingRowids[ascendingRowids.count - relevanceBound] : nil
    }

    /// Rowids and bm25 of the matches from `floor` on, scored by `cablegate_bm25` with `counts`
    /// (filled on the first row when empty).
    private func rowidsAndRanks(_ table: String, _ match: String, from floor: Int?,
                                counts: PhraseDocumentCounts) throws -> (rowids: [Int], ranks: [Double]) {
        let statement = try connection.prepare(
            "SELECT rowid, cablegate_bm25(\(table), ?) FROM \(table) WHERE \(table) MATCH ?\(floor == nil ? "" : " AND rowid >= ?") ORDER BY rowid")
        var values: [(any SQLBindable)?] = [counts, match]
        if let floor { values.append(floor) }
        try statement.bind(values)
        defer { statement.reset() }
        var rowids: [Int] = [], ranks: [Double] = []
        while try statement.step() {
            rowids.append(statement.int(0))
            ranks.append(statement.double(1))
        }
        return (rowids, ranks)
    }
}
