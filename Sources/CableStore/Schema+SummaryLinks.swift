import CableParser
import Foundation

extension Schema {
    /// Migration 6's data step: links every cable to the entities its summary names. Before it,
    /// `entity_cables` held only entities with paragraph mentions, so a cable's signer, its
    /// `Classified By` name, `FOR` addressees and TAGS-only places were in its JSON summary but not in
    /// `?entity=`, `/v1/entities/{id}/cables` or the counts. The summary is read from each cable's
    /// stored JSON (streamed, one cable at a time); a pair already linked keeps the larger count, so the
    /// summary's (paragraphs plus metadata) wins, as the writer now stores it.
    static func linkSummaryEntities(_ connection: Connection) throws {
        let cables = try connection.prepare("SELECT pk, json_gz, json_size FROM cables WHERE json_size > 0")
        // Every summary names ~35 entities of a few ten thousand: their pks are kept in memory.
        var pks: [String: Int64] = [:]
        let all = try connection.prepare("SELECT id, pk FROM entities")
        while try all.step() { pks[all.text(0) ?? ""] = Int64(all.int(1)) }
        all.reset()
        let insert = try connection.prepare("INSERT INTO entities (id, type, name) VALUES (?, ?, ?)")
        let link = try connection.prepare("""
            INSERT INTO entity_cables (entity_pk, cable_pk, mentions) VALUES (?, ?, ?)
            ON CONFLICT (entity_pk, cable_pk) DO UPDATE SET mentions = max(mentions, excluded.mentions)
            """)
        let decoder = Cable.makeJSONDecoder()
        while try cables.step() {
            let cable = Int64(cables.int(0))
            // Stored JSON this store wrote; a cable whose JSON cannot be read keeps the links it has
            // rather than making the database unopenable.
            guard let json = try? StoredGzip.inflate(cables.data(1), size: cables.int(2)),
                  let summary = summaryEntities(json, decoder: decoder) else { continue }
            for entity in summary where entity.mentions > 0 {
                let pk: Int64
                if let known = pks[entity.id] {
                    pk = known
                } else {
                    try insert.run(entity.id, entity.type, entity.name)
                    pk = connection.lastInsertRowID
                    pks[entity.id] = pk
                }
                try link.run(pk, cable, entity.mentions)
            }
        }
        cables.reset()
    }

    /// The cable's `entities` summary, decoded from that member's bytes alone: decoding whole cables
    /// cost the full-size migration a quarter more CPU (117 s of user time against 87 s). Falls back
    /// to decoding the whole document when the member is not found.
    static func summaryEntities(_ json: Data, decoder: JSONDecoder) -> [Cable.EntitySummary]? {
        // Only the top-level member (depth 1): a paragraph's own `entities` is not the cable's.
        if let range = json.withUnsafeBytes({
               JSONMemberScanner.valueRanges(of: "entities", depth: 1, first: true, in: $0.bindMemory(to: UInt8.self))?.first
           }),
           let summary = try? decoder.decode([Cable.EntitySummary].self,
                                             from: json.subdata(in: (json.startIndex + range.lowerBound)..<(json.startIndex + range.upperBound))) {
            return summary
        }
        return (try? decoder.decode(SummaryOnly.self, from: json))?.entities ?? nil
    }

    /// The one member of a stored cable's JSON this step reads (the fallback decode).
    private struct SummaryOnly: Decodable {
        var entities: [Cable.EntitySummary]?
    }
}
