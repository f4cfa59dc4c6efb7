import CableParser
import Dispatch
import Foundation
import Gzip
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The threads of one import around its `ImportPipeline`: one writer and `workers` parse workers.
final class ImportStages: Sendable {
    let pipeline: ImportPipeline
    private let threads = DispatchGroup()
    private let counts = Mutex(BatchWriter.Counts())

    fileprivate init(pipeline: ImportPipeline) { self.pipeline = pipeline }

    /// Closes the pipeline, waits for every thread and returns the writer's counts. Safe to call
    /// more than once (a `defer` calls it again after `finish`).
    @discardableResult
    func end() -> BatchWriter.Counts {
        pipeline.close()
        threads.wait()
        return counts.withLock { $0 }
    }

    /// Runs `body` on a thread of its own, named for profiles. Not a Dispatch queue: these threads
    /// block on each other, and a global queue may not start more threads than there are cores.
    fileprivate func spawn(named name: String, niceness: Int32 = 0, _ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let thread = Thread { [threads] in
            ImportThread.name(name)
            ImportThread.lowerPriority(by: niceness)
            body()
            threads.leave()
        }
        thread.start()
    }

    fileprivate func store(_ result: BatchWriter.Counts) { counts.withLock { $0 = result } }
}

/// Traits of the calling thread that make an import's threads easy to find and schedule well.
enum ImportThread {
    /// Names the calling thread for `top -H`, `perf` and /proc (Foundation keeps `Thread.name` to
    /// itself on Linux, and `pthread_setname_np` is not visible to Swift there).
    static func name(_ name: String) {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #endif
    }

    /// Raises the calling thread's nice value (Linux keeps one per thread; lowering priority needs
    /// no privilege). A failure only costs speed, so it is ignored.
    static func lowerPriority(by niceness: Int32) {
        #if os(Linux)
        guard niceness > 0 else { return }
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        _ = setpriority(which, 0, min(19, getpriority(which, 0) + niceness))
        #endif
    }
}

/// Progress reports from the reading thread, at most every 200 ms.
struct ProgressClock {
    let start: UInt64
    let totalBytes: Int?
    let report: (@Sendable (ImportProgress) -> Void)?
    private var last: UInt64

    init(start: UInt64, totalBytes: Int?, report: (@Sendable (ImportProgress) -> Void)?) {
        self.start = start
        self.totalBytes = totalBytes
        self.report = report
        last = start
    }

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    mutating func tick(_ summary: ImportSummary) {
        guard let report else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - last > 200_000_000 else { return }
        last = now
        report(ImportProgress(records: summary.records, bytes: summary.bytes, totalBytes: totalBytes,
                              elapsed: Double(now - start) / 1e9))
    }
}

extension Importer {
    /// Starts the writer and the parse workers of one run.
    func startStages() -> ImportStages {
        let stages = ImportStages(pipeline: ImportPipeline(maximumRecords: Self.recordsInFlight / budgetShare,
                                                           maximumBytes: Self.bytesInFlight / budgetShare))
        let pipeline = stages.pipeline
        stages.spawn(named: "import-writer") { [store, batchSize, durable] in
            stages.store(BatchWriter(store: store, batchSize: batchSize, durable: durable).run(pipeline))
        }
        // The single writer is the import's critical path; with as many parse workers as cores the
        // writer otherwise waits for a core behind them (48 s of a 245 s full-size import). Lower-
        // priority workers still get every cycle the writer leaves.
        for worker in 1...workers {
            stages.spawn(named: "import-parse\(worker)", niceness: Self.parseWorkerNiceness) { [self] in
                let compressor = StoredGzip.makeDeflater()
                while let chunk = pipeline.nextToParse() { pipeline.deliver(prepare(chunk, compressor: compressor)) }
            }
        }
        return stages
    }

    /// Parses, enriches, encodes and hashes one chunk (on a worker thread).
    private func prepare(_ chunk: ParseChunk, compressor: GzipDeflater) -> PreparedChunk {
        var items: [Pending] = []
        items.reserveCapacity(chunk.records.count)
        for item in chunk.records {
            do {
                var (raw, cable) = try parse(item.bytes, item.knownID)
                enrich?(&cable)
                items.append(.ready(item.number, PreparedCable(raw: raw, cable: cable, compressor: compressor)))
            } catch {
                items.append(.failure(item.number, "\(item.source): \(error)"))
            }
        }
        return PreparedChunk(sequence: chunk.sequence, items: items, bytes: chunk.bytes, records: chunk.records.count)
    }
}
