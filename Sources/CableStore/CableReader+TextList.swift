import Foundation

extension CableReader {
    /// Cable listing with a full-text query, computed from the FTS5 rowids alone (no paragraph join).
    ///
    /// Exact: `total` counts the same cables as the SQL join over all matches, and `.relevance`
    /// orders by the same best bm25 of a cable's paragraphs and subject, unless more than
    /// `relevanceBound` matches make it a bounded ranking (then `page.relevance` says so).
    func listTextMatches(_ filter: CableFilter, sort: CableSort, limit: Int, cursor: String?) throws -> CablePage {
        try inReadTransaction { try listTextMatchesInTransaction(filter, sort: sort, limit: limit, cursor: cursor) }
    }

    private func listTextMatchesInTransaction(_ filter: CableFilter, sort: CableSort, limit: Int,
                                              cursor: String?) throws -> CablePage {
        let (text, others) = try textMatch(filter)
        let (match, selected, owners) = (text.match, text.selected, text.owners)
        let (paragraphRowids, subjectRowids) = (text.paragraphRowids, text.subjectRowids)

        switch sort {
        case .date, .dateDescending:
            let page = try datePage(selected, others: others, sort: sort, limit: limit, cursor: cursor)
            return CablePage(items: page.items, nextCursor: page.next, total: selected.count)
        case .relevance:
            return try relevancePage(match, selected: selected, owners: owners, paragraphRowids: paragraphRowids,
                                     subjectRowids: subjectRowids, limit: limit, cursor: cursor)
        }
    }

    /// Runs `body` in one read transaction (unless one is open), so the map, the matches and the page
    /// all come from the same snapshot. A reader must never be left inside it: a stuck read
    /// transaction would pin an old snapshot for every later query.
    func inReadTransaction<T>(_ body: () throws -> T) throws -> T {
        guard connection.isAutocommit else { return try body() }
        try connection.execute("BEGIN")
        defer {
            if (try? connection.execute("COMMIT")) == nil, !connection.isAutocommit { try? connection.execute("ROLLBACK") }
        }
        return try body()
    }

    /// What a full-text filter matches: FTS5 rowids, their cables, and those passing the other filters.
    struct TextMatch {
        var match: String
        var paragraphRowids: [Int]
        var subjectRowids: [Int]
        var owners: any ParagraphOwnerLookup
        var selected: CableSet
    }

    /// Runs the text part of `filter` and applies the rest; call inside a read transaction.
    func textMatch(_ filter: CableFilter) throws -> (TextMatch, others: FilterSQL) {
        let match = try FTSQuery(filter.query ?? "").expression
        var plain = filter
        plain.query = nil
        let others = try FilterSQL(plain, few: try fewLinks(plain))
        let paragraphRowids = try ascendingRowids("SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?", match)
        let subjectRowids = try ascendingRowids("SELECT rowid FROM subjects_fts WHERE subjects_fts MATCH ?", match)
        let owners = try paragraphOwnerLookup(for: paragraphRowids)
        var matched = CableSet(capacity: owners.maximumCablePK)
        for cable in owners.owners(ofAscending: paragraphRowids) { matched.insert(cable) }
        for cable in subjectRowids { matched.insert(cable) }
        let selected = try applying(others, to: matched)
        return (TextMatch(match: match, paragraphRowids: paragraphRowids, subjectRowids: subjectRowids,
                          owners: owners, selected: selected), others)
    }

    /// Reads the paragraph-to-cable map now unless it is current (0.4-1 s on a 251,287-cable file),
    /// so that the first full-text listing of a common term on this reader does not pay for it. A
    /// server can call it when it makes a reader; any later write by another connection makes the
    /// map stale again, and the next large query rereads it.
    public func prepareFullTextMap() throws {
        try inReadTransaction { _ = try ownersMap(at: connection.scalarInt("PRAGMA data_version") ?? 0) }
    }

    /// The current map, or, when it is out of date and the query matched few paragraphs, their owners
    /// looked up one by one: rereading the map after every write would cost a rare term ~0.6 s.
    private func paragraphOwnerLookup(for rowids: [Int]) throws -> any ParagraphOwnerLookup {
        let version = try connection.scalarInt("PRAGMA data_version") ?? 0
        if paragraphOwners?.dataVersion != version, rowids.count <= ownerLookupLimit {
            return try LookedUpOwners(connection: connection, rowids: rowids)
        }
        return try ownersMap(at: version)
    }

