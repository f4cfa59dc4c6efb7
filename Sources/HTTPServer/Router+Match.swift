import HTTPTypes

/// The outcome of routing one request.
enum RouteMatch {
    case found(Route, PathParameters)
    case methodNotAllowed(allow: [HTTPRequest.Method])
    case notFound
}

/// The segment trie behind `Router`: literal children, at most one `{parameter}` child, and the
/// routes registered at each node by method. Built once at start-up, then only read.
final class RouteTable: @unchecked Sendable {
    final class Node {
        var literals: [String: Node] = [:]
        var parameter: (name: String, node: Node)?
        var routes: [HTTPRequest.Method: Route] = [:]

        func copy() -> Node {
            let node = Node()
            node.literals = literals.mapValues { $0.copy() }
            node.parameter = parameter.map { ($0.name, $0.node.copy()) }
            node.routes = routes
            return node
        }
    }

    private var root = Node()
    private(set) var templates: [String] = []

    func copy() -> RouteTable {
        let table = RouteTable()
        table.root = root.copy()
        table.templates = templates
        return table
    }

    func add(_ template: String, methods: [HTTPRequest.Method], route: Route) {
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
            } else if let child = node.literals[String(segment)] {
                node = child
            } else {
                let child = Node()
                node.literals[String(segment)] = child
                node = child
            }
        }
        for method in methods { node.routes[method] = route }
        templates.append(template)
    }

    /// Finds the route for decoded `segments` and `method`.
    func match(_ method: HTTPRequest.Method, _ segments: [String]) -> RouteMatch {
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
