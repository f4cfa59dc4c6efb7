import Dispatch
import Foundation
import Synchronization

/// The import's writer: takes prepared chunks from the pipeline in input order and writes them through
/// the store's single writer, one transaction per `batchSize` cables (or 16 MiB of input).
///
/// The batch size is the writer's own choice, independent of how the parse workers chunk the input:
/// it trades per-transaction costs (commit, full-text flush) against memory.
final class BatchWriter: Sendable {
    struct Counts: Sendable {
        var imported = 0
        var updated = 0
        var unchanged = 0
        /// The lowest-numbered failures, at most twice `Importer.maximumReportedFailures` of them.
        var failures: [ImportFailure] = []
        var failedCount = 0
        var storeError: String?
    }

    static let maximumBatchBytes = 16 << 20
    /// Batches between the writer's waits for the background checkpoint: the WAL restarts after
    /// each wait, so it stays near this many batches' pages (380 MB at full size) however large the
    /// import. 16 gave the same import time.
    static let batchesPerWALCycle = 8

    private let store: CableStore
    private let batchSize: Int
    private let durable: Bool

    /// - Parameter durable: `synchronous=FULL` commits and no closing checkpoint (see `Importer`).
    init(store: CableStore, batchSize: Int, durable: Bool = false) {
        self.store = store
        self.batchSize = max(1, batchSize)
        self.durable = durable
    }

    /// Writes every chunk the pipeline yields, then checkpoints. On a store failure it stops the
    /// pipeline (the reader and workers then stop too) and returns the error in `storeError`.
    ///
    /// Each cable is written as soon as its chunk arrives, inside a transaction left open until
    /// `batchSize` cables (or 16 MiB of input) are in it: the writer never sits on a half-collected
    /// batch while the workers are still preparing the rest of it.
    func run(_ pipeline: ImportPipeline) -> Counts {
        var total = Counts()
        // Durable (API) imports keep checkpointing on the writer: they are small and synced anyway.
        // Without a second connection the writer checkpoints itself, as before.
        let checkpointer = durable ? nil : try? BackgroundCheckpointer(path: store.path)
        var automaticInterval: Int?
        defer {
            checkpointer?.stop()
            if let automaticInterval { _ = try? store.write { try $0.setAutocheckpoint(automaticInterval) } }
        }
        do {
            if checkpointer != nil { automaticInterval = try store.write { try $0.setAutocheckpoint(0) } }
            var more = true
            var batches = 0
            while more {
                more = try writeBatch(from: pipeline, into: &total)
                checkpointer?.committed()
                batches += 1
                if batches % Self.batchesPerWALCycle == 0 { checkpointer?.catchUp() }
            }
            guard !pipeline.isStopped else { return total }
            checkpointer?.stop()
            if !durable { try store.write { writer in try writer.endBulkImport() } }
        } catch {
            total.storeError = "\(error)"
            pipeline.stop()
        }
        return total
    }

    /// One transaction's worth of cables; false once the pipeline is drained.
    private func writeBatch(from pipeline: ImportPipeline, into total: inout Counts) throws -> Bool {
        // Kept until the commit: a refused cable means writing them again, one savepoint each.
        var batch: [Pending] = []
        var more = true
        let counts = try store.write { writer in
            func transaction(_ body: () throws -> Counts) throws -> Counts {
                durable ? try writer.transaction(body) : try writer.bulkTransaction(body)
            }
            do {
                // Fast path: no savepoints. FTS5 flushes its pending index data to a new segment at
                // every SAVEPOINT, so a savepoint per cable meant one tiny segment per cable and
                // constant segment merging (2.5x the FTS5 CPU in isolation).
                return try transaction {
                    var counts = Counts()
                    var cables = 0
                    var bytes = 0
                    while cables < batchSize, bytes < Self.maximumBatchBytes {
                        guard let chunk = pipeline.nextPrepared() else { more = false; break }
                        bytes += chunk.bytes
                        // The whole chunk first, so a refusal mid-chunk still retries the rest of it.
                        batch += chunk.items
                        for item in chunk.items {
                            switch item {
                            case let .ready(_, prepared):
                                cables += 1
                                do {
                                    counts.add(try writer.put(prepared))
                                } catch let error as SQLiteError where error.primaryCode == 19 /* SQLITE_CONSTRAINT */ {
                                    throw RefusedCable()
                                }
                            case let .failure(number, message):
                                counts.fail(ImportFailure(record: number, error: message))
                            }
                        }
                    }
                    return counts
                }
            } catch is RefusedCable {
                // Rare: the transaction was rolled back; the cables taken so far are written again
                // the careful way (the rest of this batch's chunks go into the next transaction).
                var counts = try transaction { try Self.writeEachInSavepoint(batch, with: writer) }
                for case let .failure(number, message) in batch { counts.fail(ImportFailure(record: number, error: message)) }
                return counts
            }
        }
        total.merge(counts)
        // Freeing a batch's cables (strings, arrays and blobs of 512 cables) took ~3 % of the writer's
        // CPU, on the import's critical path: a utility thread lets them go instead.
        let finished = batch
        batch.removeAll()
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(finished) {} }
        return more
    }

    /// Thrown out of the fast path to roll its transaction back.
    private struct RefusedCable: Error {}

    private static func writeEachInSavepoint(_ batch: [Pending], with writer: CableWriter) throws -> Counts {
        var counts = Counts()
        // A savepoint per cable: a cable the store refuses is rolled back alone.
        let begin = try writer.connection.prepare("SAVEPOINT cable")
        let release = try writer.connection.prepare("RELEASE cable")
        let rollback = try writer.connection.prepare("ROLLBACK TO cable")
        for case let .ready(number, prepared) in batch {
            try begin.run()
            do {
                counts.add(try writer.put(prepared))
                // Its full-text rows inside its own savepoint, so a later refusal cannot undo them.
                try writer.flushSearchIndex()
                try release.run()
            } catch let error as SQLiteError where error.primaryCode == 19 /* SQLITE_CONSTRAINT */ {
                try rollback.run()
                try release.run()
                writer.forgetRolledBackRows()
                counts.fail(ImportFailure(record: number, error: "\(prepared.cable.id): \(error)"))
            }
        }
        return counts
    }
}

extension BatchWriter.Counts {
    /// Counts a failure; keeps only the lowest-numbered ones once there are many (they arrive
    /// almost in record order, so trimming now and then is enough).
    mutating func fail(_ failure: ImportFailure) {
        failedCount += 1
        failures.append(failure)
        if failures.count > 2 * Importer.maximumReportedFailures {
            failures.sort { $0.record < $1.record }
            failures.removeLast(failures.count - Importer.maximumReportedFailures)
        }
    }

    mutating func merge(_ other: Self) {
        imported += other.imported
        updated += other.updated
        unchanged += other.unchanged
        for failure in other.failures { fail(failure) }
    }

    mutating func add(_ outcome: PutOutcome) {
        switch outcome {
        case .inserted: imported += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}

/// The store failed during an import (disk full, I/O error): the import stopped. Batches committed
/// before the failure stay; re-running the import completes it.
public struct ImportStoreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { "the store failed during the import: \(message)" }
}
