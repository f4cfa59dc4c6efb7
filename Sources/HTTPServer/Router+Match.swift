import HTTPTypes

/// The outcome of routing one request.
enum RouteMatch<Context> {
    case found(Router<Context>.Route, PathParameters)
    case methodNotAllowed(allow: [HTTPRequest.Method])
    case notFound
}

extension Router {
    /// Finds the route for decoded `segments` and `method`.
    func match(_ method: HTTPRequest.Method, _ segments: [String]) -> RouteMatch<Context> {
        var parameters = PathParameters()
        guard let node = Self.find(root, segments[...], &parameters) else { return .notFound }
        if let route = node.routes[method] ?? (method == .head ? node.routes[.get] : nil) {
            return .found(route, parameters)
        }
        var allow = Array(node.routes.keys)
        if node.routes[.get] != nil && node.routes[.head] == nil { allow.append(.head) }
        allow.sort { $0.rawValue < $1.rawValue }
        return .methodNotAllowed(allow: allow)
    }

    /// Depth-first: a literal child first, then the parameter child, so `/a/new` can coexist with `/a/{id}`.
    private static func find(_ node: Node, _ segments: ArraySlice<String>, _ parameters: inout PathParameters) -> Node? {
        guard let segment = segments.first else { return node.routes.isEmpty ? nil : node }
        let rest = segments.dropFirst()
        if let child = node.literals[segment], let found = find(child, rest, &parameters) {
            return found
        }
        if let (name, child) = node.parameter, !segment.isEmpty {
            let mark = parameters.storage.count
            parameters.storage.append((name, segment))
            if let found = find(child, rest, &parameters) { return found }
            parameters.storage.removeSubrange(mark...)
        }
        return nil
    }
}

extension Router.Node {
    func copy() -> Router.Node {
        let node = Router.Node()
        node.literals = literals.mapValues { $0.copy() }
        node.parameter = parameter.map { ($0.name, $0.node.copy()) }
        node.routes = routes
        return node
    }
}
