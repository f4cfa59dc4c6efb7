import Gzip
import Logging

import CHTTPSystem

#if canImport(Glibc)
import Glibc
#endif

/// One event-loop thread: an epoll instance (level-triggered), the connections it accepted, its
/// `Context`, a `Date` cache and a gzip encoder. Everything here is touched only by its own thread,
/// except `execute` and `beginDrain`, which other threads use to post work to it through an eventfd.
final class EventLoop: @unchecked Sendable {
    let index: Int
    // Strong on purpose: a running loop keeps its server alive; `HTTPServer.wait()` breaks the cycle.
    let server: ServerCore
    let configuration: HTTPServerConfiguration
    private let epoll: Int32
    private let wake: Int32
    private let wakeWriter: Int32
    private let listener: Int32
    private var listening = false
    private var acceptPausedUntil: UInt64 = 0
    private var connections: [Connection?] = []
    private(set) var connectionTotal = 0
    // A pthread mutex rather than Synchronization.Mutex: same cost here, and ThreadSanitizer
    // understands it (it cannot see the futex inside Mutex and reports false races).
    private let taskLock = ConditionLock()
    private var tasks: [@Sendable () -> Void] = []
    private var draining = false
    private var drainDeadline: UInt64 = 0
    private var nextSweep: UInt64 = 0
    private let sweepInterval: UInt64

    // Settings read on every request, copied out of the configuration once.
    let headerReadTimeout: UInt64
    let bodyStallTimeout: UInt64
    let idleTimeout: UInt64
    let writeTimeout: UInt64
    let logger: Logger
    let accessLogLevel: Logger.Level
    let observer: (any HTTPServerObserver)?
    let limits: HTTPServerLimits
    let gzipMinimumBytes: Int

    /// Loop time, refreshed after every `epoll_wait` return.
    private(set) var now: UInt64 = 0
    private(set) var dateCache = DateCache()
    private(set) var context: AnyObject!
    private(set) lazy var gzip = GzipDeflater(level: configuration.gzipLevel)

    init(index: Int, server: ServerCore, listener: Int32) throws(SystemError) {
        self.index = index
        self.server = server
        self.configuration = server.configuration
        self.listener = listener
        epoll = try Sys.checked("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        (wake, wakeWriter) = try Sys.wakePipe()
        let timeouts = configuration.timeouts
        headerReadTimeout = timeouts.headerRead.nanoseconds
        bodyStallTimeout = timeouts.bodyStall.nanoseconds
        idleTimeout = timeouts.idle.nanoseconds
        writeTimeout = timeouts.write.nanoseconds
        logger = configuration.logger
        accessLogLevel = configuration.accessLogLevel
        observer = configuration.observer
        limits = configuration.limits
        gzipMinimumBytes = configuration.gzipMinimumBytes
        let shortest = [timeouts.headerRead, timeouts.bodyStall, timeouts.idle, timeouts.write]
            .map(\.nanoseconds).min() ?? 1_000_000_000
        // Deadlines are checked by a sweep; a quarter of the shortest timeout keeps them accurate
        // to 25% while costing nothing measurable (a pass over this loop's connections).
        sweepInterval = min(250_000_000, max(5_000_000, shortest / 4))
        try register(wake, events: EPOLLIN.rawValue)
    }

    deinit {
        close(epoll)
        close(wake)
        close(wakeWriter)
    }

    // MARK: cross-thread entry points

    /// Runs `task` on this loop's thread soon. Only the first task of a batch writes the eventfd.
    func execute(_ task: @escaping @Sendable () -> Void) {
        let first = taskLock.withLock {
            tasks.append(task)
            return tasks.count == 1
        }
        if first {
            var one: UInt8 = 1
            _ = write(wakeWriter, &one, 1)
        }
    }

    func beginDrain() {
        execute { [self] in startDraining() }
    }

    // MARK: the loop

    func run(startup: StartupLatch) {
        do {
            context = try server.makeLoopContext(index)
            try register(listener, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
            listening = true
        } catch {
            startup.done(error)
            return
        }
        startup.done(nil)
        now = Sys.monotonicNanoseconds()
        dateCache.update()
        nextSweep = now + sweepInterval

        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while true {
            let timeout = Int32(clamping: (nextSweep > now ? nextSweep - now : 0) / 1_000_000 + 1)
            let count = epoll_wait(epoll, events, Int32(capacity), timeout)
            now = Sys.monotonicNanoseconds()
            dateCache.update()
            if count < 0 && errno != EINTR {
                configuration.logger.error("epoll_wait failed", metadata: ["errno": "\(errno)", "loop": "\(index)"])
                break
            }
            for position in 0..<Int(max(0, count)) {
                let event = events[position]
                let fd = Int32(truncatingIfNeeded: event.data.u64)
                if fd == listener {
                    acceptBatch()
                } else if fd == wake {
                    runTasks()
                } else if let connection = connection(for: fd) {
                    connection.handle(events: event.events)
                }
            }
            if now >= nextSweep {
                sweep()
                nextSweep = now + sweepInterval
            }
            if draining && (connectionTotal == 0 || now >= drainDeadline) { break }
        }
        for connection in connections { connection?.close() }
        runTasks()
    }

    private func runTasks() {
        var scratch: (UInt64, UInt64) = (0, 0)
        _ = read(wake, &scratch, 16)
        let batch = taskLock.withLock { () -> [@Sendable () -> Void] in
            let batch = tasks
            tasks.removeAll(keepingCapacity: true)
            return batch
        }
        for task in batch { task() }
    }

    private func sweep() {
        if !listening && !draining && acceptPausedUntil != 0 && now >= acceptPausedUntil {
            acceptPausedUntil = 0
            if (try? register(listener, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)) != nil { listening = true }
        }
        for connection in connections { connection?.checkDeadlines(now: now) }
    }

    private func startDraining() {
        guard !draining else { return }
        draining = true
        drainDeadline = now + configuration.timeouts.drain.nanoseconds
        stopListening()
        for connection in connections { connection?.drain() }
    }

    var isDraining: Bool { draining }

    private func stopListening() {
        guard listening else { return }
        listening = false
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, listener, nil)
    }

    // MARK: registration

    func register(_ fd: Int32, events: UInt32) throws(SystemError) {
        var event = epoll_event(events: events, data: epoll_data_t(u64: UInt64(UInt32(bitPattern: fd))))
        _ = try Sys.checked("epoll_ctl(ADD)") { epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) }
    }

