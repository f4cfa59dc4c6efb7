import ArgumentParser
import CableStore

extension QueryBenchmark {
    /// The entity endpoints' queries and the paragraph endpoint (which decodes a cable's packed
    /// mentions, schema v5): random cables and entities, so no single row stays cached.
    func measureEntities(_ reader: CableReader, ids: [String], random: inout SplitMix64) throws {
        var listed: [EntityCount] = []
        var cursor: String?
        repeat {
            let page = try reader.listEntities(limit: 1_000, cursor: cursor)
            listed += page.items.filter { $0.cables > 0 }
            cursor = page.nextCursor
        } while cursor != nil && listed.count < 20_000
        let entityIDs = listed.map(\.id)
        var generator = random
        defer { random = generator }
        try measure("paragraphs of a cable with their mentions (/v1/cables/{id}/paragraphs)") {
            let id = ids[Int(generator.next() % UInt64(ids.count))]
            let paragraphs = try reader.paragraphs(id: id) ?? []
            return "\(paragraphs.reduce(0) { $0 + $1.entities.count }) mentions"
        }
        guard !entityIDs.isEmpty else { print("no entities: entity kinds skipped"); return }
        try measure("entity detail with aliases and counts (/v1/entities/{id})") {
            let id = entityIDs[Int(generator.next() % UInt64(entityIDs.count))]
            return "\(try reader.entity(id: id)?.mentions ?? 0) mentions"
        }
        try measure("related entities, 20 (/v1/entities/{id}/related)", iterations: min(iterations, 200)) {
            let id = entityIDs[Int(generator.next() % UInt64(entityIDs.count))]
            return "\(try reader.relatedEntities(id: id, limit: 20).count) related"
        }
        // The worst cases: the entities in the most cables (location:united-states is in 80 % of the
        // full corpus), taken in turn.
        let top = listed.sorted { ($0.cables, $0.id) > ($1.cables, $1.id) }.prefix(5).map(\.id)
        var turn = 0
        try measure("related entities, 20, of the 5 entities in the most cables", iterations: min(iterations, 25)) {
            defer { turn += 1 }
            return "\(try reader.relatedEntities(id: top[turn % top.count], limit: 20).count) related"
        }
        try measure("cable list ?entity=, 50, -date, exact total, of the 5 entities in the most cables", iterations: min(iterations, 25)) {
            defer { turn += 1 }
            return "total \(try reader.listCables(filter: CableFilter(entity: top[turn % top.count]), sort: .dateDescending, limit: 50).total)"
        }
        try measure("cable list ?entity=, 50, -date, exact total", iterations: min(iterations, 200)) {
            let id = entityIDs[Int(generator.next() % UInt64(entityIDs.count))]
            return "total \(try reader.listCables(filter: CableFilter(entity: id), sort: .dateDescending, limit: 50).total)"
        }
        try measure("entity list q='al', 50 (/v1/entities?q=)") {
            "\(try reader.listEntities(prefix: "al", limit: 50).items.count) entities"
        }
    }
}
