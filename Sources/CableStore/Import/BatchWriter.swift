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
        return result
    }

    private static func write(_ batch: [Pending], with writer: CableWriter) throws -> Counts {
        var counts = Counts()
        try writer.transaction {
            // A savepoint per cable: a cable the store refuses is rolled back alone. Prepared once,
            // since a batch runs thousands of them.
            let begin = try writer.connection.prepare("SAVEPOINT cable")
            let release = try writer.connection.prepare("RELEASE cable")
            let rollback = try writer.connection.prepare("ROLLBACK TO cable")
            for case let .ready(number, prepared) in batch {
                try begin.run()
                do {
                    switch try writer.put(prepared) {
                    case .inserted: counts.imported += 1
                    case .updated: counts.updated += 1
                    case .unchanged: counts.unchanged += 1
                    }
                    try release.run()
                } catch let error as SQLiteError where error.primaryCode == 19 /* SQLITE_CONSTRAINT */ {
                    try rollback.run()
                    try release.run()
                    counts.failures.append(ImportFailure(record: number, error: "\(prepared.cable.id): \(error)"))
                }
            }
        }
        return counts
    }
}

/// The store failed during an import (disk full, I/O error): the import stopped. Batches committed
/// before the failure stay; re-running the import completes it.
public struct ImportStoreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { "the store failed during the import: \(message)" }
}
