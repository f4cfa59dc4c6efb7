/// `POST /v1/imports`: a batch of cables as Cablegate CSV or NDJSON, optionally gzip-compressed.
extension CableAPI {
    func importBatch(_ request: APIRequest) throws -> APIResponse {
        _ = try QueryParameters(request.rawQuery, allowed: [])
        let format: ImportFormat
        switch request.mediaType {
        case "text/csv": format = .csv
        case "application/x-ndjson", "application/ndjson", "application/jsonl": format = .ndjson
        default:
            throw Problem.unsupportedMediaType(request.mediaType, allowed: ["text/csv", "application/x-ndjson"])
        }
        let body = try decodedBody(request, limit: configuration.maxImportBodyBytes)
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw Problem.badBody("the batch is empty; send at least one CSV record or NDJSON line")
        }
        let report = try BatchImporter(store: store).run(body, format: format)
        metrics.recordImport(report)
        return .json(try encode(report))
    }

    /// The body with any `Content-Encoding: gzip` removed, the limit applied to the decompressed size.
    func decodedBody(_ request: APIRequest, limit: Int) throws(Problem) -> [UInt8] {
        let encoding = (request.header("Content-Encoding") ?? "identity").trimmingCharacters(in: .whitespaces).lowercased()
        switch encoding {
        case "identity", "":
            if request.body.count > limit { throw .tooLarge(limit: limit) }
            return request.body
        case "gzip", "x-gzip":
            do {
                return try Gzip.inflate(request.body, limit: limit)
            } catch {
                switch error {
                case .tooLarge: throw .tooLarge(limit: limit)
                case .corrupt(let why): throw .badBody("the gzip body cannot be decompressed: \(why)")
                }
            }
        default:
            throw .unsupportedEncoding(encoding)
        }
    }
}
