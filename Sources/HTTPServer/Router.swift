import HTTPTypes

/// How a route receives its request body.
public enum RequestBodyMode: Sendable {
    /// The whole body is read (up to the route's limit) before the handler runs: `request.body`.
    case buffered
    /// The handler runs as soon as the head arrives and reads `request.bodyStream` on a worker
    /// thread (it must return `Response.deferred`); the limit is enforced while streaming.
    case streaming
}

/// Per-route settings.
public struct RouteOptions: Sendable {
    /// Largest accepted body in bytes (413 beyond it); nil means the server's default limit.
    public var maxBodyBytes: Int?
    /// Buffered or streaming body handling.
    public var bodyMode: RequestBodyMode

    /// Creates options; the defaults take the server-wide body limit and buffer the body.
    public init(maxBodyBytes: Int? = nil, bodyMode: RequestBodyMode = .buffered) {
        self.maxBodyBytes = maxBodyBytes
        self.bodyMode = bodyMode
    }
}

/// Maps method + path to handlers. Templates are paths whose `{name}` segments bind a decoded
/// value (`/v1/cables/{id}/paragraphs/{n}`); a literal segment wins over a parameter. An unknown
/// path is 404; a known path without the method is 405 with `Allow`; HEAD is served by GET routes.
///
/// `Context` is the per-loop value made by the server's `makeLoopContext` (for example one read-only
/// database connection per loop thread); every handler receives its loop's value.
public struct Router<Context>: Sendable {
    /// A request handler: runs on an event-loop thread, so it must be fast or return `.deferred`.
    public typealias Handler = @Sendable (Request, Context) throws -> Response

    /// Routes with type-erased handlers: the loops and connections stay non-generic, so the hot
    /// path pays no runtime generic-metadata lookups.
    private(set) var table = RouteTable()

    /// Creates an empty router.
    public init() {}

    /// Registers `handler` for `methods` on `template`. Registering the same method and template twice
    /// replaces the first handler.
    public mutating func on(_ template: String, methods: [HTTPRequest.Method], options: RouteOptions = .init(),
                            handler: @escaping Handler) {
        precondition(template.hasPrefix("/"), "route templates start with '/': \(template)")
        if !isKnownUniquelyReferenced(&table) { table = table.copy() }
        let erased: ErasedHandler = { request, box in
            try handler(request, unsafeDowncast(box, to: LoopContextBox<Context>.self).value)
        }
        table.add(template, methods: methods, route: Route(template: template, options: options, handler: erased))
    }

    /// Registers a GET route (which also answers HEAD).
    public mutating func get(_ template: String, options: RouteOptions = .init(), handler: @escaping Handler) {
        on(template, methods: [.get], options: options, handler: handler)
    }

    /// Registers a POST route.
    public mutating func post(_ template: String, options: RouteOptions = .init(), handler: @escaping Handler) {
        on(template, methods: [.post], options: options, handler: handler)
    }

    /// Registers a PUT route.
    public mutating func put(_ template: String, options: RouteOptions = .init(), handler: @escaping Handler) {
        on(template, methods: [.put], options: options, handler: handler)
    }

    /// Registers a DELETE route.
    public mutating func delete(_ template: String, options: RouteOptions = .init(), handler: @escaping Handler) {
        on(template, methods: [.delete], options: options, handler: handler)
    }

    /// Every registered template, in registration order (for checking against an OpenAPI document).
    public var registeredTemplates: [String] { table.templates }
}

/// A handler with its context type erased; the box is the loop's `LoopContextBox<Context>`.
typealias ErasedHandler = @Sendable (Request, AnyObject) throws -> Response

/// Holds one loop's context value; handlers unwrap it with a free `unsafeDowncast`.
final class LoopContextBox<Context>: @unchecked Sendable {
    let value: Context
    init(_ value: Context) { self.value = value }
}

/// One registered route.
struct Route: Sendable {
    var template: String
    var options: RouteOptions
    var handler: ErasedHandler
}
