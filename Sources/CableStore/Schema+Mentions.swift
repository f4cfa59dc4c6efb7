import Foundation

extension Schema {
    /// Migration 5's data step: packs each cable's v4 `mentions` rows (in `seq` order) into one
    /// `cable_mentions` row, then drops `mentions`. Streams cable by cable: memory stays that of one
    /// cable's mentions however large the database.
    static func packMentions(_ connection: Connection) throws {
        let rows = try connection.prepare("""
            SELECT cable_pk, paragraph, start, "end", entity_pk, surface FROM mentions ORDER BY cable_pk, seq
            """)
        let insert = try connection.prepare("INSERT INTO cable_mentions (cable_pk, packed) VALUES (?, ?)")
        // Per cable: its entities numbered in first-seen order (the writer numbers them as its
        // `EntityRows` lists them; both decode the same).
        var cable: Int64?
        var entities: [Int64: Int] = [:], entityPKs: [Int64] = []
        var packer = PackedMentions.BodyWriter()
        func store(_ cable: Int64) throws {
            try insert.run(cable, Data(PackedMentions.blob(entityPKs: entityPKs, body: packer.body())))
        }
        while try rows.step() {
            let pk = Int64(rows.int(0))
            if pk != cable {
                if let cable { try store(cable) }
                cable = pk
                entities.removeAll(keepingCapacity: true)
                entityPKs.removeAll(keepingCapacity: true)
                packer = PackedMentions.BodyWriter()
            }
            let entityPK = Int64(rows.int(4))
            let entity = entities[entityPK] ?? entityPKs.count
            if entity == entityPKs.count {
                entities[entityPK] = entity
                entityPKs.append(entityPK)
            }
            packer.add(paragraph: rows.int(1), start: rows.int(2), end: rows.int(3), entity: entity,
                       surface: rows.text(5) ?? "")
        }
        rows.reset()
        if let cable { try store(cable) }
        try connection.execute("DROP TABLE mentions")
    }
}
