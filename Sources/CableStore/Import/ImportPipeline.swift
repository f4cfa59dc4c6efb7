import Foundation

/// A few records read in input order, handed to one parse worker at a time.
struct ParseChunk: Sendable {
    /// Position of the chunk in the import (0, 1, 2, …): the writer takes chunks in this order.
    var sequence: Int
    var records: [ImportRecord]
    /// Input bytes of the records (for the memory budget and the writer's batch size limit).
    var bytes: Int
}

/// A chunk after the parse workers: each record prepared or failed, still in input order.
struct PreparedChunk: Sendable {
    var sequence: Int
    var items: [Pending]
    var bytes: Int
    var records: Int
}

/// A record after the parse stage.
enum Pending: Sendable {
    case ready(Int, PreparedCable)
    case failure(Int, String)
}

/// The hand-over between the reader, the parse workers and the writer of one import.
///
/// Why not one batch at a time: a batch split statically over the workers waits for the slowest of
/// them, and then for the writer, so cores sat idle at every batch boundary. Here the reader queues
/// small chunks, each worker takes the next chunk as soon as it is free, and the writer takes the
/// prepared chunks back in input order (a reorder step), so a later duplicate id still wins.
///
/// Memory is bounded by a budget of records and bytes between the reader and the writer: the reader
/// blocks once it is spent and the writer gives it back as it takes chunks. One condition variable
/// guards everything; with chunks of several records the lock is taken a few thousand times per
/// 10,000 cables, which is negligible next to parsing.
final class ImportPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    // All below guarded by `condition`.
    private var queued: [ParseChunk] = []
    private var queuedHead = 0
    private var prepared: [Int: PreparedChunk] = [:]
    private var submitted = 0
    private var nextToWrite = 0
    private var inFlightRecords = 0
    private var inFlightBytes = 0
    private var closed = false
    private var stopped = false

    /// Records and bytes allowed between reading and the writer taking them.
    let maximumRecords: Int
    let maximumBytes: Int

    init(maximumRecords: Int, maximumBytes: Int) {
        self.maximumRecords = max(1, maximumRecords)
        self.maximumBytes = max(1, maximumBytes)
    }

    /// Reader side: queues a chunk, blocking while the budget is spent. Returns false when the
    /// pipeline was stopped (the writer failed), so the reader must stop reading.
    func submit(records: [ImportRecord], bytes: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        // A chunk larger than the whole budget still goes through once nothing else is in flight.
        while !stopped, inFlightRecords > 0,
              inFlightRecords + records.count > maximumRecords || inFlightBytes + bytes > maximumBytes {
            condition.wait()
        }
        guard !stopped else { return false }
        queued.append(ParseChunk(sequence: submitted, records: records, bytes: bytes))
        submitted += 1
        inFlightRecords += records.count
        inFlightBytes += bytes
        condition.broadcast()
        return true
    }

    /// Reader side: no more chunks will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Writer side (on a store failure): workers and reader stop at their next step.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Whether `stop()` was called.
    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Worker side: the next chunk to parse, nil when the input is done or the pipeline stopped.
    func nextToParse() -> ParseChunk? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, queuedHead == queued.count, !closed { condition.wait() }
        guard !stopped, queuedHead < queued.count else { return nil }
        let chunk = queued[queuedHead]
        queuedHead += 1
        // Drop taken chunks now and then; the array stays at most a budget's worth long.
        if queuedHead >= 64, queuedHead * 2 >= queued.count {
            queued.removeFirst(queuedHead)
            queuedHead = 0
        }
        return chunk
    }

    /// Worker side: hands a parsed chunk to the writer.
    func deliver(_ chunk: PreparedChunk) {
        condition.lock()
        prepared[chunk.sequence] = chunk
        if chunk.sequence == nextToWrite { condition.broadcast() }
        condition.unlock()
    }

    /// Writer side: the next chunk in input order, waiting for it; nil when every submitted chunk
    /// was taken after `close()`, or when the pipeline stopped.
    func nextPrepared() -> PreparedChunk? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, prepared[nextToWrite] == nil, !(closed && nextToWrite == submitted) {
            condition.wait()
        }
        guard !stopped, let chunk = prepared.removeValue(forKey: nextToWrite) else { return nil }
        nextToWrite += 1
        inFlightRecords -= chunk.records
        inFlightBytes -= chunk.bytes
        condition.broadcast()
        return chunk
    }
}
