import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Every setting of an `HTTPServer`, each with the project's pinned default
/// (see the "Pinned details" table of the API contract).
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal (`"127.0.0.1"`, `"::1"`, `"0.0.0.0"`, `"::"`).
    public var host: String = "127.0.0.1"
    /// Port to bind; `0` asks the kernel for a free one, reported by `HTTPServer.port` after `start()`.
    public var port: Int = 8080
    /// `listen(2)` backlog.
    public var backlog: Int32 = 1024
    /// Number of event-loop threads; defaults to the number of online cores.
    public var loopCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    /// Most threads that run offloaded work (`Response.deferred`, streaming producers and body
    /// readers). The pool starts with one and adds a thread whenever a job finds none idle, because a
    /// streamed response holds its thread for as long as its client takes to read.
    public var workerThreads: Int = 64
    /// The limits a client cannot exceed.
    public var limits = HTTPServerLimits()
    /// The timeouts a client cannot outlast.
    public var timeouts = HTTPServerTimeouts()
    /// Smallest response body, in bytes, that is gzip-compressed for clients that accept gzip.
    public var gzipMinimumBytes: Int = 1024
    /// zlib compression level for responses (1 fastest ... 9 smallest).
    public var gzipLevel: Int32 = 6
    /// Logger for the access log and server events.
    public var logger = Logger(label: "cablegate.http")
    /// Level at which each finished request is logged (method, path, status, bytes, microseconds).
    public var accessLogLevel: Logger.Level = .info
    /// Optional hook told about every request and connection, e.g. to feed Prometheus.
    public var observer: (any HTTPServerObserver)? = nil

    /// Creates a configuration with every default.
    public init() {}

    /// Creates a configuration for `host:port`, with every other setting at its default.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// Size and count limits; exceeding one is answered with the status named on each setting.
public struct HTTPServerLimits: Sendable {
    /// Longest request line (method, target, version) → 414 URI Too Long.
    public var maxRequestLineBytes: Int = 8 * 1024
    /// Largest header section (all field lines after the request line) → 431, then close.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Most header fields in one request → 431, then close.
    public var maxHeaderCount: Int = 100
    /// Body limit for routes that set none → 413, decided from Content-Length or while reading.
    public var defaultMaxBodyBytes: Int = 1024 * 1024
    /// Requests one connection may have parsed but not yet answered; beyond it the server stops reading.
    public var maxPipelinedRequests: Int = 16
    /// Open connections across all loops; connections beyond it are closed on accept.
    public var maxConnections: Int = 10_000
    /// Unsent response bytes per connection above which the server stops producing (back-pressure).
    public var writeBufferHighWater: Int = 256 * 1024

    /// Creates the default limits.
    public init() {}
}

/// Timeouts; each is enforced per connection by its event loop.
public struct HTTPServerTimeouts: Sendable {
    /// Time to receive a complete request head, from its first byte (or from accept) → 408, then close.
    public var headerRead: Duration = .seconds(10)
    /// Longest pause while receiving a request body → 408, then close.
    public var bodyStall: Duration = .seconds(30)
    /// Idle keep-alive connection with no request under way → closed silently.
    public var idle: Duration = .seconds(60)
    /// Longest a client may leave response bytes unread (no write progress) → closed.
    public var write: Duration = .seconds(30)
    /// On shutdown, how long requests in flight may still take before their connections are closed.
    public var drain: Duration = .seconds(10)

    /// Creates the default timeouts.
    public init() {}
}

extension Duration {
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        return UInt64(max(0, seconds)) &* 1_000_000_000 &+ UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
