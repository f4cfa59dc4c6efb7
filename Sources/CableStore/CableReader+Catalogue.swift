import Foundation

/// The references of one cable, in both directions.
public struct CableReferences: Sendable, Hashable, Codable {
    /// Cable ids this cable cites, in REF order (without repeats), stored or not.
    public var cites: [String]
    /// Stored cables that cite this one, by id.
    public var citedBy: [String]
    /// The subset of `cites` that is not in the store.
    public var missing: [String]
}

/// A TAGS code with its catalogue entry and the number of stored cables carrying it.
public struct TagCount: Sendable, Hashable, Codable {
    public var code: String
    public var kind: String?
    public var meaning: String?
    public var cables: Int
}

/// Counts over the whole store.
public struct StoreStats: Sendable, Hashable {
    public var cables: Int
    public var byClassification: [FacetCount]
    public var byYear: [FacetCount]
    public var byOrigin: [FacetCount]
}

extension CableReader {
    /// References of a cable; nil when the id is unknown.
    public func references(id: String) throws -> CableReferences? {
        guard let pk = try connection.scalarInt("SELECT pk FROM cables WHERE id = ?", id) else { return nil }
        let cites = try connection.prepare("""
            SELECT r.cited_id, EXISTS (SELECT 1 FROM cables x WHERE x.id = r.cited_id)
            FROM cable_references r WHERE r.cable_pk = ? AND r.cited_id IS NOT NULL ORDER BY r.position
            """)
        try cites.bind(pk)
        var result = CableReferences(cites: [], citedBy: [], missing: [])
        var seen = Set<String>()
        while try cites.step() {
            guard let cited = cites.text(0), seen.insert(cited).inserted else { continue }
            result.cites.append(cited)
            if cites.int(1) == 0 { result.missing.append(cited) }
        }
        cites.reset()
        let citedBy = try connection.prepare("""
            SELECT DISTINCT c.id FROM cable_references r JOIN cables c ON c.pk = r.cable_pk
            WHERE r.cited_id = ? ORDER BY c.id
            """)
        try citedBy.bind(id)
        while try citedBy.step() { result.citedBy.append(citedBy.text(0) ?? "") }
        citedBy.reset()
        return result
    }

    /// Every TAGS code seen, most used first.
    public func tags() throws -> [TagCount] {
        let statement = try connection.prepare("""
            SELECT t.code, t.kind, t.meaning, (SELECT count(*) FROM cable_tags ct WHERE ct.code = t.code) AS n
            FROM tags t ORDER BY n DESC, t.code
            """)
        defer { statement.reset() }
        var tags: [TagCount] = []
        while try statement.step() {
            tags.append(TagCount(code: statement.text(0) ?? "", kind: statement.text(1), meaning: statement.text(2),
                                 cables: statement.int(3)))
        }
        return tags
    }

    /// Cable counts by classification, year and origin (all values, largest first).
    public func stats() throws -> StoreStats {
        func group(_ column: String) throws -> [FacetCount] {
            let statement = try connection.prepare("""
                SELECT CAST(\(column) AS TEXT) AS value, count(*) AS n FROM cables
                WHERE \(column) IS NOT NULL GROUP BY \(column) ORDER BY n DESC, value
                """)
            defer { statement.reset() }
            var counts: [FacetCount] = []
            while try statement.step() { counts.append(FacetCount(value: statement.text(0) ?? "", count: statement.int(1))) }
            return counts
        }
        return StoreStats(cables: try count(), byClassification: try group("classification"),
                          byYear: try group("year"), byOrigin: try group("origin"))
    }
}
