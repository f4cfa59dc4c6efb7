import Foundation

/// Which cables a listing, facet count or export covers. Empty fields do not filter.
///
/// Values are always bound as SQL parameters; only the fixed fragments below shape the SQL text.
public struct CableFilter: Sendable, Hashable {
    /// Full-text query (user syntax, see `FTSQuery`) over paragraph text and subjects. A cable
    /// matches when one paragraph, or its subject, matches the whole query.
    public var query: String?
    /// Origin (`Embassy Astana`), compared without regard to case.
    public var origin: String?
    /// Any of these classifications (exact values such as `SECRET//NOFORN`).
    public var classifications: [String]
    /// All of these TAGS codes.
    public var tags: [String]
    /// A handling caveat (`NOFORN`).
    public var caveat: String?
    /// An entity id (`person:antonio-guterres`) the cable mentions.
    public var entity: String?
    /// Earliest date, inclusive: `YYYY-MM-DD` or a full ISO 8601 timestamp.
    public var from: String?
    /// Latest date, inclusive: `YYYY-MM-DD` (the whole day) or a full ISO 8601 timestamp.
    public var to: String?

    public init(query: String? = nil, origin: String? = nil, classifications: [String] = [], tags: [String] = [],
                caveat: String? = nil, entity: String? = nil, from: String? = nil, to: String? = nil) {
        self.query = query; self.origin = origin; self.classifications = classifications; self.tags = tags
        self.caveat = caveat; self.entity = entity; self.from = from; self.to = to
    }

    /// True when `query` holds more than whitespace: the listing is then a full-text one.
    var hasTextQuery: Bool { query.map { !$0.allSatisfy(\.isWhitespace) } ?? false }
}

/// Sort orders of the cable list.
public enum CableSort: String, Sendable, CaseIterable {
    /// Oldest first, then by id.
    case date
    /// Newest first, then by id descending.
    case dateDescending = "-date"
    /// Best full-text match first (bm25); needs a query.
    case relevance
}

/// The links of a filter (TAGS codes, the caveat, the entity) that name few cables
/// (`CableReader.fewLinks`).
///
/// A link condition is written two ways. `EXISTS` probes the link for each cable the query walks:
/// right when most cables have it, since a date-ordered page then meets its rows at once, but a count
/// walks every cable (111 ms at full size for an entity in 229 cables). `c.pk IN (…)` reads the link's
/// own rows and looks each cable up: right when they are few (1 ms for that count), but a page must
/// sort them all (0.6 s for `location:united-states`, in 200,796 cables).
struct FewLinks: Sendable, Equatable {
    var tags: Set<String> = []
    var caveat = false
    var entity = false
}

/// The SQL pieces of a filter: a FROM clause (with the full-text match when there is a query), WHERE
/// conditions and their parameter values, in order.
struct FilterSQL {
    var from = "cables c"
    var conditions: [String] = []
    var values: [(any SQLBindable)?] = []
    var hasQuery = false
    /// When the filter is one link (tag, caveat or entity) and nothing else: a count of the link's rows,
    /// which is the number of matching cables (one row per cable), read from its primary key.
    var linkCount: (sql: String, value: String)?

    init(_ filter: CableFilter, few: FewLinks = FewLinks()) throws(StoreError) {
        if filter.hasTextQuery, let text = filter.query {
            let match = try FTSQuery(text).expression
            hasQuery = true
            // Best (lowest) bm25 over the cable's matching paragraphs and its subject.
            from = """
                (SELECT cable_pk, min(score) AS score FROM (
                    SELECT p.cable_pk AS cable_pk, f.rank AS score
                    FROM paragraphs_fts f JOIN paragraphs p ON p.pk = f.rowid WHERE paragraphs_fts MATCH ?
                    UNION ALL
                    SELECT s.rowid, s.rank FROM subjects_fts s WHERE subjects_fts MATCH ?
                ) GROUP BY cable_pk) m JOIN cables c ON c.pk = m.cable_pk
                """
            values += [match, match]
        }
        if let origin = filter.origin {
            conditions.append("c.origin = ? COLLATE NOCASE")
            values.append(origin)
        }
        if !filter.classifications.isEmpty {
            conditions.append("c.classification IN (" + Array(repeating: "?", count: filter.classifications.count).joined(separator: ", ") + ")")
            values += filter.classifications.map { $0 }
        }
        var links: [(sql: String, value: String)] = []
        for tag in filter.tags {
            conditions.append(few.tags.contains(tag)
                ? "c.pk IN (SELECT t.cable_pk FROM cable_tags t WHERE t.code = ?)"
                : "EXISTS (SELECT 1 FROM cable_tags t WHERE t.code = ? AND t.cable_pk = c.pk)")
            values.append(tag)
            links.append(("SELECT count(*) FROM cable_tags WHERE code = ?", tag))
        }
        if let caveat = filter.caveat {
            conditions.append(few.caveat
                ? "c.pk IN (SELECT v.cable_pk FROM cable_caveats v WHERE v.caveat = ?)"
                : "EXISTS (SELECT 1 FROM cable_caveats v WHERE v.caveat = ? AND v.cable_pk = c.pk)")
            values.append(caveat)
            links.append(("SELECT count(*) FROM cable_caveats WHERE caveat = ?", caveat))
        }
        if let entity = filter.entity {
            conditions.append(few.entity
                ? "c.pk IN (SELECT e.cable_pk FROM entity_cables e WHERE e.entity_pk = (SELECT pk FROM entities WHERE id = ?))"
                : """
                EXISTS (SELECT 1 FROM entity_cables e WHERE e.entity_pk = (SELECT pk FROM entities WHERE id = ?)
                        AND e.cable_pk = c.pk)
                """)
            values.append(entity)
            links.append(("SELECT count(*) FROM entity_cables WHERE entity_pk = (SELECT pk FROM entities WHERE id = ?)", entity))
        }
        if let from = filter.from {
            conditions.append("c.date >= ?")
            values.append(try Self.checkedDate(from, name: "from"))
        }
        if let to = filter.to {
            let date = try Self.checkedDate(to, name: "to")
            // A bare day (month, year) covers all of it: '~' sorts after every timestamp character.
            conditions.append("c.date <> '' AND c.date <= ?")
            values.append(date.utf8.count <= 10 ? date + "~" : date)
        }
        if !hasQuery, conditions.count == 1, links.count == 1 { linkCount = links[0] }
    }

    var whereClause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }

    /// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a longer ISO 8601 timestamp starting with a date.
    static func checkedDate(_ text: String, name: String) throws(StoreError) -> String {
        let bytes = Array(text.utf8)
        let shapes: [[Bool]] = [[true, true, true, true], [true, true, true, true, false, true, true],
                                [true, true, true, true, false, true, true, false, true, true]]
        let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
        let matches = shapes.contains { shape in
            (bytes.count == shape.count || (shape.count == 10 && bytes.count > 10 && bytes.count <= 35 && bytes[10] == 84))
                && zip(shape, bytes).allSatisfy { digit, byte in digit ? isDigit(byte) : byte == 45 }
        }
        guard matches else {
            throw .invalidParameter(name: name, reason: "'\(text.prefix(40))' is not a date like 2007-11-19")
        }
        return text
    }
}
