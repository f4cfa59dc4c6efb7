/// One route of the API: method, path template, handler. The table in `CableAPI.routes` is the single
/// list the HTTP router is built from and that the OpenAPI test compares with Docs/openapi.yaml.
public struct Route: Sendable {
    /// `GET`, `POST` or `DELETE` (GET routes also answer HEAD).
    public let method: String
    /// Path template with `{name}` segments (`/v1/cables/{id}/paragraphs/{n}`).
    public let template: String
    /// True for writes that need the write token (or a loopback client).
    public let writes: Bool
    /// The setting that limits the request body; `nil` for routes that take none.
    public let bodyLimit: (KeyPath<ServiceConfiguration, Int> & Sendable)?
    /// True when the handler reads the body as it arrives instead of after it is buffered.
    public let streamsBody: Bool
    let handler: @Sendable (CableAPI, APIRequest) throws -> APIResponse

    init(_ method: String, _ template: String, writes: Bool = false,
         bodyLimit: (KeyPath<ServiceConfiguration, Int> & Sendable)? = nil, streamsBody: Bool = false,
         _ handler: @escaping @Sendable (CableAPI, APIRequest) throws -> APIResponse) {
        self.method = method; self.template = template; self.writes = writes
        self.bodyLimit = bodyLimit; self.streamsBody = streamsBody; self.handler = handler
    }
}

extension CableAPI {
    /// Every route of v1, in the order of the contract.
    public static let routes: [Route] = [
        Route("GET", "/healthz") { api, r in try api.health(r) },
        Route("GET", "/readyz") { api, r in try api.ready(r) },
        Route("GET", "/metrics") { api, r in try api.metricsText(r) },
        Route("GET", "/openapi.yaml") { api, r in try api.openAPIDocument(r) },
        Route("POST", "/v1/parse", bodyLimit: \ServiceConfiguration.maxBodyBytes) { api, r in try api.parseCable(r) },
        Route("POST", "/v1/cables", writes: true, bodyLimit: \ServiceConfiguration.maxBodyBytes) { api, r in try api.createCable(r) },
        Route("POST", "/v1/imports", writes: true, bodyLimit: \ServiceConfiguration.maxImportBodyBytes, streamsBody: true) { api, r in
            try api.importBatch(r)
        },
        Route("GET", "/v1/cables") { api, r in try api.listCables(r) },
        Route("GET", "/v1/export") { api, r in try api.exportCables(r) },
        Route("GET", "/v1/cables/{id}") { api, r in try api.getCable(r) },
        Route("DELETE", "/v1/cables/{id}", writes: true) { api, r in try api.deleteCable(r) },
        Route("GET", "/v1/cables/{id}/raw") { api, r in try api.rawCable(r) },
        Route("GET", "/v1/cables/{id}/versions") { api, r in try api.cableVersions(r) },
        Route("GET", "/v1/cables/{id}/versions/{hash}") { api, r in try api.cableVersionText(r) },
        Route("GET", "/v1/cables/{id}/paragraphs") { api, r in try api.paragraphs(r) },
        Route("GET", "/v1/cables/{id}/paragraphs/{n}") { api, r in try api.paragraph(r) },
        Route("GET", "/v1/cables/{id}/references") { api, r in try api.references(r) },
        Route("GET", "/v1/paragraphs") { api, r in try api.searchParagraphs(r) },
        Route("GET", "/v1/entities") { api, r in try api.listEntities(r) },
        Route("GET", "/v1/entities/{id}") { api, r in try api.getEntity(r) },
        Route("GET", "/v1/entities/{id}/cables") { api, r in try api.entityCables(r) },
        Route("GET", "/v1/entities/{id}/related") { api, r in try api.relatedEntities(r) },
        Route("GET", "/v1/tags") { api, r in try api.tags(r) },
        Route("GET", "/v1/stats") { api, r in try api.stats(r) },
    ]

    /// Outcome of matching a method and path against the route table.
    public enum Match: Sendable {
        case found(Route, [String: String])
        case methodNotAllowed([String])
        case notFound
    }

    /// Matches a path against the templates; literal segments win over `{parameters}`.
    public static func match(method: String, path: String) -> Match {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        var allowed: [String] = []
        var best: (route: Route, params: [String: String], literals: Int)?
        for route in routes {
            let parts = route.template.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            guard parts.count == segments.count else { continue }
            var params: [String: String] = [:]
            var literals = 0
            var fits = true
            for (part, segment) in zip(parts, segments) {
                if part.hasPrefix("{") {
                    guard !segment.isEmpty, let decoded = QueryParameters.decodePath(segment) else { fits = false; break }
                    params[String(part.dropFirst().dropLast())] = decoded
                } else if part == segment {
                    literals += 1
                } else {
                    fits = false; break
                }
            }
            guard fits else { continue }
            let serves = route.method == method || (method == "HEAD" && route.method == "GET")
            if serves {
                if best == nil || literals > best!.literals { best = (route, params, literals) }
            } else {
                allowed.append(route.method)
                if route.method == "GET" { allowed.append("HEAD") }
            }
        }
        if let best {
            return .found(best.route, best.params)
        }
        if !allowed.isEmpty {
            var seen = Set<String>()
            return .methodNotAllowed(allowed.filter { seen.insert($0).inserted }.sorted())
        }
        return .notFound
    }
}

extension QueryParameters {
    /// Percent-decodes a path segment (`+` stays a plus in paths).
    static func decodePath(_ segment: String) -> String? {
        guard segment.contains("%") else { return segment }
        return decode(segment.replacingOccurrences(of: "+", with: "%2B"))
    }
}
