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

    private let store: CableStore
    private let parse: Parse
    private let enrich: (@Sendable (inout Cable) -> Void)?
    private let batchSize: Int
    private let workers: Int
    /// Records per parse chunk: small, so a worker that finishes early takes the next one instead of idling.
    static let chunkSize = 8
    static let chunkBytes = 1 << 20
    /// Records (and input bytes) read but not yet taken by the writer: bounds memory.
    static let recordsInFlight = 512
    static let bytesInFlight = 16 << 20

    /// - Parameters:
    ///   - enrich: run on every parsed cable before it is stored (the entity extractor hook).
    ///   - parse: defaults to `CableParser` over `TextDecoding`.
    public init(store: CableStore, batchSize: Int = 512, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                enrich: (@Sendable (inout Cable) -> Void)? = nil, parse: Parse? = nil) {
        self.store = store
        self.batchSize = max(1, batchSize)
        self.workers = max(1, workers)
        self.enrich = enrich
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

        let pipeline = ImportPipeline(maximumRecords: Self.recordsInFlight, maximumBytes: Self.bytesInFlight)
        let threads = DispatchGroup()
        let written = Mutex(BatchWriter.Counts())
        spawn(named: "import-writer", in: threads) { [store, batchSize] in
            let counts = BatchWriter(store: store, batchSize: batchSize).run(pipeline)
            written.withLock { $0 = counts }
        }
        for worker in 1...workers {
            spawn(named: "import-parse\(worker)", in: threads) { [self] in
                while let chunk = pipeline.nextToParse() { pipeline.deliver(prepare(chunk)) }
            }
        }
        // Whatever happens below, the threads must end before `run` returns.
        defer {
            pipeline.close()
            threads.wait()
        }

        var consumedBefore = 0
        var lastReport = start
        inputs: for item in expanded {
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
            while true {
                var records: [ImportRecord] = []
                records.reserveCapacity(Self.chunkSize)
                var chunkBytes = 0
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
                    summary.records += 1
                    record(failure: "\(name): \(error)", number: summary.records, in: &summary)
                    reader = EmptyRecordReader(consumed: reader.consumed)
                }
                if records.isEmpty { break }
                // False only when the writer failed: stop reading, the error is thrown below.
                guard pipeline.submit(records: records, bytes: chunkBytes) else { break inputs }
                summary.bytes = consumedBefore + reader.consumed
                let now = DispatchTime.now().uptimeNanoseconds
                if let progress, now - lastReport > 200_000_000 {
                    lastReport = now
                    progress(ImportProgress(records: summary.records, bytes: summary.bytes, totalBytes: totalBytes,
                                            elapsed: Double(now - start) / 1e9))
                }
            }
            consumedBefore += reader.consumed
            summary.bytes = consumedBefore
        }
        pipeline.close()
        threads.wait()
        let counts = written.withLock { $0 }
        if let message = counts.storeError { throw ImportStoreError(message: message) }
        summary.imported = counts.imported
        summary.updated = counts.updated
        summary.unchanged = counts.unchanged
        // Failures from the reader (here) and from the workers and writer, merged in record order.
        let workerFailures = counts.failedCount
        summary.failed += counts.failures
        summary.failed.sort { $0.record < $1.record }
        if summary.failed.count > Self.maximumReportedFailures {
            summary.failed.removeLast(summary.failed.count - Self.maximumReportedFailures)
        }
        summary.failedCount += workerFailures
        summary.elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        progress?(ImportProgress(records: summary.records, bytes: summary.bytes, totalBytes: totalBytes, elapsed: summary.elapsed))
        return summary
    }

    private func record(failure message: String, number: Int, in summary: inout ImportSummary) {
        summary.failedCount += 1
        if summary.failed.count < Self.maximumReportedFailures {
            summary.failed.append(ImportFailure(record: number, error: message))
        }
    }

    /// Parses, enriches, encodes and hashes one chunk (on a worker thread).
    private func prepare(_ chunk: ParseChunk) -> PreparedChunk {
        var items: [Pending] = []
        items.reserveCapacity(chunk.records.count)
        for item in chunk.records {
            do {
                var (raw, cable) = try parse(item.bytes, item.knownID)
                enrich?(&cable)
                items.append(.ready(item.number, try PreparedCable(raw: raw, cable: cable)))
            } catch {
                items.append(.failure(item.number, "\(item.source): \(error)"))
            }
        }
        return PreparedChunk(sequence: chunk.sequence, items: items, bytes: chunk.bytes, records: chunk.records.count)
    }

    /// Runs `body` on a thread of its own (named for profiles), counted in `group`. Not a Dispatch
    /// queue: these threads block on each other, and a global queue may not start more threads than cores.
    private func spawn(named name: String, in group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            Self.nameCurrentThread(name)
            body()
            group.leave()
        }
        thread.start()
    }

    /// Names the calling thread for `top -H`, `perf` and /proc (Foundation keeps `Thread.name` to
    /// itself on Linux, and `pthread_setname_np` is not visible to Swift there).
    private static func nameCurrentThread(_ name: String) {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #endif
    }
}

/// Stands in for a reader whose input failed mid-way.
struct EmptyRecordReader: RecordReader {
    var consumed: Int
    mutating func next() throws -> RecordResult? { nil }
}
