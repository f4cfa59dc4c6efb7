import CableParser
import CableStore
import Foundation
import Logging

/// The v1 REST surface: routes requests to handlers over a `CableStore`, maps every failure to
/// problem+json, and records metrics.
///
/// It knows nothing of sockets: `HTTPServer` calls `handle(_:route:)` through the router built in
/// `CableAPI+Server.swift` (whose observer records request metrics), and tests call it directly.
public final class CableAPI: Sendable {
    /// The settings the API reads (body limits, write token, gzip threshold).
    public let configuration: ServiceConfiguration
    /// Where cables live.
    public let store: CableStore
    let readers: ReaderPool
    /// Prometheus metrics of the service.
    public let metrics: APIMetrics
    let logger: Logger
    let authorization: WriteAuthorization
    let parse: CableParsing
    let enrich: Enrich?

    /// A step run on every cable after parsing and before storing (the entity extractor), given the
    /// raw text when there is one.
    public typealias Enrich = @Sendable (_ cable: inout Cable, _ rawText: String?) -> Void

    /// Creates the API over an open store; `enrich` runs on every cable written or parsed through it.
    public init(
        configuration: ServiceConfiguration, store: CableStore,
        metrics: APIMetrics = APIMetrics(), logger: Logger = Logger(label: "cablegate.api"),
        enrich: Enrich? = nil
    ) {
        self.configuration = configuration
        self.store = store
        self.readers = ReaderPool(store: store)
        self.metrics = metrics
        self.logger = logger
        self.authorization = WriteAuthorization(token: configuration.writeToken)
        self.parse = CableParsing(enrich: enrich)
        self.enrich = enrich
    }

    /// Answers one request whose route the router already matched.
    ///
    /// Never throws: a `Problem` becomes its problem+json answer; any other error is logged and
    /// answered 500 without leaking internals.
    public func handle(_ request: APIRequest, route: Route) -> APIResponse {
        let response: APIResponse
        do {
            if route.writes { try authorization.check(request) }
            response = try route.handler(self, request)
        } catch let problem as Problem {
            response = .problem(problem)
        } catch let error as StoreError {
            response = .problem(Self.problem(for: error, logger: logger))
        } catch {
            logger.error("\(request.method) \(request.path) failed: \(error)")
            response = .problem(.internalError())
        }
        // HEAD keeps a stream body as it is: the HTTP server sends the GET head (chunked, no
        // Content-Length) and never runs the producer. Swapping in an empty body would announce
        // "Content-Length: 0", which is not what GET answers.
        return response
    }

    /// Finds the route for a method and path and answers; 404/405 problems when none fits.
    ///
    /// The HTTP server's router does this in production; this entry point serves tests and keeps the
    /// route table the single source of truth for both.
    public func handle(_ request: APIRequest) -> APIResponse {
        switch Self.match(method: request.method, path: request.path) {
        case .found(let route, let parameters):
            var request = request
            request.pathParameters = parameters
            return handle(request, route: route)
        case .methodNotAllowed(let allowed):
            return .problem(.methodNotAllowed(request.method, allowed: allowed))
        case .notFound:
            return .problem(.notFound("no route for \(request.path); the API lives under /v1 (see /openapi.yaml)"))
        }
    }

    /// The store's refusals are the client's mistakes (bad cursor, query, parameter) or a missing id.
    static func problem(for error: StoreError, logger: Logger) -> Problem {
        switch error {
        case .invalidCursor(let why):
            return .badParameter("cursor", "parameter cursor is not a cursor this list issued (\(why)); start again without it")
        case .invalidQuery(let why):
            return .badParameter("q", "parameter q cannot be searched: \(why)")
        case .invalidParameter(let name, let reason):
            return .badParameter(name, "parameter \(name) \(reason)")
        case .notFound(let id):
            return .notFound("no cable \(id) in the store")
        case .unsupportedSchema, .corrupt:
            logger.error("\(error)")
            return .internalError()
        }
    }

    /// Runs `body` with a read-only store connection.
    func read<T>(_ body: (CableReader) throws -> T) throws -> T {
        try readers.withReader(body)
    }

    /// Encodes a Codable answer with the project's JSON conventions (snake_case, sorted keys).
    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}
