import CableParser
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A record that could not be imported.
public struct ImportFailure: Sendable, Hashable, Codable {
    /// 1-based record number within the whole batch (across all inputs).
    public var record: Int
    /// Why, naming the input and what was wrong.
    public var error: String
}

/// What an import did.
public struct ImportSummary: Sendable, Hashable {
    /// New cables.
    public var imported = 0
    /// Cables whose text changed (the old text is kept as a version).
    public var updated = 0
    /// Cables already stored with the same text.
    public var unchanged = 0
    /// Records that failed, at most `Importer.maximumReportedFailures` of them.
    public var failed: [ImportFailure] = []
    /// All failed records, including those not listed in `failed`.
    public var failedCount = 0
    /// Records read.
    public var records = 0
    /// Input bytes consumed (compressed bytes for gzip inputs).
    public var bytes = 0
    /// Wall time in seconds.
    public var elapsed: Double = 0

    /// Cables now stored from this import (imported + updated + unchanged).
    public var stored: Int { imported + updated + unchanged }
}

/// A snapshot for progress displays.
public struct ImportProgress: Sendable {
    public var records: Int
    public var bytes: Int
    /// Total input bytes when known (sum of file sizes), else nil.
    public var totalBytes: Int?
    public var elapsed: Double
}

/// Reads records from inputs, parses them on every core, and writes them through the store's single
/// writer in batched transactions (a cable lands whole or not at all).
///
/// Three stages run at once (see `ImportPipeline`): this thread reads records and queues them in small
/// chunks, `workers` threads parse, encode and hash whichever chunk is next, and a writer thread
/// stores the prepared cables in input order, committing every `batchSize` cables. A bounded budget
/// between reading and writing keeps memory flat whatever the input size. Callable from the CLI and
/// from the API.
public final class Importer: Sendable {
    /// Failures listed individually in a summary; the rest are only counted.
    public static let maximumReportedFailures = 1_000
    /// Turns a record into raw text + cable; throws for a record that is not a cable.
    public typealias Parse = @Sendable (_ bytes: [UInt8], _ knownID: String?) throws -> (raw: String, cable: Cable)

    let store: CableStore
    let parse: Parse
    let enrich: (@Sendable (inout Cable) -> Void)?
    let batchSize: Int
    let workers: Int
    /// Commit each batch with `synchronous=FULL` (durable when `run` returns, for the API) instead
    /// of the bulk settings (`NORMAL`, one checkpoint at the end).
    let durable: Bool
    /// 1, or `budgetShareWithEntities` when the caller's hooks may add entities to each record.
    let budgetShare: Int
    /// Records per parse chunk: small, so a worker that finishes early takes the next one instead of idling.
    static let chunkSize = 8
    static let chunkBytes = 1 << 20
    /// Records (and input bytes) read but not yet taken by the writer: bounds memory. The workers
    /// run ahead while the writer waits on a checkpoint or the disk; at 256 records / 8 MiB they
    /// stalled, and a full-size import took 2:45–2:56 instead of 2:24–2:29 (peak RSS 197 → 237 MB).
    static let recordsInFlight = 512
    static let bytesInFlight = 16 << 20
    /// A cable with its entities takes about twice the memory through the pipeline (mentions, the
    /// larger JSON): imports with a caller's `parse` or `enrich` (the CLI's and the API's entity
    /// extraction) get this fraction of the budget (full size with entities: 271 MB peak at half,
    /// 329 MB at the whole).
    static let budgetShareWithEntities = 2
    /// Nice value added to the parse workers' threads, so the writer gets a core first.
    static let parseWorkerNiceness: Int32 = 10

    /// - Parameters:
    ///   - enrich: run on every parsed cable before it is stored (the entity extractor hook).
    ///   - parse: defaults to `CableParser` over `TextDecoding`.
    ///   - durable: commit every batch durably (`synchronous=FULL`, no closing checkpoint): for callers
    ///     that answer "stored" as soon as `run` returns, like the API.
    public init(store: CableStore, batchSize: Int = 512, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                enrich: (@Sendable (inout Cable) -> Void)? = nil, parse: Parse? = nil, durable: Bool = false) {
        self.store = store
        self.durable = durable
        self.batchSize = max(1, batchSize)
        self.workers = max(1, workers)
        self.enrich = enrich
        self.budgetShare = enrich == nil && parse == nil ? 1 : Self.budgetShareWithEntities
        self.parse = parse ?? { bytes, knownID in
            let raw = TextDecoding.decode(bytes)
            return (raw, try CableParser().parse(raw, knownID: knownID))
        }
    }

