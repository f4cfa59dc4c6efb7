import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A generic HTTP/1.1 server on POSIX sockets and epoll: `loopCount` event-loop threads share one
/// listening socket; each owns its connections, a per-loop `Context` and never blocks. Slow work is
/// handed to a worker pool (`Response.deferred`, streamed bodies). See Docs/architecture.md.
///
/// ```swift
/// var router = Router<Void>()
/// router.get("/healthz") { _, _ in .json(Array(#"{"status":"ok"}"#.utf8)) }
/// let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), router: router)
/// try server.start()            // bound; server.port is the real port
/// HTTPServer<Void>.shutdownOnSignals { server.shutdown() }
/// server.wait()                 // returns after a graceful shutdown
/// ```
public final class HTTPServer<Context>: @unchecked Sendable {
    /// The configuration the server was created with.
    public var configuration: HTTPServerConfiguration { core.configuration }
    let core: ServerCore

    /// Creates a server; nothing is bound until `start()`.
    /// - Parameter makeLoopContext: called once on each loop thread with its index, before the loop
    ///   serves anything; the value is handed to every handler running on that loop.
    public init(configuration: HTTPServerConfiguration, router: Router<Context>,
                makeLoopContext: @escaping @Sendable (Int) throws -> Context) {
        core = ServerCore(configuration: configuration, routes: router.table) { index in
            LoopContextBox(try makeLoopContext(index))
        }
    }

    /// The bound port (the kernel's choice when the configuration asked for port 0); 0 before `start()`.
    public var port: Int { core.boundPort }

    /// Number of open connections across all loops.
    public var openConnections: Int { core.connectionCount.load(ordering: .relaxed) }

    /// Binds, listens and starts the loop and worker threads; returns once every loop has made its
    /// context and is serving. Throws `SystemError` (bind failed ...) or the context factory's error.
    public func start() throws { try core.start() }

    /// Blocks until every loop has stopped (after `shutdown()`), then releases the workers and socket.
    public func wait() { core.wait() }

    /// `start()` then `wait()`: serves until shut down.
    public func run() throws {
        try start()
        wait()
    }

    /// Starts a graceful shutdown and returns at once: stop accepting, close idle connections,
    /// let requests in flight finish for up to `timeouts.drain`, then close the rest. `wait()` returns
    /// when it is done. Safe to call from any thread, any number of times.
    public func shutdown() { core.shutdown() }
}

/// The non-generic server state the loops share (the public `HTTPServer<Context>` is a facade):
/// keeping loops and connections free of generics spares the hot path runtime metadata lookups.
final class ServerCore: @unchecked Sendable {
    let configuration: HTTPServerConfiguration
    let routes: RouteTable
    let makeLoopContext: @Sendable (Int) throws -> AnyObject
    let connectionCount = Atomic<Int>(0)
    private let acceptCounter = Atomic<Int>(0)
    private let stateLock = ConditionLock()
    private var state = LifecycleState.idle
    private var loops: [EventLoop] = []
    private var threads: [pthread_t] = []
    private(set) var workers: WorkerPool?
    private var listener: Int32 = -1
    private(set) var boundPort = 0

    private enum LifecycleState { case idle, running, draining, stopped }

    init(configuration: HTTPServerConfiguration, routes: RouteTable, makeLoopContext: @escaping @Sendable (Int) throws -> AnyObject) {
        self.configuration = configuration
        self.routes = routes
        self.makeLoopContext = makeLoopContext
    }

    /// The loop that gets the next accepted connection (round-robin).
    func nextLoop() -> EventLoop {
        loops[acceptCounter.add(1, ordering: .relaxed).oldValue % loops.count]
    }

    func start() throws {
        try stateLock.withLock {
            guard case .idle = state else { throw SystemError(function: "HTTPServer.start (already started)", errno: EINVAL) }
            state = .running
        }
        signal(SIGPIPE, SIG_IGN)
        Sys.raiseFileLimit()
        let (fd, port) = try Listener.bind(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        listener = fd
        boundPort = port
        workers = try WorkerPool(maximumThreads: configuration.workerThreads)

        let startup = StartupLatch(count: max(1, configuration.loopCount))
        // Every loop exists before any runs: a loop deals accepted connections to all of them.
        for index in 0..<max(1, configuration.loopCount) {
            loops.append(try EventLoop(index: index, server: self, listener: fd))
        }
        for loop in loops {
            threads.append(try Threads.spawn(name: "http-loop-\(loop.index)") { loop.run(startup: startup) })
        }
        if let error = startup.wait() {
            shutdown()
            wait()
            throw error
        }
        configuration.logger.info("HTTP server listening", metadata: [
            "host": "\(configuration.host)", "port": "\(port)", "loops": "\(loops.count)",
        ])
    }

    func wait() {
        for thread in threads { Threads.join(thread) }
        threads = []
        loops = []
        workers?.shutdown()
        workers = nil
        stateLock.withLock {
            if listener >= 0 { close(listener); listener = -1 }
            state = .stopped
        }
    }

    func shutdown() {
        let begin = stateLock.withLock { () -> Bool in
            guard case .running = state else { return false }
            state = .draining
            return true
        }
        guard begin else { return }
        configuration.logger.info("HTTP server draining", metadata: ["open_connections": "\(connectionCount.load(ordering: .relaxed))"])
        for loop in loops { loop.beginDrain() }
    }
}

extension HTTPServer where Context == Void {
    /// Creates a server whose handlers need no per-loop context.
    public convenience init(configuration: HTTPServerConfiguration, router: Router<Void>) {
        self.init(configuration: configuration, router: router, makeLoopContext: { _ in () })
    }
}

/// Lets `start()` wait until every loop has built its context, and learn the first failure.
final class StartupLatch: @unchecked Sendable {
    private let lock = ConditionLock()
    private var remaining: Int
    private var failure: (any Error)?

    init(count: Int) { remaining = count }

    func done(_ error: (any Error)?) {
        lock.withLock {
            remaining -= 1
            if failure == nil { failure = error }
            lock.broadcast()
        }
    }

    func wait() -> (any Error)? {
        lock.withLock {
            while remaining > 0 { lock.wait() }
            return failure
        }
    }
}