    /// The map of snapshot `version`: the kept one when it is that snapshot's, else read and kept.
    private func ownersMap(at version: Int) throws -> ParagraphOwners {
        if let map = paragraphOwners, map.dataVersion == version { return map }
        let map = try ParagraphOwners(connection: connection, dataVersion: version)
        paragraphOwners = map
        return map
    }

    /// The matched cables that also pass the non-text filters.
    private func applying(_ others: FilterSQL, to matched: CableSet) throws -> CableSet {
        guard !others.conditions.isEmpty else { return matched }
        var selected = CableSet(capacity: 0)
        // Few matches: seek them. Many: walk the filter's own (usually indexed) result instead.
        let statement = matched.count <= seekLimit
            ? try connection.prepare("SELECT c.pk FROM json_each(?) j JOIN cables c ON c.pk = j.value\(others.whereClause)")
            : try connection.prepare("SELECT c.pk FROM cables c\(others.whereClause)")
        try statement.bind(matched.count <= seekLimit ? [Self.jsonArray(matched.members)] + others.values : others.values)
        defer { statement.reset() }
        while try statement.step() {
            let pk = statement.int(0)
            if matched.contains(pk) { selected.insert(pk) }
        }
        return selected
    }

    private func datePage(_ selected: CableSet, others: FilterSQL, sort: CableSort, limit: Int,
                          cursor: String?) throws -> (items: [CableSummary], next: String?) {
        let kind = "cables:" + sort.rawValue
        let descending = sort == .dateDescending
        var conditions: [String] = []
        var values: [(any SQLBindable)?] = []
        if let cursor {
            let key = try Cursor.decode(cursor, kind: kind, fieldCount: 2)
            conditions.append(descending ? "(c.date, c.id) < (?, ?)" : "(c.date, c.id) > (?, ?)")
            values += [key[0], key[1]]
        }
        let order = descending ? "c.date DESC, c.id DESC" : "c.date, c.id"
        var pks: [Int] = []
        if selected.count <= seekLimit {
            let statement = try connection.prepare("""
                SELECT c.pk FROM json_each(?) j JOIN cables c ON c.pk = j.value\
                \(conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ?
                """)
            try statement.bind([Self.jsonArray(selected.members)] + values + [limit + 1])
            defer { statement.reset() }
            while try statement.step() { pks.append(statement.int(0)) }
        } else {
            // Dense matches: walking the date order meets limit + 1 of them after a few hundred rows.
            let all = others.conditions + conditions
            let statement = try connection.prepare("""
                SELECT c.pk FROM cables c\(all.isEmpty ? "" : " WHERE " + all.joined(separator: " AND ")) ORDER BY \(order)
                """)
            try statement.bind(others.values + values)
            defer { statement.reset() }
            while pks.count <= limit, try statement.step() {
                let pk = statement.int(0)
                if selected.contains(pk) { pks.append(pk) }
            }
        }
        var items = try summaries(pks, scores: [:])
        var next: String?
        if items.count > limit {
            items.removeLast()
            let last = items[items.count - 1]
            next = Cursor.encode(kind: kind, [last.date ?? "", last.id])
        }
        return (items, next)
    }

    private func ascendingRowids(_ sql: String, _ match: String) throws -> [Int] {
        let statement = try connection.prepare(sql + " ORDER BY rowid")
        try statement.bind(match)
        defer { statement.reset() }
        var rowids: [Int] = []
        while try statement.step() { rowids.append(statement.int(0)) }
        return rowids
    }

    /// Summaries of the cables `pks`, in that order (pks of vanished cables are skipped).
    func summaries(_ pks: [Int], scores: [Int: Double]) throws -> [CableSummary] {
        let statement = try connection.prepare("""
            SELECT id, date, origin, station, classification, subject, partial, word_count FROM cables WHERE pk = ?
            """)
        var items: [CableSummary] = []
        for pk in pks {
            try statement.bind(pk)
            if try statement.step() {
                let date = statement.text(1) ?? ""
                items.append(CableSummary(
                    id: statement.text(0) ?? "", date: date.isEmpty ? nil : date, origin: statement.text(2),
                    station: statement.text(3) ?? "", classification: statement.text(4), subject: statement.text(5),
                    partial: statement.int(6) != 0, wordCount: statement.int(7), score: scores[pk]))
            }
            statement.reset()
        }
        return items
    }

    static func jsonArray(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }
}
