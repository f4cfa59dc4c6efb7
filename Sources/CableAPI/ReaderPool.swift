import CableStore
import Foundation
import Logging
import Synchronization

/// Read-only store connections shared by the threads that answer requests.
///
/// A `CableReader` must be used by one thread at a time. Rather than tie readers to event loops (which
/// would make the API depend on the server's threading), a thread borrows an idle reader for the
/// length of one request and returns it: after warm-up there is one reader per concurrently busy
/// thread, each borrow costs one uncontended lock, and streaming exports simply hold theirs longer.
final class ReaderPool: Sendable {
    /// Holds a reader while it sits in the pool; only the borrowing thread touches `reader`.
    private final class Slot: @unchecked Sendable {
        let reader: CableReader
        init(_ reader: CableReader) { self.reader = reader }
    }

    private let store: CableStore
    private let idle = Mutex<[Slot]>([])

    init(store: CableStore) { self.store = store }

    /// Reads the paragraph-to-cable map of one pooled reader on a background thread, so the first
    /// full-text listing of a common term after startup does not pay for it (about 1 s on a
    /// full-size database). Requests arriving meanwhile simply open readers of their own.
    func warmUpInBackground(logger: Logger) {
        Thread.detachNewThread { [self] in
            let start = ContinuousClock.now
            do {
                try withReader { try $0.prepareFullTextMap() }
                logger.debug("full-text map read", metadata: ["seconds": "\(ContinuousClock.now - start)"])
            } catch {
                logger.warning("full-text map not read ahead: \(error)")
            }
        }
    }

    /// Runs `body` with a reader no other thread is using.
    func withReader<T>(_ body: (CableReader) throws -> T) throws -> T {
        let slot = try idle.withLock { $0.popLast() } ?? Slot(store.makeReader())
        defer { idle.withLock { $0.append(slot) } }
        return try body(slot.reader)
    }
}
