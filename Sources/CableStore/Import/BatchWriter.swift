import Dispatch
import Foundation
import Synchronization

/// Writes prepared batches on a background queue, one transaction per batch, so the importer can
/// parse the next batch meanwhile. At most one batch waits while another is written.
final class BatchWriter: Sendable {
    struct Counts: Sendable {
        var imported = 0
        var updated = 0
        var unchanged = 0
        var failures: [ImportFailure] = []
        var storeError: String?
    }

    private let store: CableStore
    private let queue = DispatchQueue(label: "cablegate.import.writer")
    private let slots = DispatchSemaphore(value: 1)
    private let counts = Mutex(Counts())

    init(store: CableStore) {
        self.store = store
    }

    /// Queues a batch for writing; blocks while the previous one is still waiting. Throws when an
    /// earlier batch hit a store error (the import must stop).
    func submit(_ batch: [Pending]) throws {
        if let message = counts.withLock({ $0.storeError }) { throw ImportStoreError(message: message) }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard counts.withLock({ $0.storeError == nil }) else { return }
            do {
                let result = try store.write { writer in try Self.write(batch, with: writer) }
                counts.withLock { total in
                    total.imported += result.imported
                    total.updated += result.updated
                    total.unchanged += result.unchanged
                    total.failures += result.failures
                }
            } catch {
                counts.withLock { $0.storeError = "\(error)" }
            }
        }
    }

    /// Waits for queued batches and returns the totals, or throws the store error that stopped them.
    func finish() throws -> Counts {
        queue.sync {}
        let result = counts.withLock { $0 }
        if let message = result.storeError { throw ImportStoreError(message: message) }
        do {
            try store.write { writer in try writer.endBulkImport() }
        } catch {
            throw ImportStoreError(message: "\(error)")
        }
        return result
    }

    private static func write(_ batch: [Pending], with writer: CableWriter) throws -> Counts {
        // Fast path: the whole batch without savepoints. FTS5 flushes its pending index data to a new
        // segment at every SAVEPOINT, so a savepoint per cable meant one tiny segment per cable and
        // constant segment merging (2.5x the FTS5 CPU in isolation). A refused cable is rare: then
        // the batch is rolled back and written again the careful way.
        do {
            return try writer.bulkTransaction { try writeAll(batch, with: writer) }
        } catch is RefusedCable {
            return try writer.bulkTransaction { try writeEachInSavepoint(batch, with: writer) }
        }
    }

    /// Thrown out of the fast path to roll its transaction back.
    private struct RefusedCable: Error {}

    private static func writeAll(_ batch: [Pending], with writer: CableWriter) throws -> Counts {
        var counts = Counts()
        for case let .ready(_, prepared) in batch {
            do {
                counts.add(try writer.put(prepared))
            } catch let error as SQLiteError where error.primaryCode == 19 /* SQLITE_CONSTRAINT */ {
                throw RefusedCable()
            }
        }
        return counts
    }

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
                writer.discardPendingSearchRows()
                counts.failures.append(ImportFailure(record: number, error: "\(prepared.cable.id): \(error)"))
            }
        }
        return counts
    }
}

extension BatchWriter.Counts {
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
