import CableStore
import Foundation

/// Lists: cables (filters, facets, NDJSON export), paragraph search; keyset cursors with `Link: rel="next"`.
extension CableAPI {
    static let facetNames = ["classification", "year", "origin", "tag"]
    static let listParameters: Set<String> = [
        "q", "origin", "classification", "tag", "caveat", "entity", "from", "to", "sort", "limit", "cursor", "facets", "format",
    ]

    /// Reads the cable filters shared by the list and the export.
    func cableFilter(_ query: QueryParameters) throws(Problem) -> (CableFilter, CableSort) {
        var filter = CableFilter()
        filter.query = try query.string("q")
        filter.origin = try query.string("origin")
        filter.classifications = try query.list("classification").map { $0.uppercased() }
        filter.tags = try query.list("tag").map { $0.uppercased() }
        filter.entity = try query.string("entity")
        filter.from = try query.date("from")
        filter.to = try query.date("to")
        if let from = filter.from, let to = filter.to, from > to {
            throw .badParameter("from", "parameter from (\(from)) is after to (\(to))")
        }
        filter.caveat = try query.string("caveat")?.uppercased()
        let sort = try query.choice("sort", ["date", "-date", "relevance"], default: filter.query == nil ? "date" : "relevance")
        if sort == "relevance" && filter.query == nil {
            throw .badParameter("sort", "sort=relevance needs a full-text query q")
        }
        return (filter, CableSort(rawValue: sort ?? "date") ?? .date)
    }

    func listCables(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: Self.listParameters, repeatable: ["classification", "tag"])
        let format = try query.choice("format", ["json", "ndjson"], default: "json")
        if format == "ndjson" { return try export(query) }
        let (filter, sort) = try cableFilter(query)
        let limit = try query.int("limit", in: 1...1000, default: 50)
        let facetNames = try query.choices("facets", Self.facetNames)
        let cursor = try query.string("cursor")
        let (page, facets) = try read { reader in
            let page = try reader.listCables(filter: filter, sort: sort, limit: limit, cursor: cursor)
            guard !facetNames.isEmpty else { return (page, [String: [FacetCount]]?.none) }
            let all = try reader.facets(filter: filter)
            var chosen: [String: [FacetCount]] = [:]
            for name in facetNames {
                switch name {
                case "classification": chosen[name] = all.classification
                case "year": chosen[name] = all.year
                case "origin": chosen[name] = all.origin
                default: chosen[name] = all.tag
                }
            }
            return (page, chosen)
        }
        // `relevance` appears only when a very common query was ranked over its newest matches.
        struct Body: Encodable {
            let items: [CableSummary]; let nextCursor: String?; let total: Int; let relevance: RelevanceCoverage?
            let facets: [String: [FacetCount]]?
        }
        let body = try encode(Body(items: page.items, nextCursor: page.nextCursor, total: page.total,
                                   relevance: page.relevance, facets: facets))
        return .json(body, headers: linkHeader(request, next: page.nextCursor))
    }

    func exportCables(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: Self.listParameters.subtracting(["limit", "cursor", "facets", "format"]),
                                        repeatable: ["classification", "tag"])
        return try export(query)
    }

    /// Every matching cable's stored JSON, one per line, streamed as the store yields them.
    private func export(_ query: QueryParameters) throws -> APIResponse {
        for name in ["limit", "cursor", "facets"] where query.has(name) {
            throw Problem.badParameter(name, "parameter \(name) does not apply to an NDJSON export, which streams every matching cable")
        }
        // Exports go in id order whatever `sort` says: it is what makes them resumable and constant-memory.
        let (filter, _) = try cableFilter(query)
        // Check the filter (an FTS query can be refused) before the 200 head goes out: once streaming
        // has begun, an error can only cut the body short.
        _ = try read { try $0.export(filter: filter) }
        let readers = self.readers
        let logger = self.logger
        return APIResponse(status: 200, headers: [("Content-Type", "application/x-ndjson")], body: .stream { write in
            do {
                try readers.withReader { reader in
                    var export = try reader.export(filter: filter)
                    while let (_, json) = export.next() {
                        var line = Array(json)
                        line.append(0x0A)
                        try write(line)
                    }
                    if let error = export.error { throw error }
                }
            } catch {
                logger.warning("export ended early: \(error)")
                throw error
            }
        })
    }

    func searchParagraphs(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: ["q", "classification", "limit", "cursor"],
                                        repeatable: ["classification"])
        guard let q = try query.string("q") else {
            throw Problem.badParameter("q", "parameter q (the full-text query) is required")
        }
        let limit = try query.int("limit", in: 1...1000, default: 50)
        let classifications = try query.list("classification").map { $0.uppercased() }
        let cursor = try query.string("cursor")
        let page = try read { try $0.searchParagraphs(query: q, classifications: classifications, limit: limit, cursor: cursor) }
        struct Body: Encodable { let items: [ParagraphHit]; let nextCursor: String?; let rankedMatches: Int? }
        return .json(try encode(Body(items: page.items, nextCursor: page.nextCursor, rankedMatches: page.rankedMatches)),
                     headers: linkHeader(request, next: page.nextCursor))
    }

    /// `Link: <same query with cursor=next>; rel="next"` when there is a next page.
    func linkHeader(_ request: APIRequest, next: String?) -> [(name: String, value: String)] {
        guard let next else { return [] }
        var parts = request.rawQuery.split(separator: "&").filter { !$0.hasPrefix("cursor=") && $0 != "cursor" }.map(String.init)
        parts.append("cursor=" + Self.percentEncode(next))
        return [("Link", "<\(request.path)?\(parts.joined(separator: "&"))>; rel=\"next\"")]
    }

    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
