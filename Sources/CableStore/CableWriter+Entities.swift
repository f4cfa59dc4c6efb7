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
    /// Writes the entity rows of a cable being stored: entities (upserted by id), aliases (every
    /// surface form seen) and mentions.
    func insertMentions(of cable: Cable, pk: Int64) throws {
        var names: [String: String] = [:]
        for summary in cable.entities { names[summary.id] = summary.name }
        var mentions: [StoredMention] = []
        for paragraph in cable.paragraphs {
            for mention in paragraph.entities { mentions.append(StoredMention(paragraph: paragraph.number, mention: mention)) }
        }
        guard !mentions.isEmpty || !names.isEmpty else { return }

        let entity = try connection.prepare("""
            INSERT INTO entities (id, type, name) VALUES (?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE excluded.name <> name
            """)
        for summary in cable.entities { try entity.run(summary.id, summary.type, summary.name) }
        let alias = try connection.prepare("INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)")
        let row = try connection.prepare("""
            INSERT INTO mentions (cable_pk, paragraph, start, "end", surface, entity_id) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let known = try connection.prepare("INSERT OR IGNORE INTO entities (id, type, name) VALUES (?, ?, ?)")
        for item in mentions {
            let mention = item.mention
            if names[mention.id] == nil { try known.run(mention.id, mention.type, mention.surface) }
            try alias.run(mention.id, mention.surface)
            try row.run(pk, item.paragraph, mention.start, mention.end, mention.surface, mention.id)
        }
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
            var cable = try Cable.makeJSONDecoder().decode(Cable.self, from: try Gzip.decompress(stored, size: size))

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
                .run(Gzip.compress(json), json.count, SHA256.hex(json), pk)
            try connection.prepare("DELETE FROM mentions WHERE cable_pk = ?").run(pk)
            try insertMentions(of: cable, pk: pk)
            return true
        }
    }
}
