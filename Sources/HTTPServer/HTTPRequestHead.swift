import HTTPTypes

/// The HTTP version of a request; only 1.0 and 1.1 are accepted.
public struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    /// Major version (always 1).
    public var major: Int
    /// Minor version (0 or 1).
    public var minor: Int

    /// HTTP/1.0: close after each response unless keep-alive is asked for.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1: persistent by default.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }
}

/// How the request body is delimited (RFC 9112 §6).
public enum HTTPBodyFraming: Sendable, Equatable {
    /// No body.
    case none
    /// Exactly this many bytes follow the head.
    case length(Int)
    /// `Transfer-Encoding: chunked`, possibly with trailers.
    case chunked
}

/// A validated request head: what the parser hands to the connection once the head is complete.
public struct HTTPRequestHead: Sendable {
    /// The method, as sent (case preserved, so `get` stays `get` and gets a 405).
    public var method: HTTPRequest.Method
    /// The request target as sent, in origin form (absolute form is reduced to its path and query).
    public var target: String
    /// HTTP/1.0 or HTTP/1.1.
    public var version: HTTPVersion
    /// The header fields in order, names case-preserved.
    public var headerFields: HTTPFields
    /// How the body is delimited.
    public var framing: HTTPBodyFraming
    /// Whether the connection stays open after the response (version default and `Connection`).
    public var keepAlive: Bool
    /// Whether the client sent `Expect: 100-continue`.
    public var expectsContinue: Bool
    /// Whether `Accept-Encoding` allows a gzip response (decided while parsing, so the hot path
    /// never looks a field up by name: `HTTPFields` builds an index for that).
    public var acceptsGzip = false

    /// The path part of the target (still percent-encoded).
    public var path: Substring {
        target.firstIndex(of: "?").map { target[..<$0] } ?? target[...]
    }

    /// The query part of the target without the `?`, or nil when there is none.
    public var query: Substring? {
        target.firstIndex(of: "?").map { target[target.index(after: $0)...] }
    }
}

extension HTTPFields {
    /// Whether a field named `name` is present, by a plain scan (no index is built).
    func has(_ name: HTTPField.Name) -> Bool {
        contains { $0.name == name }
    }
}

extension HTTPField.Name {
    /// `Host` (swift-http-types hides its own constant to steer HTTP/2 users to `:authority`).
    static let hostField = HTTPField.Name("Host")!
}
