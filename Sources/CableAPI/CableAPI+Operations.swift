import Foundation

/// Endpoints for operators and tooling: health, readiness, metrics, the OpenAPI document.
extension CableAPI {
    func health(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        return .json(Array(#"{"status":"ok"}"#.utf8))
    }

    func ready(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let count: Int
        do {
            count = try read { try $0.count() }
        } catch {
            logger.warning("readiness check failed: \(error)")
            throw Problem.unavailable("the store cannot be read: \(error)")
        }
        struct Body: Encodable { let status: String; let cables: Int }
        return .json(try encode(Body(status: "ready", cables: count)))
    }

    func metricsText(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        if let count = try? read({ try $0.count() }) { metrics.setCableCount(count) }
        return APIResponse(status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
                           body: .bytes(metrics.render()))
    }

    func openAPIDocument(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        return APIResponse(status: 200, headers: [("Content-Type", "application/yaml")],
                           body: .bytes(try Self.openAPIBytes()))
    }

    /// The bundled copy of Docs/openapi.yaml.
    public static func openAPIBytes() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw StoredDataError("openapi.yaml is missing from the CableAPI bundle")
        }
        return Array(try Data(contentsOf: url))
    }
}
