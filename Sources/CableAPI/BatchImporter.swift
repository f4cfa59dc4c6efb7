import CableParser
import CableStore
import Foundation

/// Counts of one batch import (the contract's pinned shape).
public struct ImportReport: Sendable, Codable, Equatable {
    /// One record that could not be stored.
    public struct Failure: Sendable, Codable, Equatable {
        /// 1-based record number within the batch.
        public var record: Int
        /// Why, naming what was missing or broken.
        public var error: String
    }
    public var imported = 0
    public var updated = 0
    public var unchanged = 0
    public var failed: [Failure] = []
}

/// The batch format of `/v1/imports`.
public enum ImportFormat: String, Sendable { case csv, ndjson }

/// Imports a batch body (CSV or NDJSON) through the store's record readers and writer.
///
/// Records are parsed outside the writer lock and committed in groups, so a 250k-cable batch does not
/// pay one fsync per cable and other writers get the lock between groups. Each cable still lands
/// whole or not at all, and re-importing the same batch changes nothing.
struct BatchImporter {
    let store: CableStore
    let parser = CableParser()
    /// Cables per transaction.
    var groupSize = 256

    func run(_ body: [UInt8], format: ImportFormat) throws -> ImportReport {
        let source = DataByteSource(Data(body))
        var reader: any RecordReader = switch format {
        case .csv: CSVRecordReader(source, name: "batch")
        case .ndjson: NDJSONRecordReader(source, name: "batch")
        }
        var report = ImportReport()
        var group: [PreparedCable] = []
        var number = 0
        func flush() throws {
            guard !group.isEmpty else { return }
            let outcomes = try store.write { writer in
                try writer.transaction { try group.map { try writer.put($0) } }
            }
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
            } catch {
                // The rest of the input cannot be read as records (e.g. an unterminated quote).
                number += 1
                report.failed.append(.init(record: number, error: "\(error)"))
                break
            }
            guard let next else { break }
            number += 1
            switch next {
            case .failure(let why):
                report.failed.append(.init(record: number, error: why))
            case .record(let bytes, let knownID):
                do {
                    let cable = try parser.parse(bytes: bytes, knownID: knownID)
                    group.append(try PreparedCable(raw: TextDecoding.decode(bytes), cable: cable))
                } catch {
                    report.failed.append(.init(record: number, error: "\(error)"))
                }
                if group.count >= groupSize { try flush() }
            }
        }
        try flush()
        return report
    }
}
