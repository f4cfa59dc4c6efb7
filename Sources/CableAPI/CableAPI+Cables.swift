import CableParser
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
    func storedCable(_ id: String) throws -> StoredCable {
        guard let stored = try repository.cable(id: id) else {
            throw Problem.notFound("no cable \(id) in the store")
        }
        return stored
    }

    /// The parsed model of a stored cable (for paragraph views).
    func decodedCable(_ id: String) throws -> Cable {
        let stored = try storedCable(id)
        return try Cable.makeJSONDecoder().decode(Cable.self, from: Data(stored.json))
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
        let outcome = try repository.put(raw: parsed.raw, cable: parsed.cable)
        let id = parsed.cable.id
        metrics.recordImport(ImportReport(imported: outcome == .inserted ? 1 : 0, updated: outcome == .updated ? 1 : 0,
                                          unchanged: outcome == .unchanged ? 1 : 0, failed: []))
        let stored = try storedCable(id)
        return .json(stored.json, status: outcome == .inserted ? 201 : 200,
                     headers: [("Location", "/v1/cables/\(id)"), ("ETag", "\"\(stored.hash)\"")])
    }

    func getCable(_ request: APIRequest) throws -> APIResponse {
        let query = try QueryParameters(request.rawQuery, allowed: ["fields"])
        let id = try canonicalID(request)
        let stored = try storedCable(id)
        let fields = try query.choices("fields", FieldSelection.topLevelFields)
        let etag = fields.isEmpty ? "\"\(stored.hash)\"" : "\"\(stored.hash)-\(fields.joined(separator: "."))\""
        let headers = [("ETag", etag), ("Cache-Control", "no-cache")] + canonicalHeaders(request, id: id)
        if ConditionalRequest.matches(ifNoneMatch: request.header("If-None-Match"), etag: etag) {
            return APIResponse(status: 304, headers: headers)
        }
        let body = fields.isEmpty ? stored.json : try FieldSelection.select(fields, from: stored.json)
        return .json(body, headers: headers)
    }

    func deleteCable(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        guard try repository.delete(id: id) else { throw Problem.notFound("no cable \(id) in the store") }
        return APIResponse(status: 204)
    }

    func rawCable(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        guard let raw = try repository.rawText(id: id) else { throw Problem.notFound("no cable \(id) in the store") }
        return APIResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")] + canonicalHeaders(request, id: id, suffix: "/raw"),
                           body: .bytes(Array(raw.utf8)))
    }

    func cableVersions(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        guard let versions = try repository.versions(id: id) else { throw Problem.notFound("no cable \(id) in the store") }
        struct Body: Encodable { let id: String; let versions: [CableVersion] }
        return .json(try encode(Body(id: id, versions: versions)))
    }

    func paragraphs(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        let cable = try decodedCable(id)
        return .json(try encode(cable.paragraphs))
    }

    func paragraph(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        let cable = try decodedCable(id)
        let given = request.pathParameters["n"] ?? ""
        guard let n = Int(given), let found = cable.paragraphs.first(where: { $0.number == n }) else {
            let numbers = cable.paragraphs.map { String($0.number) }.joined(separator: ", ")
            throw Problem.notFound("cable \(id) has no paragraph \(given); its paragraphs are \(numbers.isEmpty ? "none" : numbers)")
        }
        return .json(try encode(found))
    }

    func references(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let id = try canonicalID(request)
        guard let refs = try repository.references(id: id) else { throw Problem.notFound("no cable \(id) in the store") }
        struct Body: Encodable { let id: String; let cites: [String]; let citedBy: [String]; let missing: [String] }
        return .json(try encode(Body(id: id, cites: refs.cites, citedBy: refs.citedBy, missing: refs.missing)))
    }
}
