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

    /// One registered route.
    struct Route: Sendable {
        var template: String
        var options: RouteOptions
        var handler: Handler
    }

    final class Node: @unchecked Sendable {
        var literals: [String: Node] = [:]
        var parameter: (name: String, node: Node)?
        var routes: [HTTPRequest.Method: Route] = [:]
    }

    var root = Node()
    private var templates: [String] = []

    /// Creates an empty router.
    public init() {}

    /// Registers `handler` for `methods` on `template`. Registering the same method and template twice
    /// replaces the first handler.
    public mutating func on(_ template: String, methods: [HTTPRequest.Method], options: RouteOptions = .init(),
                            handler: @escaping Handler) {
        precondition(template.hasPrefix("/"), "route templates start with '/': \(template)")
        if !isKnownUniquelyReferenced(&root) { root = root.copy() }
        var node = root
        for segment in template.split(separator: "/", omittingEmptySubsequences: false).dropFirst() where template != "/" {
            if segment.hasPrefix("{") && segment.hasSuffix("}") && segment.count > 2 {
                let name = String(segment.dropFirst().dropLast())
                if let existing = node.parameter {
                    precondition(existing.name == name, "conflicting parameter names at \(template)")
                    node = existing.node
                } else {
                    let child = Node()
                    node.parameter = (name, child)
                    node = child
                }
            } else {
                let key = String(segment)
                if let child = node.literals[key] {
                    node = child
                } else {
                    let child = Node()
                    node.literals[key] = child
                    node = child
                }
            }
        }
        for method in methods {
            node.routes[method] = Route(template: template, options: options, handler: handler)
        }
        templates.append(template)
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
    public var registeredTemplates: [String] { templates }
}
