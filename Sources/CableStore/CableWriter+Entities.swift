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
    /// `entity_cables` row with its mention count, and the mentions in cable order.
    func insertMentions(_ rows: EntityRows, pk: Int64) throws {
        guard !rows.isEmpty else { return }
        let find = try connection.prepare("SELECT pk, name FROM entities WHERE id = ?")
        let insert = try connection.prepare("INSERT INTO entities (id, type, name) VALUES (?, ?, ?)")
        let rename = try connection.prepare("UPDATE entities SET name = ? WHERE pk = ?")
        let alias = try connection.prepare("INSERT OR IGNORE INTO entity_aliases (entity_pk, alias) VALUES (?, ?)")
        let perCable = try connection.prepare(
            "INSERT INTO entity_cables (entity_pk, cable_pk, mentions) VALUES (?, ?, ?)")
        var keys: [Int64] = []
        keys.reserveCapacity(rows.entities.count)
        for entity in rows.entities {
            let key: Int64
            try find.bind(entity.id)
            if try find.step() {
                key = Int64(find.int(0))
                let stored = find.text(1)
                find.reset()
                if entity.fromSummary, stored != entity.name { try rename.run(entity.name, key) }
            } else {
                find.reset()
                try insert.run(entity.id, entity.type, entity.name)
                key = connection.lastInsertRowID
            }
            keys.append(key)
            for surface in entity.aliases { try alias.run(key, surface) }
            if entity.mentions > 0 { try perCable.run(key, pk, entity.mentions) }
        }
        let mention = try connection.prepare("""
            INSERT INTO mentions (cable_pk, seq, paragraph, start, "end", entity_pk, surface) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (seq, item) in rows.mentions.enumerated() {
            try mention.run(pk, seq, item.paragraph, item.start, item.end, keys[item.entity], item.surface)
        }
    }

    /// Removes a cable's mentions and per-cable entity counts; entities and aliases stay (they are
    /// shared with other cables and describe what the extractor has ever seen).
    func deleteMentions(pk: Int64) throws {
        try connection.prepare("DELETE FROM mentions WHERE cable_pk = ?").run(pk)
        try connection.prepare("DELETE FROM entity_cables WHERE cable_pk = ?").run(pk)
    }

    /// Replaces the entity mentions of a stored cable (for an extractor run after import), and keeps
    /// the stored JSON in step: its paragraphs' `entities` and the cable's `entities` summary.
    /// Runs in its own transaction. False when the id is unknown.
    @discardableResult
    public func replaceMentions(cableID: String, mentions: [StoredMention], entities: [Cable.EntitySummary]) throws -> Bool {
        try connection.transaction {
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
