import CZlib
import Foundation
import Gzip
import Testing

/// Inflates a whole buffer through the streaming API, `step` input bytes at a time, across members.
private func inflateAll(_ data: [UInt8], framing: GzipInflater.Framing = .gzip, step: Int = 7) throws(GzipError) -> [UInt8] {
    let inflater = try GzipInflater(framing: framing)
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 100)
    var offset = 0
    var ended = false
    while offset < data.count || !ended {
        if ended { inflater.reset(); ended = false }
        let end = min(offset + step, data.count)
        let progress = try data.withUnsafeBufferPointer { input throws(GzipError) in
            try buffer.withUnsafeMutableBufferPointer { out throws(GzipError) in
                try inflater.inflate(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[offset..<end])), into: UnsafeMutableRawBufferPointer(out))
            }
        }
        offset += progress.consumed
        output += buffer[0..<progress.produced]
        ended = progress.ended
        if !ended && progress.consumed == 0 && progress.produced == 0 {
            if offset == data.count { throw .truncated }
        }
        if ended && offset == data.count { break }
    }
    return output
}

private let text = Array(String(repeating: "1. (C) The Foreign Minister met the Ambassador in Astana. ", count: 60).utf8)

@Suite struct GzipDeflaterTests {
    @Test func wholeInputsRoundTripAndAReusedStreamGivesTheSameBytes() throws {
        let reused = GzipDeflater(level: 1)
        for input in [text, [], Array("x".utf8), text + text] {
            let member = reused.compress(input)
            #expect(member.starts(with: [0x1F, 0x8B]))
            #expect(member == GzipDeflater(level: 1).compress(input))
            #expect(try inflateAll(member) == input)
            #expect(try GzipInflater.inflate(Data(member), size: input.count) == Data(input))
            #expect(reused.compressToData(Data(input)) == Data(member))
        }
        #expect(GzipDeflater(level: 9).compress(text).count < text.count / 5)
    }

    @Test func aStreamOfPartsIsOneMember() throws {
        let deflater = GzipDeflater(level: 6)
        var output: [UInt8] = []
        for part in stride(from: 0, to: text.count, by: 500) {
            #expect(deflater.append(Array(text[part..<min(part + 500, text.count)]), finish: false, to: &output))
        }
        #expect(deflater.append([], finish: true, to: &output))
        #expect(try inflateAll(output) == text)
        // A part after the end is refused, not a crash; a new stream then works.
        var extra: [UInt8] = []
        #expect(!deflater.append(Array("more".utf8), finish: false, to: &extra))
        deflater.beginStream()
        var again: [UInt8] = []
        #expect(deflater.append(text, finish: true, to: &again))
        #expect(try inflateAll(again) == text)
    }

    @Test func aLevelOutsideZlibsRangeIsTheNearestOne() throws {
        #expect(GzipDeflater(level: 42).compress(text) == GzipDeflater(level: 9).compress(text))
        #expect(GzipDeflater(level: -7).compress(text) == GzipDeflater(level: -1).compress(text))
    }
}

@Suite struct GzipInflaterTests {
    @Test func concatenatedMembersAreReadInTurn() throws {
        let deflater = GzipDeflater(level: 1)
        let joined = deflater.compress(Array("first ".utf8)) + deflater.compress(Array("second".utf8))
        #expect(try inflateAll(joined, step: 3) == Array("first second".utf8))
    }

    @Test func zlibDataIsAcceptedOnlyWhenAsked() throws {
        var length = compressBound(UInt(text.count))
        var zlibData = [UInt8](repeating: 0, count: Int(length))
        #expect(CZlib.compress(&zlibData, &length, text, UInt(text.count)) == Z_OK)
        zlibData.removeLast(zlibData.count - Int(length))
        #expect(try inflateAll(zlibData, framing: .gzipOrZlib) == text)
        #expect(throws: GzipError.self) { try inflateAll(zlibData, framing: .gzip) }
    }

    @Test func damagedShortOrMisSizedDataIsAnError() throws {
        let member = GzipDeflater(level: 6).compress(text)
        var damaged = member
        damaged[damaged.count / 2] ^= 0xFF
        damaged[damaged.count / 2 + 1] ^= 0xFF
        #expect(throws: GzipError.self) { try GzipInflater.inflate(Data(damaged), size: text.count) }
        #expect(throws: GzipError.self) { try GzipInflater.inflate(Data("not gzip at all".utf8), size: 15) }
        #expect(throws: GzipError.truncated) { try GzipInflater.inflate(Data(member.prefix(member.count - 12)), size: text.count) }
        #expect(throws: GzipError.sizeMismatch(expected: text.count + 1, actual: text.count)) {
            try GzipInflater.inflate(Data(member), size: text.count + 1)
        }
        #expect(throws: GzipError.self) { try GzipInflater.inflate(Data(member), size: text.count - 1) }
        #expect(throws: GzipError.truncated) { try inflateAll(Array(member.prefix(member.count / 2))) }
    }
}
