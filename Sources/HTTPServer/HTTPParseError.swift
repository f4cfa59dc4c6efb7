import HTTPTypes

/// A request the server refuses before any handler sees it. Each carries the status it is answered
/// with and a detail naming what was wrong and where; all of them close the connection except where
/// `closesConnection` says otherwise.
public struct HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The status the server answers with (400, 408, 413, 414 or 431).
    public var status: HTTPResponse.Status
    /// Human-readable explanation, used as the problem's `detail`.
    public var detail: String

    /// Creates an error answered with `status` and explained by `detail`.
    public init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    public var description: String { "\(status.code) \(status.reasonPhrase): \(detail)" }

    static func bad(_ detail: String) -> Self { .init(.badRequest, detail) }
    static func uriTooLong(_ limit: Int) -> Self {
        .init(.uriTooLong, "request line longer than \(limit) bytes")
    }
    static func headersTooLarge(_ detail: String) -> Self {
        .init(.requestHeaderFieldsTooLarge, detail)
    }
    static func bodyTooLarge(_ limit: Int) -> Self {
        .init(.contentTooLarge, "request body larger than the limit of \(limit) bytes for this route")
    }
}
