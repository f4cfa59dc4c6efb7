import Foundation

/// One row of the cable list.
public struct CableSummary: Sendable, Hashable, Codable {
    public var id: String
    /// ISO 8601 date-time, nil when the cable has none.
    public var date: String?
    public var origin: String?
    public var station: String
    public var classification: String?
    public var subject: String?
    public var partial: Bool
    public var wordCount: Int
    /// bm25 score of the best match (lower is better); nil without a query.
    public var score: Double?
}

/// A page of the cable list.
public struct CablePage: Sendable, Hashable {
    public var items: [CableSummary]
    /// Cursor for the next page; nil on the last page.
    public var nextCursor: String?
    /// Exact number of cables matching the filter (all pages).
    public var total: Int
    /// Set when a `.relevance` listing ranked only part of a very common query's matches; nil when
    /// the order covers every match (and then the pages add up to `total`).
    public var relevance: RelevanceCoverage? = nil
}

/// Counts of the cables matching a filter, grouped four ways (largest first, then by value).
public struct CableFacets: Sendable, Hashable {
    public var classification: [FacetCount]
    public var year: [FacetCount]
    public var origin: [FacetCount]
    public var tag: [FacetCount]
}

/// One value of a facet and how many cables have it.
public struct FacetCount: Sendable, Hashable, Codable {
    public var value: String
    public var count: Int
}

extension CableReader {
    /// Most items one page may hold.
    public static let maximumPageSize = 1_000

    /// A page of cables matching `filter`, in `sort` order, after `cursor` (from the previous page).
    public func listCables(filter: CableFilter = CableFilter(), sort: CableSort = .date, limit: Int = 50,
                           cursor: String? = nil) throws -> CablePage {
        guard (1...Self.maximumPageSize).contains(limit) else {
            throw StoreError.invalidParameter(name: "limit", reason: "must be between 1 and \(Self.maximumPageSize)")
        }
        var sql = try FilterSQL(filter, few: try fewLinks(filter))
        if sort == .relevance && !sql.hasQuery {
            throw StoreError.invalidParameter(name: "sort", reason: "relevance needs a full-text query (q)")
        }
        if sql.hasQuery { return try listTextMatches(filter, sort: sort, limit: limit, cursor: cursor) }
        let total = try sql.linkCount.map { try connection.scalarInt($0.sql, $0.value) ?? 0 }
            ?? connection.scalarIntBound("SELECT count(*) FROM \(sql.from)\(sql.whereClause)", sql.values) ?? 0

        let kind = "cables:" + sort.rawValue
        let order: String
        switch sort {
        case .date:
            order = "c.date, c.id"
            if let cursor {
                let key = try Cursor.decode(cursor, kind: kind, fieldCount: 2)
                sql.conditions.append("(c.date, c.id) > (?, ?)"); sql.values += [key[0], key[1]]
            }
        case .dateDescending:
            order = "c.date DESC, c.id DESC"
            if let cursor {
                let key = try Cursor.decode(cursor, kind: kind, fieldCount: 2)
                sql.conditions.append("(c.date, c.id) < (?, ?)"); sql.values += [key[0], key[1]]
            }
        case .relevance:
            order = "m.score, c.id"
            if let cursor {
                let key = try Cursor.decode(cursor, kind: kind, fieldCount: 2)
                sql.conditions.append("(m.score, c.id) > (?, ?)")
                sql.values += [try Cursor.decodeDouble(key[0]), key[1]]
            }
        }
        let score = sql.hasQuery ? "m.score" : "NULL"
        let statement = try connection.prepare("""
            SELECT c.id, c.date, c.origin, c.station, c.classification, c.subject, c.partial, c.word_count, \(score)
            FROM \(sql.from)\(sql.whereClause) ORDER BY \(order) LIMIT ?
            """)
        try statement.bind(sql.values + [limit + 1])
        defer { statement.reset() }
        var items: [CableSummary] = []
        var sortDates: [String] = []
        while try statement.step() {
            let date = statement.text(1) ?? ""
            sortDates.append(date)
            items.append(CableSummary(
                id: statement.text(0) ?? "", date: date.isEmpty ? nil : date, origin: statement.text(2),
                station: statement.text(3) ?? "", classification: statement.text(4), subject: statement.text(5),
                partial: statement.int(6) != 0, wordCount: statement.int(7),
                score: statement.isNull(8) ? nil : statement.double(8)))
        }
        var next: String?
        if items.count > limit {
            items.removeLast()
            sortDates.removeLast()
            let last = items[items.count - 1]
            let key = sort == .relevance ? Cursor.encode(last.score ?? 0) : sortDates[sortDates.count - 1]
            next = Cursor.encode(kind: kind, [key, last.id])
        }
        return CablePage(items: items, nextCursor: next, total: total)
    }

