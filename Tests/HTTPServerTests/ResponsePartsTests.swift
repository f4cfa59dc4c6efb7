import Gzip
import HTTPTypes
import Testing
@testable import HTTPServer

@Suite struct ResponsePartsTests {
    @Test func problemBodyIsEscapedJSON() {
        let response = Response.problem(.badRequest, detail: "bad \"q\"\n\u{1}\\")
        let text = String(decoding: { if case .bytes(let bytes) = response.body { return bytes } else { return [] } }(), as: UTF8.self)
        #expect(text == #"{"type":"about:blank","title":"Bad Request","status":400,"detail":"bad \"q\"\n\u0001\\"}"#)
        #expect(response.headerFields[.contentType] == "application/problem+json")
    }

    @Test func acceptEncodingNegotiation() {
        #expect(AcceptEncoding.allowsGzip("gzip"))
        #expect(AcceptEncoding.allowsGzip("br;q=1.0, GZIP;q=0.5"))
        #expect(AcceptEncoding.allowsGzip("*"))
        #expect(!AcceptEncoding.allowsGzip("gzip;q=0"))
        #expect(!AcceptEncoding.allowsGzip("br, deflate"))
        #expect(!AcceptEncoding.allowsGzip(""))
    }

    /// The deflater the server uses, checked with zlib's own inflate (not Gzip's).
    @Test func gzipRoundTripsAndStreams() throws {
        let encoder = GzipDeflater(level: 6)
        let input = Array((0..<50_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let whole = encoder.compress(input)
        #expect(gunzip(whole) == input)
        // The encoder is reused per loop: a second body must not carry state from the first.
        #expect(gunzip(encoder.compress(Array("again".utf8))) == Array("again".utf8))

        let streaming = GzipDeflater(level: 1)
        var output: [UInt8] = []
        for start in stride(from: 0, to: input.count, by: 7000) {
            #expect(streaming.append(Array(input[start..<min(input.count, start + 7000)]), finish: false, to: &output))
        }
        #expect(streaming.append([], finish: true, to: &output))
        #expect(gunzip(output) == input)
    }

    @Test func peerAddressLoopbackAndText() {
        #expect(PeerAddress(addressBytes: [127, 0, 0, 1], port: 80).isLoopback)
        #expect(PeerAddress(addressBytes: [127, 9, 9, 9], port: 80).isLoopback)
        #expect(!PeerAddress(addressBytes: [10, 0, 0, 1], port: 80).isLoopback)
        #expect(PeerAddress(addressBytes: Array(repeating: 0, count: 15) + [1], port: 1).isLoopback)
        let mapped: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF, 127, 0, 0, 1]
        #expect(PeerAddress(addressBytes: mapped, port: 1).isLoopback)
        #expect(!PeerAddress(addressBytes: [], port: 0).isLoopback)
        #expect(PeerAddress(addressBytes: [192, 0, 2, 7], port: 8080).description == "192.0.2.7:8080")
    }

    @Test func dateIsIMFFixdate() {
        #expect(String(decoding: DateCache.format(784_111_777), as: UTF8.self) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}

@Suite struct GzipDecoderTests {
    let original = Array((0..<200_000).map { UInt8(truncatingIfNeeded: $0 / 100) })

    @Test func inflatesInPieces() throws {
        let compressed = GzipDeflater(level: 6).compress(original)
        let decoder = GzipDecoder(limit: 1 << 20)
        var output: [UInt8] = []
        for start in stride(from: 0, to: compressed.count, by: 333) {
            output += try decoder.decompress(Array(compressed[start..<min(compressed.count, start + 333)]))
        }
        try decoder.finish()
        #expect(output == original)
    }

    @Test func stopsAtTheLimitWith413() throws {
        let bomb = GzipDeflater(level: 9).compress([UInt8](repeating: 0, count: 4 << 20))
        #expect(bomb.count < 10_000)
        let decoder = GzipDecoder(limit: 1 << 20)
        #expect(throws: HTTPParseError.self) { _ = try decoder.decompress(bomb) }
        #expect(decoder.produced <= 1 << 20)
        do {
            _ = try GzipDecoder(limit: 1000).decompress(bomb)
            Issue.record("expected a 413")
        } catch {
            #expect(error.status == .contentTooLarge)
        }
    }

    @Test func corruptOrTruncatedIs400() throws {
        do {
            _ = try GzipDecoder(limit: 1000).decompress(Array("not gzip at all".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.status == .badRequest)
        }
        let compressed = GzipDeflater(level: 6).compress(original)
        let decoder = GzipDecoder(limit: 1 << 20)
        _ = try decoder.decompress(Array(compressed.prefix(compressed.count / 2)))
        #expect(throws: HTTPParseError.self) { try decoder.finish() }
        // Bytes after the member's end, in the same chunk or a later one.
        #expect(throws: HTTPParseError.self) { _ = try GzipDecoder(limit: 1 << 20).decompress(compressed + [1, 2, 3]) }
        let ended = GzipDecoder(limit: 1 << 20)
        #expect(try ended.decompress(compressed) == original)
        try ended.finish()
        #expect(throws: HTTPParseError.self) { _ = try ended.decompress([0]) }
    }
}
