import CableParser
import CableStore
import Foundation

/// Counts of one batch import: the contract's pinned shape, plus `failed_total` when more records
/// failed than are listed.
public struct ImportReport: Sendable, Codable, Equatable {
    /// One record that could not be stored.
    public struct Failure: Sendable, Codable, Equatable {
        /// 1-based record number within the batch.
        public var record: Int
        /// Why, naming what was missing or broken.
        public var error: String
    }
    public var imported: Int
    public var updated: Int
    public var unchanged: Int
    public var failed: [Failure]
    public var failedTotal: Int

    init(imported: Int, updated: Int, unchanged: Int, failed: [Failure], failedTotal: Int) {
        self.imported = imported; self.updated = updated; self.unchanged = unchanged
        self.failed = failed; self.failedTotal = failedTotal
    }

    init(_ summary: ImportSummary) {
        imported = summary.imported; updated = summary.updated; unchanged = summary.unchanged
        failed = summary.failed.map { Failure(record: $0.record, error: $0.error) }
        failedTotal = summary.failedCount
    }
}

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
        if Self.isGzip(body) {
            // The importer would inflate it again without our limit.
            throw Problem.badBody("the body is gzip inside gzip; compress it once")
        }
        let hook = enrich.map { enrich in { @Sendable (cable: inout Cable) in enrich(&cable, nil) } }
        let summary = try Importer(store: store, workers: 2, enrich: hook).run([.data(Data(body), format: format, name: "request body")])
        let report = ImportReport(summary)
        metrics.recordImport(report)
        return .json(try encode(report))
    }

    static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// The body with any gzip removed, the limit applied to the decompressed size. A gzip body sent
    /// without `Content-Encoding` is recognised by its magic bytes and treated the same way.
    func decodedBody(_ request: APIRequest, limit: Int) throws(Problem) -> [UInt8] {
        var encoding = (request.header("Content-Encoding") ?? "identity").trimmingCharacters(in: .whitespaces).lowercased()
        if (encoding == "identity" || encoding.isEmpty) && Self.isGzip(request.body) { encoding = "gzip" }
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
