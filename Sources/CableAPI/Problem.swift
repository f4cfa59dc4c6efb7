import Foundation

/// An RFC 9457 problem: every error the API answers is one of these, rendered as `application/problem+json`.
///
/// `detail` is written for the person reading it: it names the parameter, the allowed values, or what is
/// missing from the text, so the client can fix the request without reading the source.
public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP status code.
    public var status: Int
    /// Short slug that becomes the `type` URI (`/problems/bad-parameter`).
    public var slug: String
    /// Short, stable summary of the problem type.
    public var title: String
    /// What went wrong with this request, and how to fix it.
    public var detail: String
    /// The query parameter or setting at fault, when there is one.
    public var parameter: String?
    /// Extra response headers (`Allow`, `WWW-Authenticate`).
    public var headers: [(String, String)] = []

    public init(status: Int, slug: String, title: String, detail: String, parameter: String? = nil) {
        self.status = status; self.slug = slug; self.title = title; self.detail = detail
        self.parameter = parameter
    }

    public var description: String { "\(status) \(title): \(detail)" }

    public static func == (lhs: Problem, rhs: Problem) -> Bool {
        lhs.status == rhs.status && lhs.slug == rhs.slug && lhs.detail == rhs.detail && lhs.parameter == rhs.parameter
    }

    /// The `type` member: a relative URI reference, documented in Docs/api.md.
    public var type: String { "/problems/\(slug)" }

    /// The JSON body.
    public var body: [UInt8] {
        var object: [String: Any] = ["type": type, "title": title, "status": status, "detail": detail]
        if let parameter { object["parameter"] = parameter }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data)
    }
}

extension Problem {
    /// A query parameter is unknown, repeated, badly encoded or out of range.
    public static func badParameter(_ name: String, _ detail: String) -> Problem {
        Problem(status: 400, slug: "bad-parameter", title: "Bad query parameter", detail: detail, parameter: name)
    }

    /// The request body cannot be used (empty batch, malformed JSON, wrong shape).
    public static func badBody(_ detail: String) -> Problem {
        Problem(status: 400, slug: "bad-body", title: "Bad request body", detail: detail)
    }

    /// No such resource.
    public static func notFound(_ detail: String) -> Problem {
        Problem(status: 404, slug: "not-found", title: "Not found", detail: detail)
    }

    /// The text was read but is not a cable; `detail` names what is missing.
    public static func notACable(_ detail: String) -> Problem {
        Problem(status: 422, slug: "not-a-cable", title: "Text is not a cable", detail: detail)
    }

    /// A write without the configured bearer token.
    public static func unauthorized(_ detail: String) -> Problem {
        var problem = Problem(status: 401, slug: "unauthorized", title: "Write token required", detail: detail)
        problem.headers = [("WWW-Authenticate", "Bearer realm=\"cablegate\"")]
        return problem
    }

    /// A write from a non-loopback client while no write token is configured.
    public static func forbidden(_ detail: String) -> Problem {
        Problem(status: 403, slug: "forbidden", title: "Writes not allowed from this client", detail: detail)
    }

    /// The body (after decompression) is over the route's limit.
    public static func tooLarge(limit: Int) -> Problem {
        Problem(status: 413, slug: "body-too-large", title: "Request body too large",
                detail: "the request body is over the limit of \(limit) bytes (gzip bodies count decompressed)")
    }

    /// A media type the route does not read.
    public static func unsupportedMediaType(_ type: String, allowed: [String]) -> Problem {
        Problem(status: 415, slug: "unsupported-media-type", title: "Unsupported media type",
                detail: "Content-Type \(type.isEmpty ? "(none)" : type) is not accepted here; use one of \(allowed.joined(separator: ", "))")
    }

    /// A `Content-Encoding` the API cannot decode.
    public static func unsupportedEncoding(_ encoding: String) -> Problem {
        Problem(status: 415, slug: "unsupported-content-encoding", title: "Unsupported content encoding",
                detail: "Content-Encoding \(encoding) is not accepted; send identity or gzip")
    }

    /// The method is not served by this route.
    public static func methodNotAllowed(_ method: String, allowed: [String]) -> Problem {
        var problem = Problem(status: 405, slug: "method-not-allowed", title: "Method not allowed",
                              detail: "\(method) is not served here; allowed: \(allowed.joined(separator: ", "))")
        problem.headers = [("Allow", allowed.joined(separator: ", "))]
        return problem
    }

    /// The store is not open (readiness).
    public static func unavailable(_ detail: String) -> Problem {
        Problem(status: 503, slug: "unavailable", title: "Service unavailable", detail: detail)
    }

    /// A server fault; the detail is logged, the client sees a generic message.
    public static func internalError() -> Problem {
        Problem(status: 500, slug: "internal", title: "Internal server error",
                detail: "the server failed to answer; the error is in its log")
    }
}
