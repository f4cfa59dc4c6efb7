import Foundation

extension CableReader {
    /// Facet counts for a filter with a full-text query, over the same matching set as the listing.
    ///
    /// The SQL form groups the join of every matching paragraph four times (seconds for a common
    /// term). Here the matching cables are a bitset: few of them are grouped in SQL by pk; many are
    /// counted in one walk of a covering index per facet.
    func textFacets(_ filter: CableFilter, limit: Int) throws -> CableFacets {
        try inReadTransaction { try textFacetsInTransaction(filter, limit: limit) }
    }

    private func textFacetsInTransaction(_ filter: CableFilter, limit: Int) throws -> CableFacets {
        let selected = try textMatch(filter).0.selected

        if selected.count <= seekLimit {
            // `facet`, not `value`: json_each has a column of that name, and GROUP BY would take it.
            let members = Self.jsonArray(selected.members)
            func group(_ expression: String, join: String = "") throws -> [FacetCount] {
                let statement = try connection.prepare("""
                    SELECT \(expression) AS facet, count(*) AS n FROM json_each(?) j JOIN cables c ON c.pk = j.value \(join)
                    GROUP BY facet HAVING facet IS NOT NULL ORDER BY n DESC, facet LIMIT ?
                    """)
                try statement.bind(members, limit)
                defer { statement.reset() }
                var counts: [FacetCount] = []
                while try statement.step() { counts.append(FacetCount(value: statement.text(0) ?? "", count: statement.int(1))) }
                return counts
            }
            return CableFacets(
                classification: try group("c.classification"), year: try group("CAST(c.year AS TEXT)"),
                origin: try group("c.origin"), tag: try group("ft.code", join: "JOIN cable_tags ft ON ft.cable_pk = c.pk"))
        }

        // Each walk reads (pk, value) from an index that holds both, never a table row.
        func walk(_ sql: String, pkColumn: Int32, valueColumns: [Int32]) throws -> [[String: Int]] {
            let statement = try connection.prepare(sql)
            defer { statement.reset() }
            var counts = [[String: Int]](repeating: [:], count: valueColumns.count)
            while try statement.step() {
                guard selected.contains(statement.int(pkColumn)) else { continue }
                for (index, column) in valueColumns.enumerated() {
                    guard let value = statement.text(column) else { continue }
                    counts[index][value, default: 0] += 1
                }
            }
            return counts
        }
        let byOrigin = try walk("SELECT pk, classification, origin FROM cables INDEXED BY cables_by_origin",
                                pkColumn: 0, valueColumns: [1, 2])
        let byYear = try walk("SELECT pk, CAST(year AS TEXT) FROM cables INDEXED BY cables_by_year", pkColumn: 0, valueColumns: [1])
        let byTag = try walk("SELECT cable_pk, code FROM cable_tags", pkColumn: 0, valueColumns: [1])
        return CableFacets(classification: Self.top(byOrigin[0], limit), year: Self.top(byYear[0], limit),
                           origin: Self.top(byOrigin[1], limit), tag: Self.top(byTag[0], limit))
    }

    /// Largest count first, then by value in SQLite's BINARY (byte) order, as `ORDER BY n DESC, value`.
    private static func top(_ counts: [String: Int], _ limit: Int) -> [FacetCount] {
        counts.map { FacetCount(value: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }
            .prefix(limit).map { $0 }
    }
}
