import CableStore
import Foundation

/// Corpus-wide views: entities, tags, stats.
extension CableAPI {
    static let entityTypes = ["person", "organization", "location", "tag"]

    func listEntities(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: ["q", "type", "limit", "cursor"])
        let prefix = try query.string("q")
        let type = try query.choice("type", Self.entityTypes)
        let limit = try query.int("limit", in: 1...1000, default: 50)
        let cursor = try query.string("cursor")
        let page = try read { try $0.listEntities(prefix: prefix, type: type, limit: limit, cursor: cursor) }
        struct Body: Encodable { let items: [EntityCount]; let nextCursor: String? }
        return .json(try encode(Body(items: page.items, nextCursor: page.nextCursor)),
                     headers: linkHeader(request, next: page.nextCursor))
    }

    func getEntity(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = request.pathParameters["id"] ?? ""
        let found = try read { reader -> (EntityDetail, [RelatedEntity])? in
            guard let entity = try reader.entity(id: id) else { return nil }
            return (entity, try reader.relatedEntities(id: id))
        }
        guard let (entity, related) = found else { throw Self.unknownEntity(id) }
        struct Body: Encodable {
            let id: String; let type: String; let name: String; let aliases: [String]
            let mentions: Int; let cables: Int; let related: [RelatedEntity]
        }
        return .json(try encode(Body(id: entity.id, type: entity.type, name: entity.name, aliases: entity.aliases,
                                     mentions: entity.mentions, cables: entity.cables, related: related)))
    }

    /// `/v1/entities/{id}/related`: the co-occurrence list of the entity detail, with its own `limit`.
    func relatedEntities(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: ["limit"])
        let id = request.pathParameters["id"] ?? ""
        let limit = try query.int("limit", in: 1...1000, default: 20)
        let related = try read { reader -> [RelatedEntity]? in
            guard try reader.entity(id: id) != nil else { return nil }
            return try reader.relatedEntities(id: id, limit: limit)
        }
        guard let related else { throw Self.unknownEntity(id) }
        struct Body: Encodable { let id: String; let items: [RelatedEntity] }
        return .json(try encode(Body(id: id, items: related)))
    }

    func entityCables(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: ["limit", "cursor", "sort"])
        let id = request.pathParameters["id"] ?? ""
        let limit = try query.int("limit", in: 1...1000, default: 50)
        let cursor = try query.string("cursor")
        let sort = CableSort(rawValue: try query.choice("sort", ["date", "-date"], default: "date") ?? "date") ?? .date
        let page = try read { reader -> CablePage? in
            guard try reader.entity(id: id) != nil else { return nil }
            return try reader.listCables(filter: CableFilter(entity: id), sort: sort, limit: limit, cursor: cursor)
        }
        guard let page else { throw Self.unknownEntity(id) }
        struct Body: Encodable { let items: [CableSummary]; let nextCursor: String?; let total: Int }
        return .json(try encode(Body(items: page.items, nextCursor: page.nextCursor, total: page.total)),
                     headers: linkHeader(request, next: page.nextCursor))
    }

    static func unknownEntity(_ id: String) -> Problem {
        .notFound("no entity \(id); entity ids look like person:antonio-guterres (see /v1/entities)")
    }

    func tags(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        struct Body: Encodable { let items: [TagCount] }
        return .json(try encode(Body(items: try read { try $0.tags() })))
    }

    func stats(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let stats = try read { try $0.stats() }
        struct Body: Encodable {
            let cables: Int; let byClassification: [FacetCount]; let byYear: [FacetCount]; let byOrigin: [FacetCount]
        }
        return .json(try encode(Body(cables: stats.cables, byClassification: stats.byClassification,
                                     byYear: stats.byYear, byOrigin: stats.byOrigin)))
    }
}
