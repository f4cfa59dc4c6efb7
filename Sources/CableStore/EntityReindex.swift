import CableParser
import Dispatch
import Foundation

/// Re-runs an entity extractor over every stored cable and stores what it finds
/// (`cablegate reindex --entities`): each cable's mentions, entity links and the JSON that carries
/// them, then removes the entities no stored cable names any more.
///
/// The store does not know the extractor: it comes as `annotate`, as the importer's parse step does.
/// Cables are read in id order a batch at a time; `workers` threads decode, annotate and encode a batch
/// while the writer stores the previous one in one transaction with `synchronous=NORMAL`, as an import
/// batch is, made durable by a checkpoint at the end. A batch the store refuses is written again one
/// cable per transaction, so one bad cable fails alone. Every cable is either old or new at any
/// moment, never half done, so an interrupted run is finished by running it again.
public struct EntityReindex: Sendable {
    /// What a run did.
    public struct Summary: Sendable, Equatable {
        /// Cables whose entities were extracted and stored.
        public var reindexed = 0
        /// Mentions stored for them.
        public var mentions = 0
        /// Cables that could not be read, decoded or written (see `failures`).
        public var failed = 0
        /// Cables deleted, or changed twice, while the run read them: left as they are.
        public var skipped = 0
        /// Entities removed because no stored cable names them any more.
        public var removedEntities = 0
        /// The first failures (cable id and message), at most `maximumReportedFailures`.
        public var failures: [Failure] = []
    }

    /// A cable the run could not reindex.
    public struct Failure: Sendable, Equatable {
        /// The cable's id.
        public var id: String
        /// What went wrong (decoding its JSON, reading its raw text, or the store's error).
        public var message: String
    }

    /// Annotates a cable decoded from its stored JSON, given its raw text when stored.
    public typealias Annotate = @Sendable (inout Cable, _ rawText: String?) -> Void

    /// Most failures listed in a `Summary` (all are counted).
    public static let maximumReportedFailures = 100

    private let store: CableStore
    private let workers: Int
    private let batchSize: Int
    private let annotate: Annotate

    public init(store: CableStore, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                batchSize: Int = 64, annotate: @escaping Annotate) {
        self.store = store
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
        self.annotate = annotate
    }

    /// Reindexes every stored cable; `progress` is called after each batch with the cables done so far.
    /// Throws only when the store cannot be read or the closing steps fail; a cable's failure is
    /// counted in the summary.
    ///
    /// While one batch is written, the next is annotated on the other threads: the writer's work
    /// (JSON, gzip, SQLite) then overlaps the extractor's instead of following it.
    public func run(progress: (Int) -> Void = { _ in }) throws -> Summary {
        var summary = Summary()
        do {
            try reindexAll(into: &summary, progress: progress)
        } catch {
            // The batches already written stay; make them durable before reporting.
            _ = try? store.write { try $0.endBulkImport() }
            throw error
        }
        try store.write { try $0.endBulkImport() }
        summary.removedEntities += try store.write { try $0.removeUnmentionedEntities() }
        return summary
    }

    private func reindexAll(into summary: inout Summary, progress: (Int) -> Void) throws {
        let reader = try store.makeReader()
        var export = try reader.export()
        func readBatch() throws -> [Item] {
            var batch: [Item] = []
            while batch.count < batchSize, let (id, json) = export.next() {
                do {
                    batch.append(Item(id: id, source: json, rawText: try reader.rawText(id: id), readError: nil))
                } catch {
                    batch.append(Item(id: id, source: json, rawText: nil, readError: "reading its raw text: \(error)"))
                }
            }
            if let error = export.error { throw error }
            return batch
        }
        var batch = try readBatch()
        var annotated = startAnnotating(batch)
        while !batch.isEmpty {
            let results = annotated.wait()
            let next = try readBatch()
            annotated = startAnnotating(next)
            var ready: [(cable: EncodedCable, source: Data)] = []
            var readyIDs: [String] = []
            for (item, result) in zip(batch, results) {
                switch result {
                case .success(let cable):
                    ready.append((cable, item.source))
                    readyIDs.append(item.id)
                case .failure(let error):
                    record(error, id: item.id, in: &summary)
                }
            }
            for (index, outcome) in writeBatch(ready, ids: readyIDs, summary: &summary).enumerated() {
                switch outcome {
                case .stored(let replacement): count(ready[index].cable.cable, replacement, in: &summary)
                case .changed: retryChanged(readyIDs[index], reader: reader, summary: &summary)
                case .failed: break
                }
            }
            progress(summary.reindexed + summary.failed + summary.skipped)
            batch = next
        }
    }

