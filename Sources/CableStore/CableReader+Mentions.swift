import CableParser
import Foundation

extension CableReader {
    /// A cable's mentions by paragraph number, each paragraph's in stored order: its packed row
    /// (`PackedMentions`) decoded, and its entity pks turned into ids and types by one query.
    /// A damaged row, or one naming an entity pk that is not stored, is `StoreError.corrupt`.
    func mentions(cablePK: Int, cableID: String) throws -> [Int: [Cable.EntityMention]] {
        let statement = try connection.prepare("SELECT packed FROM cable_mentions WHERE cable_pk = ?")
        try statement.bind(cablePK)
        guard try statement.step() else { statement.reset(); return [:] }
        let blob = statement.data(0)
        statement.reset()
        let decoded = try blob.withUnsafeBytes { bytes throws(StoreError) in
            try PackedMentions.decode(bytes, cableID: cableID)
        }
        let entities = try entityNames(decoded.entityPKs, cableID: cableID)
        var result: [Int: [Cable.EntityMention]] = [:]
        for mention in decoded.mentions {
            let entity = entities[mention.entity]
            result[mention.paragraph, default: []].append(Cable.EntityMention(
                id: entity.id, type: entity.type, surface: decoded.surfaces[mention.surface],
                start: mention.start, end: mention.end))
        }
        return result
    }

    /// Id and type of each pk, in the order given.
    private func entityNames(_ pks: [Int64], cableID: String) throws -> [(id: String, type: String)] {
        guard !pks.isEmpty else { return [] }
        // One statement for any count: the pks as a JSON array through json_each.
        let statement = try connection.prepare(
            "SELECT pk, id, type FROM entities WHERE pk IN (SELECT value FROM json_each(?))")
        try statement.bind(PendingSearchRows.jsonArray(pks))
        defer { statement.reset() }
        var byPK: [Int64: (id: String, type: String)] = [:]
        byPK.reserveCapacity(pks.count)
        while try statement.step() {
            byPK[Int64(statement.int(0))] = (statement.text(1) ?? "", statement.text(2) ?? "")
        }
        return try pks.map { pk in
            guard let entity = byPK[pk] else {
                throw StoreError.corrupt("packed mentions of cable \(cableID): entity pk \(pk) is not stored")
            }
            return entity
        }
    }
}
