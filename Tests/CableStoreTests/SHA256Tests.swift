import Foundation
import Testing
@testable import CableStore

/// Padding boundaries and multi-block inputs of the unrolled SHA-256, against digests from Python's
/// hashlib (the input bytes are `(i * 31 + 7) & 255`).
@Suite("SHA-256")
struct SHA256Tests {
    private static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    @Test(arguments: [
        (55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b"),
        (56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63"),
        (57, "5b46e502092be01b1100193e089fdda95638c12e19a1d24f308eb2c3d3ae849d"),
        (63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076"),
        (64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"),
        (65, "788367c73c7ddf4c53f65e68cc0d943e6227ab55b0e78ba63ace822b1c6301c0"),
        (119, "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe"),
        (120, "1f80156a804cb7862ad113e8200e9d74499723e7c7854d5f48776d3148e09656"),
        (127, "192409cd280e14b743642ad1343fbd3e82d9305de72c078117745a679210cc3d"),
        (128, "cc548ca2dec1f6fe4f58b2e27aa9c7521607df1130d140b55a4dad0665302356"),
        (129, "81e89a7b2911aaa7795f9e3d4910cb47d6cd2b00d83b8399481527261a1a7519"),
        (100_000, "731620161155f68e1209f22bc34a726bf5a583f40acf23ae55684b674fdbebf2"),
    ])
    func knownAnswersAroundBlockBoundaries(count: Int, digest: String) {
        let bytes = Self.pattern(count)
        #expect(SHA256.hex(bytes) == digest)
        #expect(SHA256.hex(Data(bytes)) == digest)
        #expect(SHA256.hex(bytes[...]) == digest, "an ArraySlice")
        let hex = SHA256.hash(bytes).map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        #expect(hex == digest)
    }

    @Test func aNonContiguousCollectionHashesLikeItsBytes() {
        let bytes = Self.pattern(1_000)
        #expect(SHA256.hex(bytes.lazy.map { $0 }) == "5097e7d587352f5097062ae679f37bda5802d9f875aba14c8cb4d1a188ada179")
    }

    @Test func aStringHashesItsUTF8() {
        #expect(SHA256.hex("Almaty – Астана") == SHA256.hex(Array("Almaty – Астана".utf8)))
    }

    /// Both block functions (the CPU's SHA instructions where present, the Swift rounds everywhere)
    /// give the same chaining words for every tail length and for multi-block inputs.
    @Test(.enabled(if: SHA256.accelerated, "this CPU has no SHA extensions: only the Swift rounds run here"))
    func theSHAInstructionsAndTheSwiftRoundsAgree() {
        for count in Array(0...300) + [1_000, 4_095, 4_096, 65_537, 1_000_003] {
            let bytes = Self.pattern(count)
            let (fast, portable) = bytes.withUnsafeBytes {
                (SHA256.digestState($0, accelerated: true), SHA256.digestState($0, accelerated: false))
            }
            #expect(withUnsafeBytes(of: fast) { Array($0) } == withUnsafeBytes(of: portable) { Array($0) }, "\(count) bytes")
        }
    }

    @Test(arguments: [
        (64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"),
        (129, "81e89a7b2911aaa7795f9e3d4910cb47d6cd2b00d83b8399481527261a1a7519"),
        (100_000, "731620161155f68e1209f22bc34a726bf5a583f40acf23ae55684b674fdbebf2"),
    ])
    func theSwiftRoundsAloneGiveTheKnownAnswers(count: Int, digest: String) {
        let state = Self.pattern(count).withUnsafeBytes { SHA256.digestState($0, accelerated: false) }
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        #expect(words.map { String(format: "%08x", $0) }.joined() == digest)
    }
}
