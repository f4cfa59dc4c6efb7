/// Thrown by `ResponseBodyWriter.write` when the client is gone; the producer should stop.
public struct ResponseBodyWriterClosed: Error, Sendable {}

/// Hands the chunks of a streamed response from a producer on a worker thread to the event loop.
/// `write` blocks while more than the connection's write high-water mark is queued or unsent, so the
/// producer runs exactly as fast as the client reads.
public final class ResponseBodyWriter: @unchecked Sendable {
    private let lock = ConditionLock()
    private var queued = 0
    private var unsent = 0
    private var closed = false
    private let highWater: Int
    private let deliver: @Sendable ([UInt8]) -> Void

    init(highWater: Int, deliver: @escaping @Sendable ([UInt8]) -> Void) {
        self.highWater = highWater
        self.deliver = deliver
    }

    /// Sends `bytes` as the next part of the body (empty arrays are ignored).
    /// - Throws: `ResponseBodyWriterClosed` once the connection has closed.
    public func write(_ bytes: [UInt8]) throws(ResponseBodyWriterClosed) {
        guard !bytes.isEmpty else { return }
        let isClosed = lock.withLock {
            while !closed && queued + unsent >= highWater { lock.wait() }
            if !closed { queued += bytes.count }
            return closed
        }
        if isClosed { throw ResponseBodyWriterClosed() }
        deliver(bytes)
    }

    /// Convenience: writes the UTF-8 bytes of `string`.
    public func write(_ string: String) throws(ResponseBodyWriterClosed) {
        try write(Array(string.utf8))
    }

    // MARK: loop side

    /// The loop took `count` bytes from the queue into its write buffer, which now holds `unsent`.
    func accepted(_ count: Int, unsent: Int) {
        lock.withLock {
            queued -= count
            self.unsent = unsent
            lock.broadcast()
        }
    }

    /// The loop's write buffer now holds `unsent` bytes.
    func drained(unsent: Int) {
        lock.withLock {
            guard self.unsent != unsent else { return }
            self.unsent = unsent
            lock.broadcast()
        }
    }

    /// The connection is gone: wake and fail the producer.
    func close() {
        lock.withLock {
            closed = true
            lock.broadcast()
        }
    }
}
