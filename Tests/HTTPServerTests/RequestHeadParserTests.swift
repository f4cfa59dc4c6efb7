import HTTPTypes
import Testing
@testable import HTTPServer

/// Feeds `text` to a fresh parser in the pieces given by `splits` (each a prefix length), the way
/// bytes trickle in from a socket, and returns the head once complete.
func parseHead(_ text: String, splits: [Int] = [], limits: HTTPServerLimits = .init()) throws(HTTPParseError) -> (HTTPRequestHead, Int)? {
    let bytes = Array(text.utf8)
    var parser = HTTPRequestHeadParser(limits: limits)
    for cut in splits.sorted() where cut < bytes.count {
        let partial = bytes[0..<cut].withUnsafeBytes { raw in Result { () throws(HTTPParseError) in try parser.parse(raw) } }
        if let done = try partial.get() { return done }
    }
    return try bytes.withUnsafeBytes { raw in Result { () throws(HTTPParseError) in try parser.parse(raw) } }.get()
}

func parseError(_ text: String, limits: HTTPServerLimits = .init()) -> HTTPParseError? {
    do {
        _ = try parseHead(text, limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite struct RequestHeadParserTests {
    let simple = "GET /v1/cables?q=x HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n"

    @Test func parsesASimpleRequestWhole() throws {
        let (head, consumed) = try #require(try parseHead(simple))
        #expect(consumed == simple.utf8.count)
        #expect(head.method == .get)
        #expect(head.target == "/v1/cables?q=x")
        #expect(head.path == "/v1/cables")
        #expect(head.query == "q=x")
        #expect(head.version == .http1_1)
        #expect(head.headerFields[.accept] == "*/*")
        #expect(head.keepAlive)
        #expect(head.framing == .none)
    }

    @Test func byteByByteGivesTheSameHead() throws {
        let count = simple.utf8.count
        let (head, consumed) = try #require(try parseHead(simple, splits: Array(1..<count)))
        #expect(consumed == count)
        #expect(head.target == "/v1/cables?q=x")
        #expect(head.headerFields.count == 2)
    }

    @Test(arguments: 0..<50)
    func randomSplitsGiveTheSameHead(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed))
        let text = "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\nX-Long: \(String(repeating: "v", count: seed * 7))\r\n\r\nhello world!"
        let splits = (0..<5).map { _ in Int.random(in: 1..<text.utf8.count, using: &generator) }
        let (head, consumed) = try #require(try parseHead(text, splits: splits))
        #expect(consumed == text.utf8.count - 12)
        #expect(head.framing == .length(12))
        #expect(head.headerFields[HTTPField.Name("X-Long")!]?.count == seed * 7)
    }

    @Test func incompleteHeadAsksForMore() throws {
        #expect(try parseHead("GET / HTTP/1.1\r\nHost: x\r\n") == nil)
        #expect(try parseHead("GET / HTTP/1.1\r\nHost: x\r\n\r") == nil)
        #expect(try parseHead("GET / HT") == nil)
    }

    @Test func http10DefaultsToClose() throws {
        let (plain, _) = try #require(try parseHead("GET / HTTP/1.0\r\n\r\n"))
        #expect(!plain.keepAlive)
        let (asked, _) = try #require(try parseHead("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))
        #expect(asked.keepAlive)
        let (closing, _) = try #require(try parseHead("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        #expect(!closing.keepAlive)
    }

    @Test func chunkedAndExpectAreRecognised() throws {
        let (head, _) = try #require(try parseHead("PUT /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\nExpect: 100-continue\r\n\r\n"))
        #expect(head.framing == .chunked)
        #expect(head.expectsContinue)
    }

    @Test func absoluteFormIsReducedToOriginForm() throws {
        let (head, _) = try #require(try parseHead("GET http://example.com/a/b?c=1 HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        #expect(head.target == "/a/b?c=1")
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        let (head, consumed) = try #require(try parseHead("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(head.target == "/")
        #expect(consumed == 31)
    }

    @Test func lowercaseMethodIsKeptForThe405() throws {
        let (head, _) = try #require(try parseHead("get / HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(head.method.rawValue == "get")
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "Content-Length and Transfer-Encoding"),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n", "duplicate Content-Length"),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3x\r\n\r\n", "non-numeric Content-Length"),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -3\r\n\r\n", "negative Content-Length"),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\n", "Content-Length list"),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", "huge Content-Length"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n", "obs-fold"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-A : 1\r\n\r\n", "space before colon"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}b\r\n\r\n", "NUL in a value"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n", "bare CR in a value"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\nb: c\r\n\r\n", "bare LF in a value"),
        ("GET / HTTP/1.1\r\n\r\n", "missing Host"),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "two Hosts"),
        ("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", "unknown transfer coding"),
        ("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", "two Transfer-Encodings"),
        ("GET / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", "chunked on HTTP/1.0"),
        ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", "HTTP/2.0 version"),
        ("GET / HTTP/1.1 \r\nHost: x\r\n\r\n", "trailing space in request line"),
        ("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", "double space"),
        ("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", "space in target"),
        ("GET /\u{7F} HTTP/1.1\r\nHost: x\r\n\r\n", "DEL in target"),
        ("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", "separator in method"),
        ("GET / HTTP/1.1\nHost: x\n\n", "bare LF line ends"),
        ("GET / HTTP/1.1\r\nHost: x\r\n: empty\r\n\r\n", "empty field name"),
        ("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", "field without colon"),
        ("GET foo HTTP/1.1\r\nHost: x\r\n\r\n", "relative target"),
        ("\u{16}\u{3}\u{1}\u{0}\u{A5}\u{1}\u{0}", "TLS hello bytes"),
    ])
    func rejectsWith400(text: String, why: String) {
        let error = parseError(text)
        #expect(error?.status == .badRequest, "\(why): \(String(describing: error))")
    }

    @Test func longRequestLineIs414EvenBeforeItEnds() {
        let line = "GET /" + String(repeating: "a", count: 9000)
        #expect(parseError(line)?.status == .uriTooLong)
        #expect(parseError(line + " HTTP/1.1\r\nHost: x\r\n\r\n")?.status == .uriTooLong)
        let fits = "GET /" + String(repeating: "a", count: 8000) + " HTTP/1.1\r\nHost: x\r\n\r\n"
        #expect(parseError(fits) == nil)
    }

    @Test func oversizedHeaderSectionIs431EvenBeforeItEnds() {
        let big = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 20_000)
        #expect(parseError(big)?.status == .requestHeaderFieldsTooLarge)
        #expect(parseError(big + "\r\n\r\n")?.status == .requestHeaderFieldsTooLarge)
        let fits = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 16_000) + "\r\n\r\n"
        #expect(parseError(fits) == nil)
    }

    @Test func tooManyFieldsIs431() {
        let fields = (0..<101).map { "X-\($0): v\r\n" }.joined()
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n")?.status == .requestHeaderFieldsTooLarge)
        let fine = (0..<99).map { "X-\($0): v\r\n" }.joined()
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\n" + fine + "\r\n") == nil)
    }

    @Test func limitsAreSettings() {
        var limits = HTTPServerLimits()
        limits.maxHeaderCount = 2
        limits.maxRequestLineBytes = 20
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits)?.status == .requestHeaderFieldsTooLarge)
        #expect(parseError("GET /0123456789abcdef HTTP/1.1\r\nHost: x\r\n\r\n", limits: limits)?.status == .uriTooLong)
    }

    @Test func valuesAreTrimmedAndNamesCasePreserved() throws {
        let (head, _) = try #require(try parseHead("GET / HTTP/1.1\r\nhOsT: x\r\nX-Thing: \t spaced out \t\r\n\r\n"))
        #expect(head.headerFields[HTTPField.Name("x-thing")!] == "spaced out")
        #expect(head.headerFields.first?.name.rawName == "hOsT")
    }
}

/// A small deterministic generator so random-split tests are repeatable.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