    /// Links naming at most this many cables are read from their own rows (`FewLinks`): sorting that
    /// many for a page costs about what walking the date order to a page of a denser link does.
    static let fewLinkCables = 10_000

    /// Which links of `filter` name at most `fewLinkCables` cables; each is counted only that far, from
    /// its primary key. None for a full-text filter: its SQL is not used for the links, which
    /// `textMatch` applies to the matches with the query dropped (asking again there).
    func fewLinks(_ filter: CableFilter) throws -> FewLinks {
        guard !filter.hasTextQuery else { return FewLinks() }
        func isFew(_ sql: String, _ value: String) throws -> Bool {
            try connection.scalarInt("SELECT count(*) FROM (\(sql) LIMIT \(Self.fewLinkCables + 1))", value) ?? 0 <= Self.fewLinkCables
        }
        var few = FewLinks()
        for tag in filter.tags where try isFew("SELECT 1 FROM cable_tags WHERE code = ?", tag) { few.tags.insert(tag) }
        if let caveat = filter.caveat { few.caveat = try isFew("SELECT 1 FROM cable_caveats WHERE caveat = ?", caveat) }
        if let entity = filter.entity {
            few.entity = try isFew("SELECT 1 FROM entity_cables WHERE entity_pk = (SELECT pk FROM entities WHERE id = ?)", entity)
        }
        return few
    }

    /// Counts of the cables matching `filter` by classification, year, origin and tag.
    public func facets(filter: CableFilter = CableFilter(), limit: Int = 100) throws -> CableFacets {
        let sql = try FilterSQL(filter, few: try fewLinks(filter))
        if sql.hasQuery { return try textFacets(filter, limit: limit) }
        func group(_ expression: String, join: String = "") throws -> [FacetCount] {
            let statement = try connection.prepare("""
                SELECT \(expression) AS value, count(*) AS n FROM \(sql.from) \(join)\(sql.whereClause)
                GROUP BY value HAVING value IS NOT NULL ORDER BY n DESC, value LIMIT ?
                """)
            try statement.bind(sql.values + [limit])
            defer { statement.reset() }
            var counts: [FacetCount] = []
            while try statement.step() {
                counts.append(FacetCount(value: statement.text(0) ?? "", count: statement.int(1)))
            }
            return counts
        }
        return CableFacets(
            classification: try group("c.classification"),
            year: try group("CAST(c.year AS TEXT)"),
            origin: try group("c.origin"),
            tag: try group("ft.code", join: "JOIN cable_tags ft ON ft.cable_pk = c.pk"))
    }
}

extension Connection {
    /// `scalarInt` with an array of values (for SQL assembled from fixed fragments).
    func scalarIntBound(_ sql: String, _ values: [(any SQLBindable)?]) throws(SQLiteError) -> Int? {
        let statement = try prepare(sql)
        try statement.bind(values)
        defer { statement.reset() }
        return try statement.step() ? statement.optionalInt(0) : nil
    }
}
