/// Percent-decoding of RFC 3986 components, done once per request and strictly: a `%` not followed
/// by two hex digits, an encoded NUL, or bytes that are not UTF-8 are refused (400) instead of
/// being passed on half-decoded.
enum PercentDecoding {
    /// Decodes one component. `plusIsSpace` applies the form-encoding rule used in query strings.
    static func decode(_ component: Substring, plusIsSpace: Bool, what: @autoclosure () -> String) throws(HTTPParseError) -> String {
        let utf8 = component.utf8
        guard utf8.contains(UInt8(ascii: "%")) || (plusIsSpace && utf8.contains(UInt8(ascii: "+"))) else {
            return String(component)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let high = utf8.index(after: index)
                guard high != utf8.endIndex, let highValue = ByteClass.hexValue(utf8[high]) else {
                    throw .bad("bad percent-encoding in \(what())")
                }
                let low = utf8.index(after: high)
                guard low != utf8.endIndex, let lowValue = ByteClass.hexValue(utf8[low]) else {
                    throw .bad("bad percent-encoding in \(what())")
                }
                let decoded = highValue << 4 | lowValue
                guard decoded != 0 else { throw .bad("encoded NUL byte in \(what())") }
                bytes.append(decoded)
                index = utf8.index(after: low)
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index = utf8.index(after: index)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw .bad("percent-encoding in \(what()) is not valid UTF-8")
        }
        return string
    }

    /// Splits a path into decoded segments: `/v1/cables/A%2FB` → `["v1", "cables", "A/B"]`.
    /// Decoding after splitting keeps an encoded slash inside its segment.
    static func pathSegments(_ path: Substring) throws(HTTPParseError) -> [String] {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return [String(path)] }
        var segments: [String] = []
        var start = utf8.index(after: utf8.startIndex)
        if start == utf8.endIndex { return [] }
        // Split on the bytes, not on Characters: cheaper, and a path is ASCII by the parser's rules.
        var index = start
        while true {
            if index == utf8.endIndex || utf8[index] == UInt8(ascii: "/") {
                let segment = Substring(utf8[start..<index])
                segments.append(try decode(segment, plusIsSpace: false, what: "the path"))
                if index == utf8.endIndex { return segments }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
    }
}

/// Decoded query items in their original order; repeated keys are all kept.
public struct QueryItems: Sendable, Sequence {
    /// The items as (name, value) pairs; a bare `key` has the value `""`.
    public private(set) var items: [(name: String, value: String)] = []

    /// Creates an empty list.
    public init() {}

    /// Parses a raw query string (`a=1&b=x%20y&a=2`); bad percent-encoding throws a 400 naming the key.
    public init(parsing query: Substring) throws(HTTPParseError) {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: "=")
            let rawName = equals.map { pair[..<$0] } ?? pair
            let rawValue = equals.map { pair[pair.index(after: $0)...] } ?? ""
            let name = try PercentDecoding.decode(rawName, plusIsSpace: true, what: "a query parameter name")
            let value = try PercentDecoding.decode(rawValue, plusIsSpace: true, what: "query parameter '\(name)'")
            items.append((name, value))
        }
    }

    /// The first value for `name`, or nil.
    public subscript(_ name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// Every value for `name`, in order.
    public func values(_ name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    /// Whether there are no items.
    public var isEmpty: Bool { items.isEmpty }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        items.makeIterator()
    }
}
