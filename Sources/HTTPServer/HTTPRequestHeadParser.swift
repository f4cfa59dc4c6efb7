import HTTPTypes

private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
private let colon = UInt8(ascii: ":")

/// Incremental parser for a request head (request line + header section) over bytes the caller owns.
///
/// Call `parse` with everything received so far for this request; it returns nil until the head is
/// complete, remembering how far it has already looked so repeated calls stay linear. Limits are
/// checked against what has arrived, so an oversized head is refused before it is buffered in full.
/// Every malformed byte is a thrown `HTTPParseError`, never a trap.
public struct HTTPRequestHeadParser: Sendable {
    /// The limits enforced (request line, header bytes, header count).
    public var limits: HTTPServerLimits
    /// Bytes known to hold no end of head yet (a resume point).
    private var scanned = 0
    /// Line feeds counted in the header section so far, for the field-count limit.
    private var linesCounted = 0

    /// Creates a parser enforcing `limits`.
    public init(limits: HTTPServerLimits = .init()) {
        self.limits = limits
    }

    /// Forgets progress; call after each complete head.
    public mutating func reset() {
        scanned = 0
        linesCounted = 0
    }

    /// Parses a head from the start of `bytes`.
    /// - Returns: the head and how many bytes it took, or nil when more bytes are needed.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> (HTTPRequestHead, Int)? {
        // RFC 9112 §2.2: ignore empty lines before the request line (clients add CRLF after bodies).
        var start = 0
        while start + 1 < bytes.count, bytes[start] == cr, bytes[start + 1] == lf, start < 64 { start += 2 }
        if start + 1 == bytes.count, bytes[start] == cr { return nil }

        guard let lineEnd = try findRequestLineEnd(bytes, from: start) else { return nil }
        let headerStart = lineEnd + 2
        guard let headEnd = try findHeadEnd(bytes, headerStart: headerStart) else { return nil }

        var head = try parseRequestLine(bytes, start: start, end: lineEnd)
        try parseFields(bytes, from: headerStart, to: headEnd, into: &head)
        reset()
        return (head, headEnd + 2)
    }

    private func findRequestLineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(HTTPParseError) -> Int? {
        let limit = limits.maxRequestLineBytes
        let stop = min(bytes.count, start + limit + 2)
        var index = start
        while index < stop {
            let byte = bytes[index]
            if byte == lf { throw .bad("bare LF in the request line (lines must end in CRLF)") }
            if byte != cr && (byte < 0x20 || byte >= 0x7F) {
                // Refuse binary at once (a TLS hello, a stray protocol) instead of waiting for a line end.
                throw .bad("invalid byte 0x\(String(byte, radix: 16)) in the request line")
            }
            if byte == cr {
                guard index + 1 < bytes.count else { return nil }
                guard bytes[index + 1] == lf else { throw .bad("bare CR in the request line") }
                if index - start > limit { throw .uriTooLong(limit) }
                return index
            }
            index += 1
        }
        if bytes.count - start > limit { throw .uriTooLong(limit) }
        return nil
    }

    /// Finds the CRLF that ends the header section (the index of the final CR of CRLFCRLF, or the
    /// index of the lone CRLF when there are no fields), counting lines for the field-count limit.
    private mutating func findHeadEnd(_ bytes: UnsafeRawBufferPointer, headerStart: Int) throws(HTTPParseError) -> Int? {
        if bytes.count >= headerStart + 2, bytes[headerStart] == cr, bytes[headerStart + 1] == lf {
            return headerStart
        }
        var index = max(headerStart, scanned)
        let sectionLimit = headerStart + limits.maxHeaderBytes
        while index < bytes.count {
            if bytes[index] == lf {
                linesCounted += 1
                if linesCounted > limits.maxHeaderCount {
                    throw .headersTooLarge("more than \(limits.maxHeaderCount) header fields")
                }
                if index + 2 < bytes.count, bytes[index + 1] == cr, bytes[index + 2] == lf {
                    if index + 1 - headerStart > limits.maxHeaderBytes {
                        throw .headersTooLarge("header section larger than \(limits.maxHeaderBytes) bytes")
                    }
                    return index + 1
                }
                if index + 2 >= bytes.count {
                    // Not enough bytes to tell whether the head ends here: look again next time.
                    linesCounted -= 1
                    break
                }
            }
            index += 1
        }
        scanned = index
        if bytes.count > sectionLimit + 2 {
            throw .headersTooLarge("header section larger than \(limits.maxHeaderBytes) bytes")
        }
        return nil
    }

    private func parseRequestLine(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int) throws(HTTPParseError) -> HTTPRequestHead {
        var index = start
        while index < end, ByteClass.isToken(bytes[index]) { index += 1 }
        guard index > start, index < end, bytes[index] == space else {
            throw .bad("malformed method in the request line")
        }
        let methodEnd = index
        index += 1
        let targetStart = index
        while index < end, ByteClass.isTarget(bytes[index]) { index += 1 }
        guard index > targetStart, index < end, bytes[index] == space else {
            throw .bad("malformed request target (spaces, controls or non-ASCII bytes)")
        }
        let targetEnd = index
        index += 1
        let version = try parseVersion(bytes, from: index, to: end)

        let methodString = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<methodEnd]), as: UTF8.self)
        guard let method = HTTPRequest.Method(methodString) else { throw .bad("malformed method") }
        var target = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[targetStart..<targetEnd]), as: UTF8.self)
        target = try Self.originForm(target)
        return HTTPRequestHead(method: method, target: target, version: version, headerFields: HTTPFields(),
                               framing: .none, keepAlive: version == .http1_1, expectsContinue: false)
    }

    private func parseVersion(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) throws(HTTPParseError) -> HTTPVersion {
        guard end - start == 8,
              bytes[start] == UInt8(ascii: "H"), bytes[start + 1] == UInt8(ascii: "T"),
              bytes[start + 2] == UInt8(ascii: "T"), bytes[start + 3] == UInt8(ascii: "P"),
              bytes[start + 4] == UInt8(ascii: "/"), bytes[start + 6] == UInt8(ascii: ".") else {
            throw .bad("malformed HTTP version in the request line")
        }
        switch (bytes[start + 5], bytes[start + 7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return .http1_1
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .http1_0
        default: throw .bad("unsupported HTTP version (only HTTP/1.0 and HTTP/1.1 are served)")
        }
    }

    /// Reduces an absolute-form target (`http://host/p?q`) to origin form; `*` and authority form
    /// are kept as they are and will find no route.
    static func originForm(_ target: String) throws(HTTPParseError) -> String {
        if target.utf8.first == UInt8(ascii: "/") || target == "*" { return target }
        let lower = target.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let tail = String(rest[slash...])
            return tail.hasPrefix("?") ? "/" + tail : tail
        }
        throw .bad("request target must be a path starting with '/'")
    }
}
