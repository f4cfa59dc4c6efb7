import Foundation

/// Copies the WAL into the database file on a thread and connection of its own during a bulk import.
///
/// Why: with SQLite's automatic checkpoints the import's single writer thread, the critical path of
/// an import, stops after every 32 MiB of WAL to copy those pages into the database and fsync both
/// (about as many bytes again as it wrote, plus stalls on the disk). Here the writer only signals its
/// commits; the copying overlaps its next batch on the other core.
///
/// SQLite restarts the WAL from its beginning only when a write transaction starts after every frame
/// was copied. The checkpointer is always about one batch behind, so the writer calls `catchUp()`
/// every few batches: a short wait that lets the WAL restart instead of growing with the import.
final class BackgroundCheckpointer: @unchecked Sendable {
    private let connection: Connection
    private let condition = NSCondition()
    // Guarded by `condition`: commits signalled, commits whose frames a checkpoint has covered.
    private var signalled = 0
    private var covered = 0
    private var stopping = false
    private var finished = false

    /// Opens its own read-write connection to the database at `path` and starts the thread.
    init(path: String) throws {
        connection = try Connection(path: path)
        // A checkpoint's fsyncs keep the copied pages safe before the WAL frames are reused; the
        // durability of the import itself comes from the writer's closing checkpoint.
        try connection.execute("PRAGMA synchronous = NORMAL")
        let thread = Thread { [self] in
            ImportThread.name("import-ckpt")
            run()
        }
        thread.start()
    }

    /// Writer side: a transaction was committed; its frames can be copied now.
    func committed() {
        condition.lock()
        signalled += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Writer side: waits until a checkpoint has covered every commit signalled so far.
    func catchUp() {
        condition.lock()
        while covered < signalled, !finished { condition.wait() }
        condition.unlock()
    }

    /// Writer side: ends the thread after the checkpoint in progress (if any).
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            while covered == signalled, !stopping { condition.wait() }
            if stopping { break }
            let target = signalled
            condition.unlock()
            // PASSIVE: never blocks the writer or readers. A failed pass (e.g. busy) is not an error
            // for the import; the next one or the writer's closing checkpoint copies those frames.
            _ = try? connection.scalarInt("PRAGMA wal_checkpoint(PASSIVE)")
            condition.lock()
            covered = target
            condition.broadcast()
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
