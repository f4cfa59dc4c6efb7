import HTTPTypes

/// A response produced by a handler: status, header fields and a body.
///
/// `Content-Length`, `Date`, `Connection`, `Transfer-Encoding` and `Content-Encoding` are written
/// by the server; a handler sets the rest (`Content-Type`, `ETag`, `Location`, `Allow` ...).
public struct Response: Sendable {
    /// The status.
    public var status: HTTPResponse.Status
    /// Header fields to send, in order.
    public var headerFields: HTTPFields
    /// The body.
    public var body: ResponseBody
    /// When set, the connection runs this on a worker thread and sends what it returns instead.
    var deferredWork: (@Sendable () throws -> Response)?
    /// Whether the server may gzip this body when the client accepts it (default true).
    public var allowsCompression: Bool = true

    /// Creates a response with a byte body.
    public init(status: HTTPResponse.Status = .ok, headerFields: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headerFields = headerFields
        self.body = .bytes(body)
    }

    /// Creates a response with any body.
    public init(status: HTTPResponse.Status, headerFields: HTTPFields, body: ResponseBody) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }

    /// A response of already-encoded JSON bytes (the API serves stored JSON, never re-encodes).
    public static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headerFields: jsonFields, body: bytes)
    }

    /// A plain-text response.
    public static func text(_ string: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headerFields: [.contentType: "text/plain; charset=utf-8"], body: Array(string.utf8))
    }

    /// An RFC 9457 `application/problem+json` response: `{type, title, status, detail}`.
    /// `title` defaults to the status's reason phrase and `type` to `about:blank`.
    public static func problem(_ status: HTTPResponse.Status, detail: String, title: String? = nil,
                               type: String = "about:blank") -> Response {
        var json = JSONBytes()
        json.object { object in
            object.field("type", type)
            object.field("title", title ?? status.reasonPhrase)
            object.field("status", status.code)
            object.field("detail", detail)
        }
        return Response(status: status, headerFields: problemFields, body: json.bytes)
    }

    /// A response computed later on a worker thread, for work too slow for an event loop (an import).
    /// The connection sends nothing else meanwhile and resumes when `work` returns; a thrown
    /// `HTTPResponseError` becomes its response, any other error a 500 problem.
    public static func deferred(_ work: @escaping @Sendable () throws -> Response) -> Response {
        var response = Response(status: .ok)
        response.deferredWork = work
        return response
    }

    static let jsonFields: HTTPFields = [.contentType: "application/json"]
    static let problemFields: HTTPFields = [.contentType: "application/problem+json"]
}

/// The body of a `Response`.
public enum ResponseBody: Sendable {
    /// All bytes at once, sent with `Content-Length`.
    case bytes([UInt8])
    /// Produced incrementally on a worker thread and sent chunked. The producer writes through the
    /// writer, which blocks while the client lags (back-pressure) and throws once it is gone, so a
    /// whole-store export runs in constant memory.
    case stream(@Sendable (ResponseBodyWriter) throws -> Void)
}

/// An error that renders itself as a response; handlers throw these for client errors.
public protocol HTTPResponseError: Error {
    /// The response sent for this error.
    var response: Response { get }
}

extension HTTPParseError: HTTPResponseError {
    /// The problem+json response the server sends for this refusal.
    public var response: Response { .problem(status, detail: detail) }
}
