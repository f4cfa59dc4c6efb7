/// What a route handler sees of a request: decoupled from the HTTP server so handlers can be tested
/// without sockets, and so the server stays free of cable knowledge.
public struct APIRequest: Sendable {
    /// Upper-case method (`GET`, `HEAD`, `POST`, `DELETE`).
    public var method: String
    /// The path without the query (`/v1/cables/07ASTANA3153`).
    public var path: String
    /// Values captured by the route template (`{id}` → `07ASTANA3153`), percent-decoded.
    public var pathParameters: [String: String]
    /// The raw query string after `?`, not yet decoded (empty when absent).
    public var rawQuery: String
    /// Header fields in arrival order; names compare case-insensitively through `header(_:)`.
    public var headers: [(name: String, value: String)]
    /// The request body (already de-chunked by the server; still gzip when `Content-Encoding: gzip`).
    public var body: [UInt8]
    /// True when the client connected from 127.0.0.0/8 or ::1.
    public var peerIsLoopback: Bool
    /// On streaming routes (`/v1/imports`), the body as it arrives; `body` is then empty.
    public var bodyStream: (any StreamedBody)?

    public init(
        method: String, path: String, pathParameters: [String: String] = [:], rawQuery: String = "",
        headers: [(name: String, value: String)] = [], body: [UInt8] = [], peerIsLoopback: Bool = true
    ) {
        self.method = method; self.path = path; self.pathParameters = pathParameters
        self.rawQuery = rawQuery; self.headers = headers; self.body = body
        self.peerIsLoopback = peerIsLoopback
    }

    /// The first value of a header field, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// The media type of `Content-Type` without parameters, lower-cased (`text/csv`).
    public var mediaType: String {
        guard let value = header("Content-Type") else { return "" }
        let bare = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        return bare.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The path with the query, as the client sent it (for `Link` headers).
    public var target: String { rawQuery.isEmpty ? path : path + "?" + rawQuery }
}

/// What a route handler answers: status, headers and a body that is either bytes or a stream.
public struct APIResponse: Sendable {
    /// A body: bytes in one piece, or a producer that writes chunks as it goes (constant memory).
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Called once on a worker thread; each `write` call sends one chunk. Throwing ends the stream.
        case stream(@Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void)
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Body = .bytes([])) {
        self.status = status; self.headers = headers; self.body = body
    }

    /// A JSON answer from already-encoded bytes.
    public static func json(_ bytes: [UInt8], status: Int = 200, headers: [(name: String, value: String)] = []) -> APIResponse {
        APIResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: .bytes(bytes))
    }

    /// The problem+json answer for a problem.
    public static func problem(_ problem: Problem) -> APIResponse {
        APIResponse(status: problem.status,
                    headers: [("Content-Type", "application/problem+json")] + problem.headers,
                    body: .bytes(problem.body))
    }

    /// The first value of a header field, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// The body bytes, or the whole stream collected (tests and small answers only).
    public func collectBody() throws -> [UInt8] {
        switch body {
        case .bytes(let bytes): return bytes
        case .stream(let produce):
            var out: [UInt8] = []
            try produce { out += $0 }
            return out
        }
    }
}
