import CableParser
import Foundation
import Gzip

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

/// What `CableWriter.replaceMentions` or `replaceEntities` did to a stored cable.
public struct MentionReplacement: Sendable, Equatable {
    /// Entities the cable no longer names that no other cable names either: deleted with their aliases.
    public var removedEntities: Int
}

extension CableWriter {
    /// Writes the entity rows of a cable being stored: each distinct entity resolved to its integer
    /// key (inserted, or renamed when its summary name changed), its new surface forms as aliases, one
    /// `entity_cables` row with its mention count (the summary's, which counts the metadata too, so a
    /// cable's signer or classifier is linked to it), and the cable's mentions as one packed row
    /// (`PackedMentions`). Keys and aliases the writer has seen come from `entityCache`. Returns the
    /// entities linked to the cable.
    @discardableResult
    func insertMentions(_ rows: EntityRows, pk: Int64) throws -> [Int64] {
        guard !rows.isEmpty else { return [] }
        try validateEntityCache()
        let perCable = try connection.prepare(
            "INSERT INTO entity_cables (entity_pk, cable_pk, mentions) VALUES (?, ?, ?)")
        var keys: [Int64] = [], linked: [Int64] = []
        keys.reserveCapacity(rows.entities.count)
        linked.reserveCapacity(rows.entities.count)
        for entity in rows.entities {
            let key = try entityKey(entity)
            keys.append(key)
            for surface in entity.aliases where !entityCache.hasAlias(entity: key, surface) {
                try connection.prepare("INSERT OR IGNORE INTO entity_aliases (entity_pk, alias) VALUES (?, ?)")
                    .run(key, surface)
                entityCache.rememberAlias(entity: key, surface)
            }
            if entity.cableMentions > 0 {
                try perCable.run(key, pk, entity.cableMentions)
                linked.append(key)
            }
        }
        guard rows.mentionCount > 0 else { return linked }
        try connection.prepare("INSERT INTO cable_mentions (cable_pk, packed) VALUES (?, ?)")
            .run(pk, Data(PackedMentions.blob(entityPKs: keys, body: rows.packedBody)))
        return linked
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

    /// Removes a cable's mentions and per-cable entity counts, and returns the entities the cable was
    /// linked to. Those stay for now: the caller writes the cable's new rows (which usually name them
    /// again) and then hands them to `removeEntitiesNoCableNames(among:except:)`.
    func deleteMentions(pk: Int64) throws -> [Int64] {
        let linked = try connection.prepare("SELECT entity_pk FROM entity_cables WHERE cable_pk = ?")
        try linked.bind(pk)
        var entities: [Int64] = []
        while try linked.step() { entities.append(Int64(linked.int(0))) }
        linked.reset()
        try connection.prepare("DELETE FROM cable_mentions WHERE cable_pk = ?").run(pk)
        try connection.prepare("DELETE FROM entity_cables WHERE cable_pk = ?").run(pk)
        return entities
    }

    /// Deletes those of `candidates` (the entities a replaced or deleted cable was linked to) that no
    /// stored cable is linked to any more, with their aliases; returns how many went. `relinked` are
    /// the entities the cable's new rows link again: they certainly stay, and are not looked up.
    ///
    /// Without it, deleting the only cable naming an entity left the entity listed with 0 cables and
    /// answering `/v1/entities/{id}`. Only the cable's own entities are looked at, each by the
    /// `entity_cables` primary key, so a plain insert (the import's usual case) costs nothing.
    @discardableResult
    func removeEntitiesNoCableNames(among candidates: [Int64], except relinked: [Int64] = []) throws -> Int {
        let kept = Set(relinked)
        let unlinked = candidates.filter { !kept.contains($0) }
        guard !unlinked.isEmpty else { return 0 }
        let linked = try connection.prepare("SELECT EXISTS (SELECT 1 FROM entity_cables WHERE entity_pk = ?)")
        var removed = 0
        for entity in unlinked {
            try linked.bind(entity)
            let stillLinked = try linked.step() && linked.int(0) != 0
            linked.reset()
            if stillLinked { continue }
            try connection.prepare("DELETE FROM entity_aliases WHERE entity_pk = ?").run(entity)
            try connection.prepare("DELETE FROM entities WHERE pk = ?").run(entity)
            removed += connection.changes
        }
        // A removed pk may be handed out again by the next insert: the cache must not keep it.
        if removed > 0 { entityCache.removeAll() }
        return removed
    }

    /// Deletes every entity no stored cable mentions, with its aliases; returns how many went.
    ///
    /// Writes remove the entities their cable leaves unnamed (`removeEntitiesNoCableNames(among:except:)`),
    /// but databases written before that rule, and ids an older extractor made (`person:marat` before
    /// the slug rule kept `Тажин`), can still hold entities with no cable; `reindex --entities` ends
    /// here so they go. Runs in its own transaction.
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
    /// the stored JSON in step: its paragraphs' `entities` and the cable's `entities` summary. The
    /// entities the cable no longer names and no other cable names are removed. Runs in its own
    /// transaction. Nil when the id is unknown.
    @discardableResult
    public func replaceMentions(cableID: String, mentions: [StoredMention], entities: [Cable.EntitySummary]) throws -> MentionReplacement? {
        try transaction {
            let lookup = try connection.prepare("SELECT pk, json_gz, json_size FROM cables WHERE id = ?")
            try lookup.bind(cableID)
            guard try lookup.step() else { return nil }
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
            return try rewriteEntities(of: EncodedCable(cable: cable, compressor: compressor), pk: pk)
        }
    }

    /// Stores a cable decoded from the stored JSON `source` and annotated anew (the path of
    /// `EntityReindex`, which has the whole cable in hand and so needs no second decode): the cable's
    /// JSON with its paragraphs' mentions and summary, its mention rows and entity links. Entities it
    /// no longer names that no other cable names are removed. Must run inside `transaction { }` (or a
    /// bulk one). Nil when the cable is gone, or its stored JSON is no longer `source` (it changed
    /// since it was read, and the extraction is of an old version): read it again.
    func replaceEntities(of cable: EncodedCable, extractedFrom source: Data) throws -> MentionReplacement? {
        let lookup = try connection.prepare("SELECT pk, json_gz, json_size FROM cables WHERE id = ?")
        try lookup.bind(cable.cable.id)
        defer { lookup.reset() }
        guard try lookup.step() else { return nil }
        let pk = Int64(lookup.int(0))
        guard try StoredGzip.inflate(lookup.data(1), size: lookup.int(2)) == source else { return nil }
        return try rewriteEntities(of: cable, pk: pk)
    }

    /// Writes `cable` (whose entities changed) as the stored JSON of `pk`, replaces its mention rows and
    /// entity links, and removes the entities it was the last to name.
    private func rewriteEntities(of cable: EncodedCable, pk: Int64) throws -> MentionReplacement {
        try connection.prepare("UPDATE cables SET json_gz = ?, json_size = ?, json_hash = ? WHERE pk = ?")
            .run(cable.jsonGzip, cable.json.count, cable.jsonHash, pk)
        let unlinked = try deleteMentions(pk: pk)
        let relinked = try insertMentions(cable.entityRows, pk: pk)
        return MentionReplacement(removedEntities: try removeEntitiesNoCableNames(among: unlinked, except: relinked))
    }
}
