/// Why reading a streamed request body failed.
public enum RequestBodyError: Error, Sendable, Equatable {
    /// The body passed the route's limit; the server answers 413 itself.
    case tooLarge(limit: Int)
    /// The body was malformed (bad chunk framing); the server answers 400 itself.
    case malformed(String)
    /// The client went away or stalled past the body timeout.
    case connectionClosed
}

/// The body of a request on a route registered with `.streaming` body handling, read on a worker
/// thread (inside `Response.deferred`) while the event loop is still receiving it.
///
/// The loop pushes decoded bytes in; when more than `highWater` bytes wait unread it stops reading
/// the socket until the consumer catches up, so a 256 MiB upload never sits in memory at once.
public final class RequestBodyStream: @unchecked Sendable {
    private let lock = ConditionLock()
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var buffered = 0
    private var finished = false
    private var failure: RequestBodyError?
    private var paused = false
    private let highWater: Int
    /// Called (from the consumer's thread) when a paused producer may read again.
    private let resume: @Sendable () -> Void

    init(highWater: Int, resume: @escaping @Sendable () -> Void) {
        self.highWater = highWater
        self.resume = resume
    }

    /// Blocks until the next run of body bytes is available.
    /// - Returns: the bytes, or nil at the end of the body.
    /// - Throws: `RequestBodyError` when the body cannot be completed.
    public func read() throws(RequestBodyError) -> [UInt8]? {
        var wake = false
        let result: Result<[UInt8]?, RequestBodyError> = lock.withLock {
            while head == chunks.count && !finished && failure == nil { lock.wait() }
            if let failure { return .failure(failure) }
            guard head < chunks.count else { return .success(nil) }
            let chunk = chunks[head]
            chunks[head] = []
            head += 1
            if head == chunks.count { chunks.removeAll(keepingCapacity: true); head = 0 }
            buffered -= chunk.count
            if paused && buffered <= highWater / 2 {
                paused = false
                wake = true
            }
            return .success(chunk)
        }
        if wake { resume() }
        return try result.get()
    }

    /// Reads the rest of the body into one array (for bodies the caller knows are small).
    public func readAll() throws(RequestBodyError) -> [UInt8] {
        var all: [UInt8] = []
        while let chunk = try read() { all.append(contentsOf: chunk) }
        return all
    }

    // MARK: loop side

    /// Adds bytes; returns false when the loop should stop reading until `resume` is called.
    func push(_ bytes: UnsafeRawBufferPointer) -> Bool {
        lock.withLock {
            chunks.append(Array(bytes))
            buffered += bytes.count
            lock.broadcast()
            if buffered > highWater { paused = true }
            return !paused
        }
    }

    func finish() {
        lock.withLock {
            finished = true
            lock.broadcast()
        }
    }

    func fail(_ error: RequestBodyError) {
        lock.withLock {
            if failure == nil && !finished { failure = error }
            lock.broadcast()
        }
    }

    /// The error the stream ended with, if any (read by the loop when the handler finishes).
    var endError: RequestBodyError? { lock.withLock { failure } }

    /// Whether every byte of the body arrived.
    var isFinished: Bool { lock.withLock { finished } }
}
