import CableParser
import Foundation

/// One entity mention with the paragraph it sits in, for `replaceMentions`.
public struct StoredMention: Sendable, Hashable {
    /// Paragraph number (as in `Cable.Paragraph.number`).
    public var paragraph: Int
    /// The mention itself (entity id, type, surface, offsets).
    public var mention: Cable.EntityMention
    public init(paragraph: Int, mention: Cable.EntityMention) {
        self.paragraph = paragraph
        self.mention = mention
    }
}

extension CableWriter {
    /// Writes the entity rows of a cable being stored: each distinct entity resolved to its integer
    /// key (inserted, or renamed when its summary name changed), its new surface forms as aliases, one
    /// `entity_cables` row with its mention count (the summary's, which counts the metadata too, so a
    /// cable's signer or classifier is linked to it), and the cable's mentions as one packed row
    /// (`PackedMentions`). Keys and aliases the writer has seen come from `entityCache`.
    func insertMentions(_ rows: EntityRows, pk: Int64) throws {
        guard !rows.isEmpty else { return }
        try validateEntityCache()
        let perCable = try connection.prepare(
            "INSERT INTO entity_cables (entity_pk, cable_pk, mentions) VALUES (?, ?, ?)")
        var keys: [Int64] = []
        keys.reserveCapacity(rows.entities.count)
        for entity in rows.entities {
            let key = try entityKey(entity)
            keys.append(key)
            for surface in entity.aliases where !entityCache.hasAlias(entity: key, surface) {
                try connection.prepare("INSERT OR IGNORE INTO entity_aliases (entity_pk, alias) VALUES (?, ?)")
                    .run(key, surface)
                entityCache.rememberAlias(entity: key, surface)
            }
            if entity.cableMentions > 0 { try perCable.run(key, pk, entity.cableMentions) }
        }
        guard rows.mentionCount > 0 else { return }
        try connection.prepare("INSERT INTO cable_mentions (cable_pk, packed) VALUES (?, ?)")
            .run(pk, Data(PackedMentions.blob(entityPKs: keys, body: rows.packedBody)))
    }

    /// The pk of `entity`, inserting it when new and renaming it when its summary names it otherwise.
    private func entityKey(_ entity: EntityRows.Entity) throws -> Int64 {
        var stored = entityCache.entity(entity.id)
        if stored == nil {
            let find = try connection.prepare("SELECT pk, name FROM entities WHERE id = ?")
            try find.bind(entity.id)
            if try find.step() {
                let found = EntityKeyCache.Stored(pk: Int64(find.int(0)), name: find.text(1) ?? "")
                entityCache.remember(id: entity.id, pk: found.pk, name: found.name)
                stored = found
            }
            find.reset()
        }
        guard let stored else {
            try connection.prepare("INSERT INTO entities (id, type, name) VALUES (?, ?, ?)")
                .run(entity.id, entity.type, entity.name)
            let key = connection.lastInsertRowID
            entityCache.remember(id: entity.id, pk: key, name: entity.name)
            return key
        }
        if entity.fromSummary, stored.name != entity.name {
            try connection.prepare("UPDATE entities SET name = ? WHERE pk = ?").run(entity.name, stored.pk)
            entityCache.remember(id: entity.id, pk: stored.pk, name: entity.name)
        }
        return stored.pk
    }

    /// Empties `entityCache` when another connection has committed since the writer last looked
    /// (`PRAGMA data_version` moves only for other connections' commits).
    private func validateEntityCache() throws {
        let version = try connection.scalarInt("PRAGMA data_version")
        if version != entityCache.dataVersion {
            entityCache.removeAll()
            entityCache.dataVersion = version
        }
    }

    /// Forgets what the writer remembers of rows a `ROLLBACK TO` a savepoint undid: the pending
    /// full-text rows and the entity keys and aliases (a whole transaction's rollback empties the
    /// entity cache by itself, through the connection's rollback hook).
    func forgetRolledBackRows() {
        pendingSearch.removeAll()
        entityCache.removeAll()
    }

    /// Removes a cable's mentions and per-cable entity counts; entities and aliases stay (they are
    /// shared with other cables and describe what the extractor has ever seen).
    func deleteMentions(pk: Int64) throws {
        try connection.prepare("DELETE FROM cable_mentions WHERE cable_pk = ?").run(pk)
        try connection.prepare("DELETE FROM entity_cables WHERE cable_pk = ?").run(pk)
    }

    /// Deletes the entities no stored cable mentions, with their aliases; returns how many went.
    ///
    /// Entities outlive their last mention at import, update and delete (a later cable may name them
    /// again, and looking each one up per write would cost the writer). After `reindex --entities`
    /// with a changed extractor the old ids (`person:marat` before the slug rule kept `Тажин`) would
    /// otherwise stay listed with no cables, so the reindex ends here. Runs in its own transaction.
    @discardableResult
    public func removeUnmentionedEntities() throws -> Int {
        try transaction {
            let unmentioned = "NOT EXISTS (SELECT 1 FROM entity_cables x WHERE x.entity_pk = e.pk)"
            try connection.execute(
                "DELETE FROM entity_aliases WHERE entity_pk IN (SELECT e.pk FROM entities e WHERE \(unmentioned))")
            try connection.execute("DELETE FROM entities AS e WHERE \(unmentioned)")
            let removed = connection.changes
            // A removed pk may be handed out again by the next insert: the cache must not keep it.
            if removed > 0 { entityCache.removeAll() }
            return removed
        }
    }

    /// Replaces the entity mentions of a stored cable (for an extractor run after import), and keeps
    /// the stored JSON in step: its paragraphs' `entities` and the cable's `entities` summary.
    /// Runs in its own transaction. False when the id is unknown.
    @discardableResult
    public func replaceMentions(cableID: String, mentions: [StoredMention], entities: [Cable.EntitySummary]) throws -> Bool {
        try transaction {
            let lookup = try connection.prepare("SELECT pk, json_gz, json_size FROM cables WHERE id = ?")
            try lookup.bind(cableID)
            guard try lookup.step() else { return false }
            let pk = Int64(lookup.int(0))
            let stored = lookup.data(1), size = lookup.int(2)
            lookup.reset()
            var cable = try Cable.makeJSONDecoder().decode(Cable.self, from: try StoredGzip.inflate(stored, size: size))

            var byParagraph: [Int: [Cable.EntityMention]] = [:]
            for item in mentions { byParagraph[item.paragraph, default: []].append(item.mention) }
            for index in cable.paragraphs.indices {
                cable.paragraphs[index].entities = byParagraph[cable.paragraphs[index].number] ?? []
                // A number shared by two paragraphs gets its mentions once, on the first.
                byParagraph[cable.paragraphs[index].number] = nil
            }
            cable.entities = entities
            let json = Data(CableJSONWriter.encode(cable))
            try connection.prepare("UPDATE cables SET json_gz = ?, json_size = ?, json_hash = ? WHERE pk = ?")
                .run(compressor.compressToData(json), json.count, SHA256.hex(json), pk)
            try deleteMentions(pk: pk)
            try insertMentions(EntityRows(cable: cable), pk: pk)
            return true
        }
    }
}