    /// A stored cable as read for the run: its JSON, and its raw text or why that could not be read.
    private struct Item: Sendable {
        var id: String
        var source: Data
        var rawText: String?
        var readError: String?
    }

    /// A failure met before the cable reached the extractor.
    private struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts decoding and annotating `batch` on `workers` threads in the background; `wait()` gives
    /// the results in batch order.
    private func startAnnotating(_ batch: [Item]) -> PendingAnnotation {
        let slots = ResultSlots(count: batch.count)
        let group = DispatchGroup()
        let annotate = self.annotate
        let threads = max(1, min(workers, batch.count))
        DispatchQueue.global().async(group: group) {
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                let compressor = StoredGzip.makeDeflater()
                for index in stride(from: worker, to: batch.count, by: threads) {
                    slots.set(index, Result {
                        let item = batch[index]
                        if let readError = item.readError { throw ReadError(description: readError) }
                        var cable = try Cable.decodeForReextraction(item.source)
                        annotate(&cable, item.rawText)
                        return EncodedCable(cable: cable, compressor: compressor)
                    })
                }
            }
        }
        return PendingAnnotation(group: group, slots: slots)
    }

    /// A batch being annotated in the background.
    private struct PendingAnnotation {
        let group: DispatchGroup
        let slots: ResultSlots

        func wait() -> [Result<EncodedCable, any Error>] {
            group.wait()
            return slots.results()
        }
    }

    /// What became of one cable of a written batch.
    private enum Outcome {
        case stored(MentionReplacement)
        /// Its stored JSON changed since it was read (`replaceEntities` wrote nothing).
        case changed
        /// The store refused it (recorded in the summary).
        case failed
    }

    /// Writes the batch in one transaction; if the store refuses it, one cable per transaction, so
    /// only the cable at fault fails.
    private func writeBatch(_ ready: [(cable: EncodedCable, source: Data)], ids: [String], summary: inout Summary) -> [Outcome] {
        guard !ready.isEmpty else { return [] }
        func outcome(_ replacement: MentionReplacement?) -> Outcome { replacement.map(Outcome.stored) ?? .changed }
        if let replacements = try? store.write({ writer in
            try writer.bulkTransaction { try ready.map { try writer.replaceEntities(of: $0.cable, extractedFrom: $0.source) } }
        }) {
            return replacements.map(outcome)
        }
        return ready.indices.map { index in
            do {
                return outcome(try store.write { writer in
                    try writer.bulkTransaction { try writer.replaceEntities(of: ready[index].cable, extractedFrom: ready[index].source) }
                })
            } catch {
                record(error, id: ids[index], in: &summary)
                return .failed
            }
        }
    }

    /// A cable whose stored JSON changed after the export read it (a server writing to the same
    /// database): read, annotated and written again, once; skipped if it is gone or changed again.
    private func retryChanged(_ id: String, reader: CableReader, summary: inout Summary) {
        do {
            guard let fresh = try reader.cableJSON(id: id) else { summary.skipped += 1; return }
            var cable = try Cable.decodeForReextraction(fresh.json)
            annotate(&cable, try reader.rawText(id: id))
            let prepared = EncodedCable(cable: cable, compressor: StoredGzip.makeDeflater())
            let outcome = try store.write { writer in
                try writer.bulkTransaction { try writer.replaceEntities(of: prepared, extractedFrom: fresh.json) }
            }
            if let outcome { count(cable, outcome, in: &summary) } else { summary.skipped += 1 }
        } catch {
            record(error, id: id, in: &summary)
        }
    }

    private func count(_ cable: Cable, _ replacement: MentionReplacement, in summary: inout Summary) {
        summary.reindexed += 1
        summary.mentions += cable.paragraphs.reduce(0) { $0 + $1.entities.count }
        summary.removedEntities += replacement.removedEntities
    }

    private func record(_ error: any Error, id: String, in summary: inout Summary) {
        summary.failed += 1
        if summary.failures.count < Self.maximumReportedFailures {
            summary.failures.append(Failure(id: id, message: "\(error)"))
        }
    }
}

/// One result slot per batch item, each written by exactly one worker thread and read only after the
/// batch's dispatch group has finished (which orders the writes before the read), so the slots need
/// no lock.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<EncodedCable, any Error>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ result: Result<EncodedCable, any Error>) { slots[index] = result }

    func results() -> [Result<EncodedCable, any Error>] { slots.map { $0! } }
}
