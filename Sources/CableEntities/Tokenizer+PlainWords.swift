/// The tokeniser's fast path: most words of a cable are plain ASCII letters and digits followed by a
/// space or a mark that no word rule looks at. One pass over their bytes gives everything the token
/// needs (flags, the lexicon hash), with none of the scalar decoding, initial, possessive and compound
/// checks of the general path, which answers exactly the same for such words.
extension Tokenizer {
    /// The word token starting at byte `i` (an ASCII letter or digit) when it is plain; nil when the
    /// general path must read it (it ends at `'`, `-`, `.`, `,` or a non-ASCII byte, or ends in `8`).
    @inline(__always)
    static func plainWord(_ p: UnsafeBufferPointer<UInt8>, at i: Int, sentenceStart: Bool, lineStart: Bool,
                          lexicon: Lexicon) -> Token? {
        let n = p.count
        var j = i
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var letters = 0, upper = 0
        // Case of the first letter: 0 none yet, 1 upper, 2 lower.
        var firstCase = 0
        while j < n {
            let v = p[j]
            let isUpper = v &- 0x41 < 26, isLower = v &- 0x61 < 26
            guard isUpper || isLower || v &- 0x30 < 10 else { break }
            // The key is the word in capitals: FNV-1a over the folded byte, as `KeySet.asciiHash`.
            hash = (hash ^ UInt64(isLower ? v &- 0x20 : v)) &* 0x0000_0100_0000_01b3
            if isUpper || isLower {
                letters += 1
                if isUpper { upper += 1 }
                if firstCase == 0 { firstCase = isUpper ? 1 : 2 }
            }
            j += 1
        }
        if j < n {
            let next = p[j]
            // Marks that continue a word (`O'Mara`, `Turkey-brokered`, `U.S.`, `Brazil,s`) and other scripts.
            if next >= 0x80 || next == 0x27 || next == 0x2D || next == 0x2E || next == 0x2C { return nil }
        }
        // "Brazil8" (a mangled closing quote) is the general path's.
        if p[j - 1] == 0x38, j - i >= 4 { return nil }
        var token = Token(kind: letters == 0 ? .number : .word, start: i, end: j, isCapitalized: firstCase == 1,
                          isAllCaps: letters > 0 && upper == letters, sentenceStart: sentenceStart, possessive: false,
                          hasHyphen: false, isASCII: true, hash: hash)
        if lexicon.isBuilt {
            token.entry = firstCase == 1
                ? lexicon.entry(folding: UnsafeBufferPointer(rebasing: p[i..<j]), hash: hash).map { Int32($0) } ?? -2 : -3
        }
        token.lineStart = lineStart
        return token
    }
}
