import CableParser
import CableStore
import Foundation

/// One cable: parse, create, read (whole, raw, paragraphs, references, versions), delete.
extension CableAPI {
    /// The canonical id of `{id}`, in any spelling the parser understands (`07astana003153`).
    func canonicalID(_ request: APIRequest) throws(Problem) -> String {
        let given = request.pathParameters["id"] ?? ""
        guard let id = CableID.canonicalize(given) else {
            throw .notFound("\(given) is not a cable id; ids look like 07ASTANA3153 (year, station, serial)")
        }
        return id
    }

    /// The stored cable, or 404 naming the id.
    func storedCable(_ id: String) throws -> StoredJSON {
        guard let stored = try read({ try $0.cableJSON(id: id) }) else {
            throw Problem.notFound("no cable \(id) in the store")
        }
        return stored
    }

    /// Headers naming the canonical URL when the client spelled the id differently.
    func canonicalHeaders(_ request: APIRequest, id: String, suffix: String = "") -> [(name: String, value: String)] {
        request.pathParameters["id"] == id ? [] : [("Content-Location", "/v1/cables/\(id)\(suffix)")]
    }

    func parseCable(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let parsed = try parse.parse(request)
        return .json(Array(try Cable.makeJSONEncoder().encode(parsed.cable)))
    }

    func createCable(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let parsed = try parse.parse(request)
        let outcome = try store.put(raw: parsed.raw, cable: parsed.cable)
        let id = parsed.cable.id
        metrics.recordImport(outcome: outcome.rawValue)
        let stored = try storedCable(id)
        return .json(Array(stored.json), status: outcome == .inserted ? 201 : 200,
                     headers: [("Location", "/v1/cables/\(id)"), ("ETag", "\"\(stored.hash)\"")])
    }

    func getCable(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: ["fields"])
        let id = try canonicalID(request)
        let fields = try query.choices("fields", FieldSelection.topLevelFields)
        // The store keeps each cable's JSON gzip-compressed: a client that accepts gzip gets those bytes
        // as they are, with neither an inflate here nor a deflate in the server.
        if fields.isEmpty, ConditionalRequest.acceptsGzip(request.header("Accept-Encoding")) {
            guard let stored = try read({ try $0.cableJSONGzip(id: id) }) else {
                throw Problem.notFound("no cable \(id) in the store")
            }
            let etag = "\"\(stored.hash)-gz\""
            let headers = [("ETag", etag), ("Cache-Control", "no-cache"), ("Vary", "Accept-Encoding")]
                + canonicalHeaders(request, id: id)
            if ConditionalRequest.matches(ifNoneMatch: request.header("If-None-Match"), etag: etag, alternative: "\"\(stored.hash)\"") {
                return APIResponse(status: 304, headers: headers)
            }
            return .json(Array(stored.gzip), headers: headers + [("Content-Encoding", "gzip")])
        }
        let stored = try storedCable(id)
        let etag = fields.isEmpty ? "\"\(stored.hash)\"" : "\"\(stored.hash)-\(fields.joined(separator: "."))\""
        let headers = [("ETag", etag), ("Cache-Control", "no-cache")] + canonicalHeaders(request, id: id)
        if ConditionalRequest.matches(ifNoneMatch: request.header("If-None-Match"), etag: etag,
                                      alternative: fields.isEmpty ? "\"\(stored.hash)-gz\"" : nil) {
            return APIResponse(status: 304, headers: headers)
        }
        let body = fields.isEmpty ? Array(stored.json) : try FieldSelection.select(fields, from: Array(stored.json))
        return .json(body, headers: headers)
    }

    func deleteCable(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        guard try store.delete(id: id) else { throw Problem.notFound("no cable \(id) in the store") }
        return APIResponse(status: 204)
    }

    func rawCable(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        guard let raw = try read({ try $0.rawText(id: id) }) else { throw Problem.notFound("no cable \(id) in the store") }
        return APIResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")] + canonicalHeaders(request, id: id, suffix: "/raw"),
                           body: .bytes(Array(raw.utf8)))
    }

    func cableVersions(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        let versions = try read { try $0.versions(id: id) }
        guard !versions.isEmpty else { throw Problem.notFound("no cable \(id) in the store, now or earlier") }
        struct Body: Encodable { let id: String; let versions: [CableVersion] }
        return .json(try encode(Body(id: id, versions: versions.reversed())))
    }

    func cableVersionText(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        let hash = request.pathParameters["hash"] ?? ""
        guard let raw = try read({ try $0.versionText(id: id, rawHash: hash) }) else {
            throw Problem.notFound("cable \(id) has no version \(hash); see /v1/cables/\(id)/versions")
        }
        return APIResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: .bytes(Array(raw.utf8)))
    }

    func paragraphs(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        guard let paragraphs = try read({ try $0.paragraphs(id: id) }) else {
            throw Problem.notFound("no cable \(id) in the store")
        }
        return .json(try encode(paragraphs))
    }

    func paragraph(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        let given = request.pathParameters["n"] ?? ""
        if let n = Int(given), n >= 0, let found = try read({ try $0.paragraph(id: id, number: n) }) {
            return .json(try encode(found))
        }
        guard let paragraphs = try read({ try $0.paragraphs(id: id) }) else {
            throw Problem.notFound("no cable \(id) in the store")
        }
        let numbers = paragraphs.map { String($0.number) }.joined(separator: ", ")
        throw Problem.notFound("cable \(id) has no paragraph \(given); its paragraphs are \(numbers.isEmpty ? "none" : numbers)")
    }

    func references(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        guard let refs = try read({ try $0.references(id: id) }) else { throw Problem.notFound("no cable \(id) in the store") }
        struct Body: Encodable { let id: String; let cites: [String]; let citedBy: [String]; let missing: [String] }
        return .json(try encode(Body(id: id, cites: refs.cites, citedBy: refs.citedBy, missing: refs.missing)))
    }
}
