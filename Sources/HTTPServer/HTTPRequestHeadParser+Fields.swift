import HTTPTypes

private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
private let colon = UInt8(ascii: ":")

extension HTTPRequestHeadParser {
    /// Parses field lines in `bytes[from..<to]` (each ending in CRLF) into `head`, then derives
    /// framing and persistence. Rejects everything RFC 9112 lets a server reject that could be used
    /// to smuggle a second request past a proxy.
    func parseFields(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int, into head: inout HTTPRequestHead) throws(HTTPParseError) {
        var fields = try Self.parseFieldLines(bytes, from: from, to: to, what: "header")
        var contentLength: Int?
        var chunked = false
        var hosts = 0
        var close = false
        var keepAlive = false

        for field in fields {
            switch field.name {
            case .contentLength:
                guard contentLength == nil else { throw .bad("duplicate Content-Length header") }
                contentLength = try Self.parseContentLength(field.value)
            case .transferEncoding:
                guard !chunked else { throw .bad("duplicate Transfer-Encoding header") }
                guard field.value.lowercased() == "chunked" else {
                    throw .bad("unsupported Transfer-Encoding '\(field.value)' (only 'chunked' is accepted)")
                }
                chunked = true
            case .hostField:
                hosts += 1
            case .connection:
                for token in field.value.split(separator: ",") {
                    switch token.trimmingSpaces.lowercased() {
                    case "close": close = true
                    case "keep-alive": keepAlive = true
                    default: break
                    }
                }
            case .acceptEncoding:
                if AcceptEncoding.allowsGzip(field.value) { head.acceptsGzip = true }
            case .expect:
                if field.value.lowercased() == "100-continue" { head.expectsContinue = true }
            default:
                break
            }
        }

        if contentLength != nil, chunked {
            throw .bad("both Content-Length and Transfer-Encoding present (request smuggling guard)")
        }
        if chunked, head.version == .http1_0 { throw .bad("Transfer-Encoding is not allowed in HTTP/1.0") }
        if hosts > 1 { throw .bad("more than one Host header") }
        if hosts == 0, head.version == .http1_1 { throw .bad("missing Host header (required in HTTP/1.1)") }

        if chunked {
            head.framing = .chunked
        } else if let length = contentLength, length > 0 {
            head.framing = .length(length)
        }
        head.keepAlive = !close && (head.version == .http1_1 || keepAlive)
        if head.version == .http1_0 { head.expectsContinue = false }
        swap(&head.headerFields, &fields)
    }

    /// Parses CRLF-terminated field lines (headers or trailers) with no semantic checks.
    static func parseFieldLines(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int, what: String) throws(HTTPParseError) -> HTTPFields {
        var fields = HTTPFields()
        var index = from
        while index < to {
            let first = bytes[index]
            if first == space || first == tab { throw .bad("obsolete line folding in a \(what) field") }
            let nameStart = index
            while index < to, ByteClass.isToken(bytes[index]) { index += 1 }
            guard index < to, index > nameStart else { throw .bad("malformed \(what) field name") }
            if bytes[index] == space || bytes[index] == tab {
                throw .bad("whitespace between a \(what) field name and its colon")
            }
            guard bytes[index] == colon else { throw .bad("malformed \(what) field name") }
            let nameEnd = index
            index += 1
            while index < to, bytes[index] == space || bytes[index] == tab { index += 1 }
            let valueStart = index
            while index < to, ByteClass.isFieldValue(bytes[index]) { index += 1 }
            var valueEnd = index
            guard index < to, bytes[index] == cr else {
                throw .bad(Self.describeBadValue(bytes, at: index, to: to, what: what))
            }
            guard index + 1 < to, bytes[index + 1] == lf else { throw .bad("bare CR in a \(what) field") }
            while valueEnd > valueStart, bytes[valueEnd - 1] == space || bytes[valueEnd - 1] == tab { valueEnd -= 1 }
            index += 2

            let nameString = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self)
            guard let name = HTTPField.Name(nameString) else { throw .bad("malformed \(what) field name") }
            fields.append(HTTPField(name: name, value: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd])))
        }
        return fields
    }

    private static func describeBadValue(_ bytes: UnsafeRawBufferPointer, at index: Int, to: Int, what: String) -> String {
        guard index < to else { return "\(what) section ended inside a field" }
        switch bytes[index] {
        case 0: return "NUL byte in a \(what) field value"
        case lf: return "bare LF in a \(what) field value"
        default: return "control byte 0x\(String(bytes[index], radix: 16)) in a \(what) field value"
        }
    }

    /// `Content-Length = 1*DIGIT`, nothing else: no sign, no list, no spaces inside.
    static func parseContentLength(_ value: String) throws(HTTPParseError) -> Int {
        var result = 0
        guard !value.isEmpty, value.utf8.count <= 19 else { throw .bad("non-numeric or oversized Content-Length '\(value.prefix(32))'") }
        for byte in value.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw .bad("non-numeric Content-Length '\(value.prefix(32))'")
            }
            let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw .bad("Content-Length out of range") }
            result = sum
        }
        return result
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
