import CSHA256

/// SHA-256 (FIPS 180-4), used for content hashes of raw texts and stored JSON.
///
/// Foundation on Linux has no CryptoKit and the project takes no extra packages, so the store carries
/// this small implementation; known-answer tests pin it. On x86 CPUs with the SHA extensions the
/// block function runs on those instructions (`CSHA256`, C intrinsics). It hashes two texts per imported cable,
/// so it is written for speed: blocks are read in place, the eight working variables stay in
/// registers (the rounds rotate their roles instead of shifting values), the message schedule is
/// computed 16 words at a time just before it is used, and nothing is allocated on the heap until the
/// digest is returned.
public struct SHA256: Sendable {
    /// The eight chaining words.
    typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// The lowercase hex digest of `bytes`.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let text = bytes.withContiguousStorageIfAvailable({ hex(UnsafeRawBufferPointer($0)) }) { return text }
        return Array(bytes).withUnsafeBytes { hex($0) }
    }

    /// The lowercase hex digest of a string's UTF-8 bytes.
    public static func hex(_ string: String) -> String {
        var copy = string
        return copy.withUTF8 { hex(UnsafeRawBufferPointer($0)) }
    }

    /// The lowercase hex digest of the bytes in `buffer`.
    public static func hex(_ buffer: UnsafeRawBufferPointer) -> String {
        let state = digestState(buffer)
        return withUnsafeBytes(of: state) { words in
            String(unsafeUninitializedCapacity: 64) { out in
                for index in 0..<8 {
                    let word = words.load(fromByteOffset: index * 4, as: UInt32.self)
                    for digit in 0..<8 {
                        let nibble = UInt8(truncatingIfNeeded: word >> UInt32(28 - 4 * digit)) & 0x0F
                        out[index * 8 + digit] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
                    }
                }
                return 64
            }
        }
    }

    /// The 32-byte digest of `bytes`.
    public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return digest }
        return Array(bytes).withUnsafeBytes { hash($0) }
    }

    /// The 32-byte digest of the bytes in `buffer`.
    public static func hash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        let state = digestState(buffer)
        var digest = [UInt8]()
        digest.reserveCapacity(32)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            digest.append(UInt8(word >> 24)); digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8)); digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// True when the CPU's SHA instructions do the block function (x86 SHA extensions, checked once);
    /// they hash ~6× faster than the Swift rounds below, which every other CPU uses.
    static let accelerated = cablegate_sha256_accelerated() != 0

    /// The final chaining words: full blocks read in place, then the padded tail (one or two blocks)
    /// built in a stack buffer. `accelerated` picks the block function (tests compare the two).
    static func digestState(_ buffer: UnsafeRawBufferPointer, accelerated: Bool = accelerated) -> State {
        var state: State = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        let k = cablegate_sha256_round_constants()!
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            func blocks(_ start: UnsafeRawPointer, _ count: Int) {
                if accelerated {
                    withUnsafeMutableBytes(of: &state) { words in
                        cablegate_sha256_blocks(words.baseAddress!.assumingMemoryBound(to: UInt32.self),
                                                start.assumingMemoryBound(to: UInt8.self), count)
                    }
                } else {
                    for block in 0..<count { compress(start + block * 64, &state, w.baseAddress!, k) }
                }
            }
            let fullBlocks = buffer.count / 64
            if let base = buffer.baseAddress, fullBlocks > 0 { blocks(base, fullBlocks) }
            withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { tail in
                tail.initializeMemory(as: UInt8.self, repeating: 0)
                let rest = buffer.count - fullBlocks * 64
                if rest > 0 {
                    tail.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[(fullBlocks * 64)...]))
                }
                tail[rest] = 0x80
                let tailCount = rest < 56 ? 64 : 128
                tail.storeBytes(of: (UInt64(buffer.count) &* 8).bigEndian, toByteOffset: tailCount - 8, as: UInt64.self)
                blocks(UnsafeRawPointer(tail.baseAddress!), tailCount / 64)
            }
        }
        return state
    }

    @inline(__always)
    private static func compress(_ block: UnsafeRawPointer, _ state: inout State,
                                 _ w: UnsafeMutablePointer<UInt32>, _ k: UnsafePointer<UInt32>) {
        for i in 0..<16 {
            w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
        }
        var (a, b, c, d, e, f, g, h) = state
        var i = 0
        while true {
            // Eight rounds with the variables' roles rotated: no value moves between registers.
            round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
            round(h, a, b, &c, d, e, f, &g, k[i &+ 1] &+ w[i &+ 1])
            round(g, h, a, &b, c, d, e, &f, k[i &+ 2] &+ w[i &+ 2])
            round(f, g, h, &a, b, c, d, &e, k[i &+ 3] &+ w[i &+ 3])
            round(e, f, g, &h, a, b, c, &d, k[i &+ 4] &+ w[i &+ 4])
            round(d, e, f, &g, h, a, b, &c, k[i &+ 5] &+ w[i &+ 5])
            round(c, d, e, &f, g, h, a, &b, k[i &+ 6] &+ w[i &+ 6])
            round(b, c, d, &e, f, g, h, &a, k[i &+ 7] &+ w[i &+ 7])
            i &+= 8
            if i == 64 { break }
            if i >= 16 {
                // The schedule, computed for the next eight rounds only.
                for j in i..<(i &+ 8) {
                    let w15 = w[j &- 15], w2 = w[j &- 2]
                    let s0 = w15.rotatedRight(7) ^ w15.rotatedRight(18) ^ (w15 >> 3)
                    let s1 = w2.rotatedRight(17) ^ w2.rotatedRight(19) ^ (w2 >> 10)
                    w[j] = w[j &- 16] &+ s0 &+ w[j &- 7] &+ s1
                }
            }
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                 state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }

    /// One round: `d` and `h` are the two words it changes.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
        let choice = g ^ (e & (f ^ g))
        let t1 = h &+ s1 &+ choice &+ kw
        let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
        let majority = (a & b) | (c & (a | b))
        d = d &+ t1
        h = t1 &+ s0 &+ majority
    }
}

extension UInt32 {
    @inline(__always) fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 &- count))
    }
}