    func modify(_ fd: Int32, events: UInt32) {
        var event = epoll_event(events: events, data: epoll_data_t(u64: UInt64(UInt32(bitPattern: fd))))
        _ = epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event)
    }

    private func connection(for fd: Int32) -> Connection? {
        let slot = Int(fd)
        return slot < connections.count ? connections[slot] : nil
    }

    func remove(_ connection: Connection) {
        let slot = Int(connection.fd)
        if slot < connections.count, connections[slot] === connection {
            connections[slot] = nil
            connectionTotal -= 1
        }
    }

    // MARK: accepting

    private func acceptBatch() {
        for _ in 0..<64 {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    chttp_accept_nonblocking(listener, $0, &length)
                }
            }
            if fd < 0 {
                let code = errno
                if code == EAGAIN || code == EWOULDBLOCK || code == EINTR || code == ECONNABORTED { return }
                configuration.logger.warning("accept4 failed; pausing accepts for 100 ms", metadata: ["errno": "\(code)"])
                if code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM {
                    stopListening()
                    acceptPausedUntil = now + 100_000_000
                }
                return
            }
            let open = server.connectionCount.add(1, ordering: .relaxed).newValue
            guard open <= configuration.limits.maxConnections else {
                server.connectionCount.subtract(1, ordering: .relaxed)
                close(fd)
                configuration.logger.debug("connection refused: limit reached", metadata: ["limit": "\(configuration.limits.maxConnections)"])
                continue
            }
            if Int32(storage.ss_family) != AF_UNIX {
                try? Sys.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1, "TCP_NODELAY")
            }
            let peer = Listener.peer(storage)
            // Whichever loop wins the wake-up, connections are dealt round-robin: a burst of
            // connects (wrk opening 64 at once) would otherwise all land on the first loop awake.
            let target = server.nextLoop()
            if target === self {
                adopt(fd, peer: peer)
            } else {
                target.execute { target.adopt(fd, peer: peer) }
            }
        }
    }

    /// Takes ownership of an accepted socket: registers it and starts serving it.
    func adopt(_ fd: Int32, peer: PeerAddress) {
        guard !draining else {
            server.connectionCount.subtract(1, ordering: .relaxed)
            close(fd)
            return
        }
        let connection = Connection(loop: self, fd: fd, peer: peer)
        do {
            try register(fd, events: Connection.readEvents)
        } catch {
            server.connectionCount.subtract(1, ordering: .relaxed)
            close(fd)
            return
        }
        let slot = Int(fd)
        if slot >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: max(slot + 1 - connections.count, connections.count)))
        }
        connections[slot] = connection
        connectionTotal += 1
        configuration.observer?.connectionOpened()
    }
}