    /// Imports every input in order. Throws only when the store fails (disk full, I/O error); bad
    /// records and unreadable inputs are reported in the summary.
    public func run(_ inputs: [ImportInput], progress: (@Sendable (ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        var summary = ImportSummary()
        // Sizes first (for the progress ETA); unreadable paths are reported in order below.
        var totalBytes: Int? = 0
        for input in inputs {
            switch input {
            case let .path(path):
                let files = (try? ImportInput.expand(path)) ?? []
                for file in files {
                    let size = file == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
                    totalBytes = size.flatMap { s in totalBytes.map { $0 + s } }
                }
            case let .data(data, _, _):
                totalBytes = totalBytes.map { $0 + data.count }
            }
        }
        // An unreadable path stays in place as its failure message, so record numbers follow input order.
        var expanded: [Result<ImportInput, ImportInputError>] = []
        for input in inputs {
            guard case let .path(path) = input else { expanded.append(.success(input)); continue }
            do {
                expanded += try ImportInput.expand(path).map { .success(.path($0)) }
            } catch let error as ImportInputError {
                expanded.append(.failure(error))
            } catch {
                expanded.append(.failure(.io(path: path, reason: "\(error)")))
            }
        }

        let stages = startStages()
        // Whatever happens below, the threads must end before `run` returns.
        defer { stages.end() }
        var clock = ProgressClock(start: start, totalBytes: totalBytes, report: progress)
        var consumedBefore = 0
        for item in expanded {
            var reader: any RecordReader
            let name: String
            do {
                switch try item.get() {
                case let .path(path):
                    name = path
                    let source: any ByteSource = path == "-" ? FileByteSource(standardInput: ()) : try FileByteSource(path: path)
                    let format: ImportFormat? = path == "-" ? nil : ImportFormat.guess(fromName: path)
                    reader = try ImportInput.open(source: source, name: path, format: format)
                case let .data(data, format, label):
                    name = label
                    reader = try ImportInput.open(source: DataByteSource(data), name: label, format: format)
                }
            } catch {
                summary.records += 1
                record(failure: "\(error)", number: summary.records, in: &summary)
                continue
            }
            let going = try feed(&reader, name: name, to: stages.pipeline, summary: &summary,
                                 consumedBefore: consumedBefore, clock: &clock, stopsImport: { _ in false })
            consumedBefore += reader.consumed
            summary.bytes = consumedBefore
            // False only when the writer failed: stop reading, `finish` throws the error.
            if !going { break }
        }
        try finish(stages, into: &summary, clock: clock)
        return summary
    }

    /// Imports the records of one reader that is already open (the API's request body, read as it
    /// arrives). An error the reader throws ends the input: when `stopsImport(error)` is true, the
    /// records before it are still stored and the error is rethrown; otherwise it is reported as a
    /// failed record, like a broken file in `run(_:)`.
    public func run(reader: any RecordReader, name: String,
                    stopsImport: (any Error) -> Bool) throws -> ImportSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        var summary = ImportSummary()
        let stages = startStages()
        defer { stages.end() }
        var clock = ProgressClock(start: start, totalBytes: nil, report: nil)
        var reader = reader
        do {
            _ = try feed(&reader, name: name, to: stages.pipeline, summary: &summary,
                             consumedBefore: 0, clock: &clock, stopsImport: stopsImport)
        } catch {
            // What was read before the error is stored first, as promised.
            try finish(stages, into: &summary, clock: clock)
            throw error
        }
        summary.bytes = reader.consumed
        try finish(stages, into: &summary, clock: clock)
        return summary
    }

    /// Reads `reader` to its end into the pipeline in chunks. Returns false when the pipeline stopped
    /// (the writer failed). A reader error ends the input; it is rethrown when `stopsImport` says so.
    private func feed(_ reader: inout any RecordReader, name: String, to pipeline: ImportPipeline,
                      summary: inout ImportSummary, consumedBefore: Int, clock: inout ProgressClock,
                      stopsImport: (any Error) -> Bool) throws -> Bool {
        while true {
            var records: [ImportRecord] = []
            records.reserveCapacity(Self.chunkSize)
            var chunkBytes = 0
            var fatal: (any Error)?
            do {
                while records.count < Self.chunkSize, chunkBytes < Self.chunkBytes, let next = try reader.next() {
                    summary.records += 1
                    switch next {
                    case let .record(bytes, knownID):
                        chunkBytes += bytes.count
                        records.append(ImportRecord(number: summary.records, source: name, bytes: bytes, knownID: knownID))
                    case let .failure(message):
                        record(failure: message, number: summary.records, in: &summary)
                    }
                }
            } catch {
                if stopsImport(error) {
                    fatal = error
                } else {
                    summary.records += 1
                    record(failure: "\(name): \(error)", number: summary.records, in: &summary)
                }
                reader = EmptyRecordReader(consumed: reader.consumed)
            }
            if !records.isEmpty {
                guard pipeline.submit(records: records, bytes: chunkBytes) else { return false }
            }
            if let fatal { throw fatal }
            if records.isEmpty { return true }
            summary.bytes = consumedBefore + reader.consumed
            clock.tick(summary)
        }
    }

    /// Waits for the writer and merges its counts and failures into `summary`; throws the store error
    /// that stopped the import, if any.
    private func finish(_ stages: ImportStages, into summary: inout ImportSummary, clock: ProgressClock) throws {
        let counts = stages.end()
        if let message = counts.storeError { throw ImportStoreError(message: message) }
        summary.imported = counts.imported
        summary.updated = counts.updated
        summary.unchanged = counts.unchanged
        // Failures from the reader (here) and from the workers and writer, merged in record order.
        summary.failed += counts.failures
        summary.failed.sort { $0.record < $1.record }
        if summary.failed.count > Self.maximumReportedFailures {
            summary.failed.removeLast(summary.failed.count - Self.maximumReportedFailures)
        }
        summary.failedCount += counts.failedCount
        summary.elapsed = clock.elapsed
        clock.report?(ImportProgress(records: summary.records, bytes: summary.bytes, totalBytes: clock.totalBytes,
                                     elapsed: summary.elapsed))
    }

    private func record(failure message: String, number: Int, in summary: inout ImportSummary) {
        summary.failedCount += 1
        if summary.failed.count < Self.maximumReportedFailures {
            summary.failed.append(ImportFailure(record: number, error: message))
        }
    }
}

/// Stands in for a reader whose input failed mid-way.
struct EmptyRecordReader: RecordReader {
    var consumed: Int
    mutating func next() throws -> RecordResult? { nil }
}
