import CZlib
import Testing
@testable import HTTPServer

#if canImport(Glibc)
import Glibc
#endif

/// A real server on port 0 driven by a raw-socket client: protocol behaviour end to end.
@Suite struct LiveServerTests {
    @Test func keepAliveReusesOneConnection() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            for index in 0..<5 {
                try client.send("GET /items/\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try #require(try client.readResponse())
                #expect(response.status == 200)
                #expect(response.text == "item \(index)")
                #expect(response.header("Connection") == nil)
                #expect(response.header("Date")?.hasSuffix("GMT") == true)
            }
            #expect(server.openConnections == 1)
        }
    }

    @Test func pipelinedResponsesComeBackInOrder() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            let requests = (0..<40).map { "GET /items/\($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined()
            try client.send(requests + "GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /items/last HTTP/1.1\r\nHost: t\r\n\r\n")
            for index in 0..<40 {
                let response = try #require(try client.readResponse())
                #expect(response.text == "item \(index)")
            }
            #expect(try client.readResponse()?.text == "slow done")
            #expect(try client.readResponse()?.text == "item last")
        }
    }

    @Test func expect100ContinueThenBody() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try #require(try client.readResponse())
            #expect(interim.status == 100)
            try client.send("12345")
            let response = try #require(try client.readResponse())
            #expect(response.status == 200)
            #expect(response.text == "12345")
        }
    }

    @Test func expect100OverTheLimitGets413WithoutContinue() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
            let response = try #require(try client.readResponse())
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(client.waitsForClose())
        }
    }

    @Test func chunkedUploadWithTrailers() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
            try client.send("4\r\nWiki\r\n5\r\npedia\r\n")
            sleepMilliseconds(20)
            try client.send("0\r\nX-Sum: 9\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse()?.text == "Wikipedia")
            #expect(try client.readResponse()?.text == "hello")
        }
    }

    @Test func headSendsHeadersOnlyWithTheGetLength() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            try client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try #require(try client.readResponse(toHead: true))
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "5")
            // If HEAD had leaked a body, this response would be misread.
            try client.send("GET /items/9 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse()?.text == "item 9")
        }
    }

    @Test func http10ClosesUnlessKeepAliveAsked() throws {
        try withLiveServer { server in
            let plain = try RawClient(port: server.port)
            try plain.send("GET /hello HTTP/1.0\r\n\r\n")
            let response = try #require(try plain.readResponse())
            #expect(response.text == "hello")
            #expect(response.header("Connection") == "close")
            #expect(plain.waitsForClose())

            let kept = try RawClient(port: server.port)
            try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse()?.header("Connection") == "keep-alive")
            try kept.send("GET /items/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse()?.text == "item 2")
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse()?.header("Connection") == "close")
            #expect(client.waitsForClose())
        }
    }

    @Test func unknownPathWrongAndLowercaseMethodAreProblems() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n")
            let missing = try #require(try client.readResponse())
            #expect(missing.status == 404)
            #expect(missing.text.contains("\"status\":404"))
            #expect(missing.text.contains("\"type\":\"about:blank\""))
            try client.send("get /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let lowercase = try #require(try client.readResponse())
            #expect(lowercase.status == 405)
            #expect(lowercase.header("Allow") == "GET, HEAD")
            try client.send("BREW /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse()?.status == 405)
            try client.send("GET /fail HTTP/1.1\r\nHost: t\r\n\r\n")
            let custom = try #require(try client.readResponse())
            #expect(custom.status == 409)
            #expect(custom.text.contains("custom problem"))
        }
    }

    @Test(arguments: [
        "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "GET /hello HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
        "GET /hello HTTP/1.1\r\n\r\n",
        "GET /items/%zz HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /hello?q=%e HTTP/1.1\r\nHost: t\r\n\r\n",
        "\u{16}\u{3}\u{1}\u{2}\u{0}\u{1}\u{0}\u{1}\u{fc}\u{3}\u{3}",
    ])
    func malformedRequestsGet400AndClose(text: String) throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            try client.send(text)
            let response = try #require(try client.readResponse())
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.header("Connection") == "close")
            #expect(client.waitsForClose())
        }
    }

    @Test func gzipWhenAcceptedAndLargeEnough() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /big HTTP/1.1\r\nHost: t\r\nAccept-Encoding: br, gzip\r\n\r\n")
            let compressed = try #require(try client.readResponse())
            #expect(compressed.header("Content-Encoding") == "gzip")
            #expect(compressed.header("Vary") == "Accept-Encoding")
            #expect(compressed.body.count < 2000)
            #expect(gunzip(compressed.body) == Array(repeating: UInt8(ascii: "a"), count: 100_000))

            try client.send("GET /big HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip;q=0\r\n\r\n")
            let plain = try #require(try client.readResponse())
            #expect(plain.header("Content-Encoding") == nil)
            #expect(plain.body.count == 100_000)

            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
            #expect(try client.readResponse()?.header("Content-Encoding") == nil)
        }
    }

    @Test func streamedResponseIsChunkedAndComplete() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /stream?n=5000 HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try #require(try client.readResponse())
            #expect(response.header("Transfer-Encoding") == "chunked")
            let lines = response.text.split(separator: "\n")
            #expect(lines.count == 5000)
            #expect(lines.last == "{\"n\":4999}")

            try client.send("GET /stream?n=3000 HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
            let gzipped = try #require(try client.readResponse())
            #expect(gzipped.header("Content-Encoding") == "gzip")
            let text = String(decoding: gunzip(gzipped.body) ?? [], as: UTF8.self)
            #expect(text.split(separator: "\n").count == 3000)

            try client.send("HEAD /stream HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try #require(try client.readResponse(toHead: true))
            #expect(head.status == 200)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse()?.text == "hello")
        }
    }

    @Test func streamingUploadIsCountedWithoutBuffering() throws {
        try withLiveServer { server in
            let client = try RawClient(port: server.port, timeoutSeconds: 20)
            let size = 5 << 20
            var body = [UInt8](repeating: 0, count: size)
            for index in 0..<size { body[index] = UInt8(truncatingIfNeeded: index &* 7) }
            let expected = body.reduce(0) { ($0 &+ Int($1)) & 0xFFFF_FFFF }
            try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: \(size)\r\n\r\n")
            try client.send(body)
            let response = try #require(try client.readResponse())
            #expect(response.text == "\(size) \(expected)")

            try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
            for _ in 0..<10 { try client.send("1000\r\n" + String(repeating: "x", count: 4096) + "\r\n") }
            try client.send("0\r\n\r\n")
            #expect(try client.readResponse()?.text == "40960 \(40960 * 120 & 0xFFFF_FFFF)")
        }
    }

    @Test func clientDisconnectingMidResponseLeavesTheServerServing() throws {
        try withLiveServer { server in
            for _ in 0..<5 {
                let quitter = try RawClient(port: server.port)
                try quitter.send("GET /huge HTTP/1.1\r\nHost: t\r\n\r\nGET /huge HTTP/1.1\r\nHost: t\r\n\r\n")
                sleepMilliseconds(20)
            }
            let client = try RawClient(port: server.port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse()?.text == "hello")
            #expect(eventually { server.openConnections == 1 })
        }
    }
}

/// Inflates a gzip body with zlib, or nil if it is not valid gzip.
func gunzip(_ input: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    var input = input
    var status = Z_OK
    input.withUnsafeMutableBufferPointer { source in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        repeat {
            chunk.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                status = inflate(&stream, Z_NO_FLUSH)
                output.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
            }
        } while status == Z_OK
    }
    return status == Z_STREAM_END ? output : nil
}
