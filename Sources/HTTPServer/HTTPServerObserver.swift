import HTTPTypes

/// Told about every finished request and every connection, on the loop thread that served it.
/// Implementations must be cheap and thread-safe: they run on the hot path of every loop.
/// The server depends on no metrics library; the API adapts this hook to Prometheus.
public protocol HTTPServerObserver: Sendable {
    /// A response was queued for sending (its head and body are in the connection's output buffer;
    /// for a streamed body, when its last chunk was).
    func requestCompleted(_ record: HTTPRequestRecord)
    /// A connection was accepted.
    func connectionOpened()
    /// A connection was closed, for whatever reason.
    func connectionClosed()
}

extension HTTPServerObserver {
    /// Default: ignore connection events.
    public func connectionOpened() {}
    /// Default: ignore connection events.
    public func connectionClosed() {}
}

/// What the observer and the access log learn about one request.
public struct HTTPRequestRecord: Sendable {
    /// The request method as sent, or `"-"` when the request line could not be parsed.
    public var method: String
    /// The raw path (still percent-encoded), without the query.
    public var path: String
    /// The matched route template such as `/v1/cables/{id}`, or nil for 404/405 and server errors.
    public var routeTemplate: String?
    /// The response status.
    public var status: HTTPResponse.Status
    /// From the first byte of the request head to the response being queued, in nanoseconds.
    public var durationNanoseconds: UInt64
    /// Response bytes produced (head + body as sent on the wire; for streams, bytes so far).
    public var bytesSent: Int
    /// Request body bytes received (decoded, without chunk framing).
    public var bytesReceived: Int
    /// Index of the event loop that served it.
    public var loopIndex: Int
}
