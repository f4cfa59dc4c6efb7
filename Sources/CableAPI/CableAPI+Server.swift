import HTTPServer
import HTTPTypes
import Logging

/// Wiring the API into `HTTPServer`: one router entry per `CableAPI.routes` item, request/response
/// conversion, and the server's observer hook feeding Prometheus.
extension CableAPI {
    /// Prepares, off the request path, what the first requests would otherwise wait for (today the
    /// paragraph-to-cable map behind full-text listings). Call once the server is listening.
    public func warmUp() {
        readers.warmUpInBackground(logger: logger)
    }

    /// A router serving every route of the API.
    ///
    /// Reads run on the event loop (they are single primary-key or index lookups); writes and imports
    /// run deferred on a worker thread, since they wait for fsync.
    public func makeRouter() -> Router<Void> {
        var router = Router<Void>()
        for route in Self.routes {
            guard let method = HTTPRequest.Method(route.method) else { continue }
            let options = RouteOptions(maxBodyBytes: route.bodyLimit.map { configuration[keyPath: $0] },
                                       bodyMode: route.streamsBody ? .streaming : .buffered)
            router.on(route.template, methods: [method], options: options) { [self] request, _ in
                let apiRequest = APIRequest(request)
                if route.method == "GET" {
                    return handle(apiRequest, route: route).httpResponse
                }
                return .deferred { [self] in handle(apiRequest, route: route).httpResponse }
            }
        }
        return router
    }

    /// The server configuration matching the service settings.
    public func serverConfiguration(logger: Logger) -> HTTPServerConfiguration {
        var server = HTTPServerConfiguration(host: configuration.host, port: configuration.port)
        if configuration.loops > 0 { server.loopCount = configuration.loops }
        server.workerThreads = configuration.workerThreads
        server.limits.maxRequestLineBytes = configuration.maxRequestLineBytes
        server.limits.maxHeaderBytes = configuration.maxHeaderBytes
        server.limits.maxHeaderCount = configuration.maxHeaderFields
        server.limits.defaultMaxBodyBytes = configuration.maxBodyBytes
        server.limits.maxConnections = configuration.maxConnections
        server.timeouts.headerRead = .seconds(configuration.headTimeoutSeconds)
        server.timeouts.bodyStall = .seconds(configuration.bodyTimeoutSeconds)
        server.timeouts.idle = .seconds(configuration.idleTimeoutSeconds)
        server.timeouts.drain = .seconds(configuration.shutdownGraceSeconds)
        server.gzipMinimumBytes = configuration.gzipMinBytes
        server.logger = logger
        server.observer = MetricsObserver(metrics: metrics)
        return server
    }
}

/// Feeds the server's per-request and per-connection events into the API's metrics.
struct MetricsObserver: HTTPServerObserver {
    let metrics: APIMetrics
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"]

    func requestCompleted(_ record: HTTPRequestRecord) {
        // Unmatched paths share one label so scanners cannot blow up the series count.
        // Methods are client-chosen tokens: only the standard ones become label values.
        let method = Self.knownMethods.contains(record.method) ? record.method : "other"
        metrics.recordRequest(route: record.routeTemplate ?? "unmatched", method: method,
                              status: record.status.code, duration: .nanoseconds(Int64(clamping: record.durationNanoseconds)))
    }

    func connectionOpened() { metrics.connectionOpened() }
    func connectionClosed() { metrics.connectionClosed() }
}

extension APIRequest {
    /// The API's view of a server request.
    init(_ request: Request) {
        let target = request.target
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""
        var parameters: [String: String] = [:]
        for (name, value) in request.parameters.all { parameters[name] = value }
        self.init(method: request.method.rawValue, path: String(request.path), pathParameters: parameters,
                  rawQuery: query, headers: request.headerFields.map { ($0.name.canonicalName, $0.value) },
                  body: request.body, peerIsLoopback: request.peer.isLoopback)
        bodyStream = request.bodyStream.map { ServerStreamedBody(stream: $0) }
    }
}

extension APIResponse {
    /// Reason phrases for the statuses the API answers (HTTPTypes leaves them empty for numeric codes).
    static let reasonPhrases: [Int: String] = [
        200: "OK", 201: "Created", 204: "No Content", 304: "Not Modified", 400: "Bad Request",
        401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content",
        500: "Internal Server Error", 503: "Service Unavailable",
    ]

    /// The server's response for this answer.
    var httpResponse: Response {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let status = HTTPResponse.Status(code: status, reasonPhrase: Self.reasonPhrases[status] ?? "")
        switch body {
        case .bytes(let bytes):
            return Response(status: status, headerFields: fields, body: .bytes(bytes))
        case .stream(let produce):
            return Response(status: status, headerFields: fields, body: .stream { writer in
                try produce { chunk in try writer.write(chunk) }
            })
        }
    }
}
