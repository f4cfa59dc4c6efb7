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
/// entity extractor with the raw text, and committed in groups. Memory stays flat whatever the batch
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

    /// Reads, parses and stores every record; a `Problem` from the body itself ends the import.
    func importRecords(from source: ImportBodySource, format: ImportFormat, groupSize: Int = 256) throws -> ImportReport {
        var reader: any RecordReader = switch format {
        case .csv: CSVRecordReader(source, name: "request body")
        default: NDJSONRecordReader(source, name: "request body")
        }
        let parser = CableParser()
        var report = ImportReport(imported: 0, updated: 0, unchanged: 0, failed: [], failedTotal: 0)
        var group: [PreparedCable] = []
        var number = 0
        func fail(_ why: String) {
            report.failedTotal += 1
            if report.failed.count < Importer.maximumReportedFailures { report.failed.append(.init(record: number, error: why)) }
        }
        func flush() throws {
            guard !group.isEmpty else { return }
            let outcomes = try store.write { writer in try writer.transaction { try group.map { try writer.put($0) } } }
            for outcome in outcomes {
                switch outcome {
                case .inserted: report.imported += 1
                case .updated: report.updated += 1
                case .unchanged: report.unchanged += 1
                }
            }
            group.removeAll(keepingCapacity: true)
        }
        while true {
            let next: RecordResult?
            do {
                next = try reader.next()
            } catch let problem as Problem {
                try flush()
                throw problem
            } catch {
                // The rest of the input cannot be split into records (an unterminated CSV quote).
                number += 1
                fail("\(error)")
                break
            }
            guard let next else { break }
            number += 1
            switch next {
            case .failure(let why):
                fail(why)
            case .record(let bytes, let knownID):
                do {
                    var cable = try parser.parse(bytes: bytes, knownID: knownID)
                    let raw = TextDecoding.decode(bytes)
                    enrich?(&cable, raw)
                    group.append(try PreparedCable(raw: raw, cable: cable))
                } catch {
                    fail("\(error)")
                }
                if group.count >= groupSize { try flush() }
            }
        }
        try flush()
        if number == 0 || !source.sawContent { throw Problem.badBody("the batch is empty; send at least one CSV record or NDJSON line") }
        return report
    }
}
