/// The tokeniser's fast path: most words of a cable are plain ASCII letters and digits followed by a
/// space or a mark that no word rule looks at. One pass over their bytes gives everything the token
/// needs (flags, the lexicon hash), with none of the scalar decoding, initial, possessive and compound
/// checks of the general path, which answers exactly the same for such words.
extension Tokenizer {
    /// Writes the word token starting at byte `i` (an ASCII letter or digit) into `slot` when it is plain,
    /// and returns its end; returns 0 when the general path must read it (it ends at `'`, `-`, a non-ASCII
    /// byte, `,s` or a period after at most four characters, or ends in `8`). The token goes straight into
    /// its slot: an optional `Token` returned was copied twice.
    @inline(__always)
    static func plainWord(_ p: UnsafeBufferPointer<UInt8>, at i: Int, sentenceStart: Bool, lineStart: Bool,
                          lexicon: Lexicon, classes: UnsafeBufferPointer<UInt16>, into slot: UnsafeMutablePointer<Token>) -> Int {
        let n = p.count
        var j = i
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // The classes of all bytes OR-ed (any upper-case, any lower-case letter) and of the first letter.
        var seen: UInt16 = 0, first = classes[Int(p[i])] & Self.letterBits
        // Most words start with a letter, which is the first letter: the loop then only hashes and ORs.
        if first == 0 {
            while j < n {
                let c = classes[Int(p[j])]
                guard c != 0 else { break }
                hash = (hash ^ UInt64(c & 0xFF)) &* 0x0000_0100_0000_01b3
                seen |= c
                if first == 0 { first = c & Self.letterBits }
                j += 1
            }
        }
        while j < n {
            let c = classes[Int(p[j])]
            guard c != 0 else { break }
            // The key is the word in capitals: FNV-1a over the folded byte, as `KeySet.asciiHash`.
            hash = (hash ^ UInt64(c & 0xFF)) &* 0x0000_0100_0000_01b3
            seen |= c
            j += 1
        }
        if j < n {
            let next = p[j]
            // Marks that continue a word (`O'Mara`, `Turkey-brokered`) and other scripts.
            if next >= 0x80 || next == 0x27 || next == 0x2D { return 0 }
            // `Brazil,s` (the corpus's mangled possessive); any other comma ends the word as a space does.
            if next == 0x2C, j + 1 < n, p[j + 1] | 0x20 == 0x73 { return 0 }
            // A period may belong to an initial or an abbreviation (`U.S.`, `M.`, `Mr.`, `Corp.`), all of at most
            // four characters; after a longer word it ends a sentence and the general path would stop there too.
            if next == 0x2E, j - i <= 4 { return 0 }
        }
        // "Brazil8" (a mangled closing quote) is the general path's.
        if p[j - 1] == 0x38, j - i >= 4 { return 0 }
        let isCapitalized = first == Self.upperBit
        var token = Token(kind: seen & Self.letterBits == 0 ? .number : .word, start: i, end: j, isCapitalized: isCapitalized,
                          isAllCaps: seen & Self.upperBit != 0 && seen & Self.lowerBit == 0, sentenceStart: sentenceStart,
                          possessive: false, hasHyphen: false, isASCII: true, hash: hash)
        if lexicon.isBuilt {
            token.entry = isCapitalized
                ? lexicon.entry(folding: UnsafeBufferPointer(rebasing: p[i..<j]), hash: hash).map { Int32($0) } ?? -2 : -3
        }
        token.lineStart = lineStart
        slot.initialize(to: token)
        return j
    }

    private static let upperBit: UInt16 = 0x100
    private static let lowerBit: UInt16 = 0x200
    private static let letterBits: UInt16 = 0x300

    /// Per byte: 0 for bytes that end a plain word; else the byte in capitals | 0x100 for an upper-case
    /// letter, | 0x200 for a lower-case one, | 0x400 for a digit (so a digit's entry is never 0).
    static let plainWordClasses: [UInt16] = (0..<256).map { v in
        if v >= 0x41 && v <= 0x5A { return UInt16(v) | 0x100 }
        if v >= 0x61 && v <= 0x7A { return UInt16(v - 0x20) | 0x200 }
        if v >= 0x30 && v <= 0x39 { return UInt16(v) | 0x400 }
        return 0
    }
}
