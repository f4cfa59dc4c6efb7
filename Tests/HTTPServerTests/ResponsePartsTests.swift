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
        #expect(GzipEncoder.accepts("gzip"))
        #expect(GzipEncoder.accepts("br;q=1.0, GZIP;q=0.5"))
        #expect(GzipEncoder.accepts("*"))
        #expect(!GzipEncoder.accepts("gzip;q=0"))
        #expect(!GzipEncoder.accepts("br, deflate"))
        #expect(!GzipEncoder.accepts(""))
    }

    @Test func gzipRoundTripsAndStreams() throws {
        let encoder = GzipEncoder(level: 6)
        let input = Array((0..<50_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let whole = try #require(encoder.compress(input))
        #expect(gunzip(whole) == input)
        // The encoder is reused per loop: a second body must not carry state from the first.
        #expect(gunzip(try #require(encoder.compress(Array("again".utf8)))) == Array("again".utf8))

        let streaming = GzipEncoder(level: 1)
        var output: [UInt8] = []
        for start in stride(from: 0, to: input.count, by: 7000) {
            #expect(streaming.feed(Array(input[start..<min(input.count, start + 7000)]), finish: false, into: &output))
        }
        #expect(streaming.feed([], finish: true, into: &output))
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
        let compressed = try #require(GzipEncoder(level: 6).compress(original))
        let decoder = GzipDecoder(limit: 1 << 20)
        var output: [UInt8] = []
        for start in stride(from: 0, to: compressed.count, by: 333) {
            output += try decoder.decompress(Array(compressed[start..<min(compressed.count, start + 333)]))
        }
        try decoder.finish()
        #expect(output == original)
    }

    @Test func stopsAtTheLimitWith413() throws {
        let bomb = try #require(GzipEncoder(level: 9).compress([UInt8](repeating: 0, count: 4 << 20)))
        #expect(bomb.count < 10_000)
        let decoder = GzipDecoder(limit: 1 << 20)
        #expect(throws: HTTPParseError.self) { _ = try decoder.decompress(bomb) }
        #expect(decoder.produced <= 1 << 20)
        do {
            _ = try GzipDecoder(limit: 1000).decompress(bomb)
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
        let compressed = try #require(GzipEncoder(level: 6).compress(original))
        let decoder = GzipDecoder(limit: 1 << 20)
        _ = try decoder.decompress(Array(compressed.prefix(compressed.count / 2)))
        #expect(throws: HTTPParseError.self) { try decoder.finish() }
    }
}
