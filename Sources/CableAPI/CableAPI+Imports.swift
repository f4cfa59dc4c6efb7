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
///
/// The body is read as it arrives (the route streams), decompressed on the fly with the 256 MiB limit
/// counted after decompression, split into records by the store's readers, parsed, run through the
/// entity extractor with the raw text on every core, and committed in groups in input order. Memory stays flat whatever the batch
/// size. Records before a failure of the body itself (413, broken gzip) stay stored: re-sending the
/// batch is safe, identical records come back `unchanged`.
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
        let encoding = (request.header("Content-Encoding") ?? "identity").trimmingCharacters(in: .whitespaces).lowercased()
        guard ["identity", "", "gzip", "x-gzip"].contains(encoding) else { throw Problem.unsupportedEncoding(encoding) }
        let source: ImportBodySource
        if let stream = request.bodyStream {
            source = ImportBodySource(limit: configuration.maxImportBodyBytes, gzip: encoding.hasSuffix("gzip"), next: stream.read)
        } else {
            var body: [UInt8]? = request.body
            source = ImportBodySource(limit: configuration.maxImportBodyBytes, gzip: encoding.hasSuffix("gzip")) {
                defer { body = nil }
                return body
            }
        }
        let report = try importRecords(from: source, format: format)
        metrics.recordImport(report)
        return .json(try encode(report))
    }

    /// Reads, parses and stores every record through the store's `Importer`: parsed on every core,
    /// written in input order, committed durably every `groupSize` cables. A `Problem` from the body
    /// itself (413, broken gzip) ends the import after the records before it are stored.
    func importRecords(from source: ImportBodySource, format: ImportFormat, groupSize: Int = 256) throws -> ImportReport {
        let reader: any RecordReader = switch format {
        case .csv: CSVRecordReader(source, name: "request body")
        default: NDJSONRecordReader(source, name: "request body")
        }
        let enrich = self.enrich
        let parser = CableParser()
        let importer = Importer(store: store, batchSize: groupSize, parse: { bytes, knownID in
            var cable = try parser.parse(bytes: bytes, knownID: knownID)
            let raw = TextDecoding.decode(bytes)
            enrich?(&cable, raw)
            return (raw, cable)
        }, durable: true)
        let summary = try importer.run(reader: reader, name: "request body", stopsImport: { $0 is Problem })
        if summary.records == 0 || !source.sawContent {
            throw Problem.badBody("the batch is empty; send at least one CSV record or NDJSON line")
        }
        return ImportReport(summary)
    }
}
