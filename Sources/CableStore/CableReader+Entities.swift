import Foundation

/// An entity with how often it is mentioned.
public struct EntityCount: Sendable, Hashable, Codable {
    /// Stable id (`person:antonio-guterres`).
    public var id: String
    public var type: String
    public var name: String
    /// Mentions across all stored cables.
    public var mentions: Int
    /// Stored cables mentioning it.
    public var cables: Int
}

/// One entity with its aliases (every surface form seen in the text).
public struct EntityDetail: Sendable, Hashable, Codable {
    public var id: String
    public var type: String
    public var name: String
    public var aliases: [String]
    public var mentions: Int
    public var cables: Int
}

/// A page of entities.
public struct EntityPage: Sendable, Hashable {
    public var items: [EntityCount]
    public var nextCursor: String?
}

/// An entity that appears in the same cables as another, with the number of shared cables.
public struct RelatedEntity: Sendable, Hashable, Codable {
    public var id: String
    public var type: String
    public var name: String
    /// Cables mentioning both.
    public var cables: Int
}

extension CableReader {
    /// Entities whose name or an alias starts with `prefix` (any case), optionally of one `type`,
    /// ordered by id.
    public func listEntities(prefix: String? = nil, type: String? = nil, limit: Int = 50,
                             cursor: String? = nil) throws -> EntityPage {
        guard (1...Self.maximumPageSize).contains(limit) else {
            throw StoreError.invalidParameter(name: "limit", reason: "must be between 1 and \(Self.maximumPageSize)")
        }
        var conditions: [String] = []
        var values: [(any SQLBindable)?] = []
        if let prefix, !prefix.isEmpty {
            guard prefix.utf8.count <= 200 else {
                throw StoreError.invalidParameter(name: "q", reason: "longer than 200 bytes")
            }
            // LIKE wildcards in user text are escaped so they match literally.
            let pattern = prefix.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            conditions.append("""
                (e.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entity_aliases a
                 WHERE a.entity_pk = e.pk AND a.alias LIKE ? ESCAPE '\\'))
                """)
            values += [pattern, pattern]
        }
        if let type {
            conditions.append("e.type = ?")
            values.append(type)
        }
        if let cursor {
            conditions.append("e.id > ?")
            values.append(try Cursor.decode(cursor, kind: "entities", fieldCount: 1)[0])
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let statement = try connection.prepare("""
            SELECT e.id, e.type, e.name,
                   (SELECT coalesce(sum(x.mentions), 0) FROM entity_cables x WHERE x.entity_pk = e.pk),
                   (SELECT count(*) FROM entity_cables x WHERE x.entity_pk = e.pk)
            FROM entities e \(whereClause) ORDER BY e.id LIMIT ?
            """)
        try statement.bind(values + [limit + 1])
        defer { statement.reset() }
        var items: [EntityCount] = []
        while try statement.step() {
            items.append(EntityCount(id: statement.text(0) ?? "", type: statement.text(1) ?? "",
                                     name: statement.text(2) ?? "", mentions: statement.int(3), cables: statement.int(4)))
        }
        var next: String?
        if items.count > limit {
            items.removeLast()
            next = Cursor.encode(kind: "entities", [items[items.count - 1].id])
        }
        return EntityPage(items: items, nextCursor: next)
    }

    /// One entity with aliases and counts; nil when unknown.
    public func entity(id: String) throws -> EntityDetail? {
        let statement = try connection.prepare("""
            SELECT e.type, e.name,
                   (SELECT coalesce(sum(x.mentions), 0) FROM entity_cables x WHERE x.entity_pk = e.pk),
                   (SELECT count(*) FROM entity_cables x WHERE x.entity_pk = e.pk), e.pk
            FROM entities e WHERE e.id = ?
            """)
        try statement.bind(id)
        guard try statement.step() else { statement.reset(); return nil }
        var detail = EntityDetail(id: id, type: statement.text(0) ?? "", name: statement.text(1) ?? "", aliases: [],
                                  mentions: statement.int(2), cables: statement.int(3))
        let key = statement.int(4)
        statement.reset()
        let aliases = try connection.prepare("SELECT alias FROM entity_aliases WHERE entity_pk = ? ORDER BY alias")
        try aliases.bind(key)
        while try aliases.step() { detail.aliases.append(aliases.text(0) ?? "") }
        aliases.reset()
        return detail
    }

    /// Entities sharing the most cables with entity `id`, most shared cables first, then by id; empty
    /// for an unknown id.
    ///
    /// Every cable of the entity is joined to every entity of that cable: 7.6 M rows for
    /// `location:united-states` (200,796 of the full corpus's 251,287 cables). SQLite's `GROUP BY` of
    /// those rows, ordered and joined to `entities`, took 4 s; the pks are now streamed and counted in an
    /// array indexed by pk, and only the top `limit` (with ties at the cut) are looked up. A list that
    /// took many rows is kept until the database changes (`relatedCache`): those entities, the most
    /// named, are the ones most asked about, and still take 0.3-0.6 s each to count.
    public func relatedEntities(id: String, limit: Int = 20) throws -> [RelatedEntity] {
        guard (1...Self.maximumPageSize).contains(limit) else {
            throw StoreError.invalidParameter(name: "limit", reason: "must be between 1 and \(Self.maximumPageSize)")
        }
        return try inReadTransaction {
            // Read inside the transaction, so the version is the snapshot's (as for document counts).
            let version = try connection.scalarInt("PRAGMA data_version") ?? 0
            // At least 20 are counted (the entity detail's list), so shorter lists are its prefix and
            // share its cache entry: the order (shared cables, then id) is total.
            let key = RelatedKey(id: id, limit: max(limit, 20))
            if let cached = relatedCache.value(for: key, at: version) { return Array(cached.prefix(limit)) }
            let (related, rows) = try countRelated(id: id, limit: key.limit)
            if rows >= relatedCacheRows { relatedCache.store(related, for: key, at: version) }
            return Array(related.prefix(limit))
        }
    }

    /// The related entities of `id` and the number of (cable, entity) rows read to count them.
    private func countRelated(id: String, limit: Int) throws -> ([RelatedEntity], rows: Int) {
        guard let target = try connection.scalarInt("SELECT pk FROM entities WHERE id = ?", id),
              let largest = try connection.scalarInt("SELECT max(pk) FROM entities") else { return ([], 0) }
        var shared = [Int32](repeating: 0, count: largest + 1)
        let pairs = try connection.prepare("""
            SELECT o.entity_pk FROM entity_cables x JOIN entity_cables o ON o.cable_pk = x.cable_pk
            WHERE x.entity_pk = ?
            """)
        try pairs.bind(target)
        defer { pairs.reset() }
        var rows = 0
        while try pairs.step() {
            let pk = pairs.int(0)
            if pk >= 0 && pk < shared.count { shared[pk] += 1 }
            rows += 1
        }
        shared[target] = 0
        // The `limit`-th largest count: everything at or above it is a candidate, ties included,
        // so the order by id below decides the cut exactly as ORDER BY n DESC, id would.
        var counts = shared.filter { $0 > 0 }
        guard !counts.isEmpty else { return ([], rows) }
        let cut: Int32
        if counts.count <= limit {
            cut = 1
        } else {
            counts.sort(by: >)
            cut = counts[limit - 1]
        }
        let entity = try connection.prepare("SELECT id, type, name FROM entities WHERE pk = ?")
        var related: [RelatedEntity] = []
        for (pk, count) in shared.enumerated() where count >= cut {
            try entity.bind(pk)
            if try entity.step() {
                related.append(RelatedEntity(id: entity.text(0) ?? "", type: entity.text(1) ?? "",
                                             name: entity.text(2) ?? "", cables: Int(count)))
            }
            entity.reset()
        }
        related.sort { ($0.cables, $1.id) > ($1.cables, $0.id) }
        return (Array(related.prefix(limit)), rows)
    }

    /// A `relatedCache` entry: an entity and the length of its list.
    struct RelatedKey: Hashable {
        var id: String
        var limit: Int
    }
}
