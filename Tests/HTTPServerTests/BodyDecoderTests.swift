import HTTPTypes
import Testing
@testable import HTTPServer

/// Decodes `text` fed in the given pieces; returns the body, the trailers and the bytes consumed.
func decodeBody(_ text: String, framing: HTTPBodyFraming, limit: Int = 1 << 20, splits: [Int] = []) throws(HTTPParseError) -> (String, HTTPFields, Int, Bool) {
    let bytes = Array(text.utf8)
    var decoder = HTTPBodyDecoder(framing: framing, maxBodyBytes: limit)
    var body: [UInt8] = []
    var offset = 0
    for cut in (splits.sorted() + [bytes.count]) where cut > offset && cut <= bytes.count {
        var slice = Array(bytes[offset..<cut])
        // Resume from whatever the decoder left, as the connection does with its buffer.
        while !slice.isEmpty && !decoder.isComplete {
            let used = try slice.withUnsafeBytes { raw in
                Result { () throws(HTTPParseError) in try decoder.decode(raw) { body.append(contentsOf: $0) } }
            }.get()
            offset += used
            slice.removeFirst(used)
            if used == 0 { break }
        }
        if decoder.isComplete { break }
    }
    return (String(decoding: body, as: UTF8.self), decoder.trailerFields, offset, decoder.isComplete)
}

@Suite struct BodyDecoderTests {
    let chunked = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Checksum: abc\r\n\r\nNEXT"

    @Test func contentLengthStopsAtTheBoundary() throws {
        let (body, _, consumed, done) = try decodeBody("hello worldGET", framing: .length(11))
        #expect(body == "hello world")
        #expect(consumed == 11)
        #expect(done)
    }

    @Test func chunkedWithExtensionsAndTrailers() throws {
        let (body, trailers, consumed, done) = try decodeBody(chunked, framing: .chunked)
        #expect(body == "hello, world")
        #expect(trailers[HTTPField.Name("X-Checksum")!] == "abc")
        #expect(consumed == chunked.utf8.count - 4)
        #expect(done)
    }

    @Test func chunkedByteByByte() throws {
        let (body, trailers, _, done) = try decodeBody(chunked, framing: .chunked, splits: Array(1..<chunked.utf8.count))
        #expect(body == "hello, world")
        #expect(trailers.count == 1)
        #expect(done)
    }

    @Test(arguments: 0..<30)
    func chunkedRandomSplits(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed))
        let splits = (0..<4).map { _ in Int.random(in: 1..<chunked.utf8.count, using: &generator) }
        let (body, _, _, done) = try decodeBody(chunked, framing: .chunked, splits: splits)
        #expect(body == "hello, world")
        #expect(done)
    }

    @Test func limitIsEnforcedFromChunkSizesBeforeTheData() {
        #expect(throws: HTTPParseError.bodyTooLarge(10)) {
            _ = try decodeBody("FFFFFF\r\n", framing: .chunked, limit: 10)
        }
        #expect(throws: HTTPParseError.bodyTooLarge(10)) {
            _ = try decodeBody("6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n", framing: .chunked, limit: 10)
        }
    }

    @Test(arguments: [
        "Z\r\n", "5\r\nhelloX\r\n", "5\nhello", "\r\n", "5\r\nhello\r\n0\r\nBad Trailer: x\r\n\r\n",
        "1234567890123456\r\n", "5;\u{0}\r\n",
    ])
    func malformedChunkingIs400(text: String) {
        #expect(throws: HTTPParseError.self) { _ = try decodeBody(text, framing: .chunked) }
        do {
            _ = try decodeBody(text, framing: .chunked)
        } catch {
            #expect(error.status == .badRequest)
        }
    }
}
