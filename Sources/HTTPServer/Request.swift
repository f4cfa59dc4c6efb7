import HTTPTypes

/// One HTTP request as handlers see it: decoded path and query, header fields, body and peer.
public struct Request: Sendable {
    /// The method as sent.
    public var method: HTTPRequest.Method
    /// The raw target (path and query, still percent-encoded).
    public var target: String
    /// HTTP/1.0 or HTTP/1.1.
    public var version: HTTPVersion
    /// The path as sent (percent-encoded), without the query.
    public var path: Substring { target.firstIndex(of: "?").map { target[..<$0] } ?? target[...] }
    /// The decoded path segments (`/v1/cables/X` → `["v1", "cables", "X"]`).
    public var pathSegments: [String]
    /// Values bound to the route template's `{name}` segments, already percent-decoded.
    public var parameters: PathParameters
    /// Decoded query items, repeated keys kept in order.
    public var query: QueryItems
    /// The header fields, names case-insensitive.
    public var headerFields: HTTPFields
    /// The body of a buffered route; empty for streaming routes (use `bodyStream`).
    public var body: [UInt8]
    /// The body reader of a route registered with `.streaming` body handling; nil otherwise.
    public var bodyStream: RequestBodyStream?
    /// Trailer fields of a chunked body (buffered routes only).
    public var trailerFields: HTTPFields
    /// The client's address.
    public var peer: PeerAddress
    /// Index of the event loop serving the request (0..<loopCount).
    public var loopIndex: Int
    /// The route template that matched, such as `/v1/cables/{id}`.
    public var routeTemplate: String

    /// The `HTTPRequest` vocabulary value of this request's head.
    public var httpRequest: HTTPRequest {
        HTTPRequest(method: method, scheme: nil, authority: headerFields[.hostField], path: target, headerFields: headerFields)
    }
}

/// Values bound to `{name}` segments of a route template.
public struct PathParameters: Sendable {
    var storage: [(name: String, value: String)] = []

    /// Creates an empty set.
    public init() {}

    /// The decoded value for `{name}`, or nil when the template has no such segment.
    public subscript(_ name: String) -> String? {
        storage.first { $0.name == name }?.value
    }

    /// All bound (name, value) pairs in template order.
    public var all: [(name: String, value: String)] { storage }
}

/// The address of a connected client.
public struct PeerAddress: Sendable, Equatable, CustomStringConvertible {
    /// IPv4 address bytes (4) or IPv6 address bytes (16); empty when unknown.
    public var addressBytes: [UInt8]
    /// The client's port.
    public var port: Int

    /// Creates an address from raw bytes and a port.
    public init(addressBytes: [UInt8], port: Int) {
        self.addressBytes = addressBytes
        self.port = port
    }

    /// True for 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.x.x): what "local client"
    /// means for the API's write authorization.
    public var isLoopback: Bool {
        switch addressBytes.count {
        case 4:
            return addressBytes[0] == 127
        case 16:
            if addressBytes[0..<15].allSatisfy({ $0 == 0 }) && addressBytes[15] == 1 { return true }
            let mapped = addressBytes[0..<10].allSatisfy { $0 == 0 } && addressBytes[10] == 0xFF && addressBytes[11] == 0xFF
            return mapped && addressBytes[12] == 127
        default:
            return false
        }
    }

    public var description: String {
        switch addressBytes.count {
        case 4:
            return addressBytes.map(String.init).joined(separator: ".") + ":\(port)"
        case 16:
            var groups: [String] = []
            for index in stride(from: 0, to: 16, by: 2) {
                groups.append(String(UInt16(addressBytes[index]) << 8 | UInt16(addressBytes[index + 1]), radix: 16))
            }
            return "[" + groups.joined(separator: ":") + "]:\(port)"
        default:
            return "unknown"
        }
    }
}
