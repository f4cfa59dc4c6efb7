import Foundation

/// Corpus-wide views: entities, tags, stats.
extension CableAPI {
    static let entityTypes = ["person", "organization", "location", "tag"]

    func listEntities(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: ["q", "type", "limit", "cursor"])
        let page = try repository.listEntities(
            q: try query.string("q"), type: try query.choice("type", Self.entityTypes),
            limit: try query.int("limit", in: 1...1000, default: 50), cursor: try query.string("cursor"))
        struct Body: Encodable { let items: [EntityInfo]; let nextCursor: String?; let total: Int }
        return .json(try encode(Body(items: page.items, nextCursor: page.nextCursor, total: page.total)),
                     headers: linkHeader(request, next: page.nextCursor))
    }

    func getEntity(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = request.pathParameters["id"] ?? ""
        guard let entity = try repository.entity(id: id) else {
            throw Problem.notFound("no entity \(id); entity ids look like person:antonio-guterres (see /v1/entities)")
        }
        return .json(try encode(entity))
    }

    func entityCables(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: ["limit", "cursor"])
        let id = request.pathParameters["id"] ?? ""
        guard let page = try repository.entityCables(id: id, limit: try query.int("limit", in: 1...1000, default: 50),
                                                     cursor: try query.string("cursor")) else {
            throw Problem.notFound("no entity \(id); entity ids look like person:antonio-guterres (see /v1/entities)")
        }
        struct Body: Encodable { let items: [CableSummary]; let nextCursor: String?; let total: Int }
        return .json(try encode(Body(items: page.items, nextCursor: page.nextCursor, total: page.total)),
                     headers: linkHeader(request, next: page.nextCursor))
    }

    func tags(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        struct Body: Encodable { let items: [TagCount] }
        return .json(try encode(Body(items: try repository.tags())))
    }

    func stats(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        return .json(try encode(try repository.stats()))
    }
}
