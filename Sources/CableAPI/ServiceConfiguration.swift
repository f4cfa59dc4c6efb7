/// Every setting of `cablegate serve`, with the defaults documented in `Config/cablegate.json`.
///
/// Values come from three layers, later ones winning: the JSON file, `CABLEGATE_*` environment variables,
/// and command-line flags (see `ServiceConfiguration.load`). Keys are dotted paths into the JSON file
/// (`http.max_body_bytes`); the environment variable is the key upper-cased with `_` for `.` and a
/// `CABLEGATE_` prefix (`CABLEGATE_HTTP_MAX_BODY_BYTES`).
public struct ServiceConfiguration: Sendable, Equatable {
    /// Address to listen on. `127.0.0.1` keeps the service private to this machine; containers use `0.0.0.0`.
    public var host: String = "127.0.0.1"
    /// TCP port; `0` asks the kernel for a free one (the startup log says which).
    public var port: Int = 8080
    /// Event-loop threads; `0` means one per CPU core.
    public var loops: Int = 0
    /// SQLite database file, created and migrated when missing.
    public var databasePath: String = "./data/cablegate.sqlite"
    /// Load the bundled sample corpus when the database holds no cable.
    public var loadSample: Bool = true
    /// Longest accepted request line (longer → 414).
    public var maxRequestLineBytes: Int = 8 * 1024
    /// Largest header section (larger → 431).
    public var maxHeaderBytes: Int = 16 * 1024
    /// Most header fields in one request (more → 431).
    public var maxHeaderFields: Int = 100
    /// Body limit for `/v1/parse` and `/v1/cables` (larger → 413).
    public var maxBodyBytes: Int = 1024 * 1024
    /// Body limit for `/v1/imports`, counted after gzip decompression (larger → 413).
    public var maxImportBodyBytes: Int = 256 * 1024 * 1024
    /// Seconds a client may take to send its request head (then 408 and close).
    public var headTimeoutSeconds: Int = 10
    /// Seconds a request body may stall (then 408 and close).
    public var bodyTimeoutSeconds: Int = 30
    /// Seconds an idle keep-alive connection is kept (then closed silently).
    public var idleTimeoutSeconds: Int = 60
    /// Seconds SIGTERM waits for in-flight requests before exiting.
    public var shutdownGraceSeconds: Int = 10
    /// Most open client connections; further ones wait in the listen backlog.
    public var maxConnections: Int = 1024
    /// Most threads for work off the event loops (imports, streamed exports); started as needed.
    public var workerThreads: Int = 64
    /// Smallest response body that is gzip-compressed when the client accepts it.
    public var gzipMinBytes: Int = 1024
    /// Bearer token for writes; empty means writes are accepted from loopback clients only.
    public var writeToken: String = ""
    /// Log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel: String = "info"
    /// Log format: `text` (human lines) or `json` (one JSON object per line, for containers).
    public var logFormat: String = "text"

    /// The defaults, as listed in `Config/cablegate.json`.
    public init() {}
}

extension ServiceConfiguration {
    /// One setting: its key, how to read it into the struct, and what values it allows.
    struct Setting: Sendable {
        enum Kind: Sendable { case string, int, bool }
        let key: String
        let kind: Kind
        /// What the setting accepts, for error messages (`an integer in 0...65535`).
        let expected: String
        /// Checks the value and stores it; false when the value is refused (nothing is stored then).
        let apply: @Sendable (inout ServiceConfiguration, SettingValue) -> Bool
        /// The default, rendered as JSON, for the documentation test.
        let defaultValue: @Sendable (ServiceConfiguration) -> SettingValue
    }

    /// A typed value read from one of the layers.
    enum SettingValue: Sendable, Equatable, CustomStringConvertible {
        case string(String), int(Int), bool(Bool)
        var description: String {
            switch self {
            case .string(let s): return s
            case .int(let i): return String(i)
            case .bool(let b): return String(b)
            }
        }
    }

    private static func int(
        _ key: String, _ path: WritableKeyPath<ServiceConfiguration, Int> & Sendable, _ range: ClosedRange<Int>
    ) -> Setting {
        Setting(key: key, kind: .int, expected: "an integer in \(range.lowerBound)...\(range.upperBound)", apply: { config, value in
            guard case .int(let v) = value, range.contains(v) else { return false }
            config[keyPath: path] = v
            return true
        }, defaultValue: { .int($0[keyPath: path]) })
    }

    private static func string(
        _ key: String, _ path: WritableKeyPath<ServiceConfiguration, String> & Sendable,
        allowed: [String]? = nil, nonEmpty: Bool = false
    ) -> Setting {
        let expected = allowed.map { "one of \($0.joined(separator: ", "))" } ?? (nonEmpty ? "a non-empty string" : "a string")
        return Setting(key: key, kind: .string, expected: expected, apply: { config, value in
            guard case .string(let v) = value else { return false }
            if let allowed, !allowed.contains(v) { return false }
            if nonEmpty && v.isEmpty { return false }
            config[keyPath: path] = v
            return true
        }, defaultValue: { .string($0[keyPath: path]) })
    }

    private static func bool(_ key: String, _ path: WritableKeyPath<ServiceConfiguration, Bool> & Sendable) -> Setting {
        Setting(key: key, kind: .bool, expected: "true or false", apply: { config, value in
            guard case .bool(let v) = value else { return false }
            config[keyPath: path] = v
            return true
        }, defaultValue: { .bool($0[keyPath: path]) })
    }

    /// Every setting, in the order of `Config/cablegate.json`.
    static let settings: [Setting] = [
        string("server.host", \.host, nonEmpty: true),
        int("server.port", \.port, 0...65535),
        int("server.loops", \.loops, 0...256),
        int("server.max_connections", \.maxConnections, 1...1_000_000),
        int("server.worker_threads", \.workerThreads, 1...4096),
        int("server.shutdown_grace_seconds", \.shutdownGraceSeconds, 0...3600),
        string("database.path", \.databasePath, nonEmpty: true),
        bool("database.load_sample", \.loadSample),
        int("http.max_request_line_bytes", \.maxRequestLineBytes, 256...1_048_576),
        int("http.max_header_bytes", \.maxHeaderBytes, 1024...1_048_576),
        int("http.max_header_fields", \.maxHeaderFields, 8...10_000),
        int("http.max_body_bytes", \.maxBodyBytes, 1024...1_073_741_824),
        int("http.max_import_body_bytes", \.maxImportBodyBytes, 1024...17_179_869_184),
        int("http.head_timeout_seconds", \.headTimeoutSeconds, 1...3600),
        int("http.body_timeout_seconds", \.bodyTimeoutSeconds, 1...3600),
        int("http.idle_timeout_seconds", \.idleTimeoutSeconds, 1...86_400),
        int("http.gzip_min_bytes", \.gzipMinBytes, 0...1_073_741_824),
        string("auth.write_token", \.writeToken),
        string("log.level", \.logLevel,
               allowed: ["trace", "debug", "info", "notice", "warning", "error", "critical"]),
        string("log.format", \.logFormat, allowed: ["text", "json"]),
    ]
}
