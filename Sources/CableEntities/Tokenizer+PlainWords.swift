/// The tokeniser's fast path: most words of a cable are plain ASCII letters and digits followed by a
/// space or a mark that no word rule looks at. One pass over their bytes gives everything the token
/// needs (flags, the lexicon hash), with none of the scalar decoding, initial, possessive and compound
/// checks of the general path, which answers exactly the same for such words.
extension Tokenizer {
    /// Writes the word token starting at byte `i` (an ASCII letter or digit) into `slot` when it is plain,
    /// and returns where the scan goes on: after the word, and after the one space that most often follows
    /// it (a space changes no flag of the scan). Returns 0 when the general path must read the word (it
    /// ends at `'`, `-`, a non-ASCII byte, `,s` or a period after at most four characters, or ends in `8`).
    /// The token goes straight into its slot: an optional `Token` returned was copied twice.
    ///
    /// A word starting with a lower-case letter is neither capitalised nor in capitals whatever follows,
    /// and in mixed-case text (most paragraphs) no rule starts at it: its bytes are only walked to their
    /// end. Its key's hash is not made here (`Token.hash` 0) but by `TokenList.keyHash` when a rule asks.
    /// `hashLower`: hash it all the same (it follows a capitalised word, and the rules ask about such words).
    /// `probe`: the lexicon is built (asked once per text, not per word).
    @inline(__always)
    static func plainWord(_ p: UnsafeBufferPointer<UInt8>, at i: Int, sentenceStart: Bool, lineStart: Bool, hashLower: Bool,
                          lexicon: Lexicon, probe: Bool, classes: UnsafeBufferPointer<UInt16>,
                          into slot: UnsafeMutablePointer<Token>) -> Int {
        let n = p.count
        let c0 = classes[Int(p[i])]
        var j = i + 1
        // The class of the byte that ended the word (meaningful when j < n).
        var c: UInt16 = 0
        var hash: UInt64 = 0
        var seen = c0
        if c0 & Self.lowerBit != 0, !hashLower {
            while j < n {
                c = classes[Int(p[j])]
                guard c & Self.wordBits != 0 else { break }
                j += 1
            }
        } else {
            // The key is the word in capitals: FNV-1a over the folded bytes, as `KeySet.asciiHash`.
            hash = (0xcbf2_9ce4_8422_2325 ^ UInt64(c0 & 0xFF)) &* 0x0000_0100_0000_01b3
            // A word starting with a digit (`3RD`) is capitalised when its first letter is.
            var first = c0 & Self.letterBits
            if first == 0 {
                while j < n {
                    c = classes[Int(p[j])]
                    guard c & Self.wordBits != 0 else { break }
                    hash = (hash ^ UInt64(c & 0xFF)) &* 0x0000_0100_0000_01b3
                    seen |= c
                    j += 1
                    first = c & Self.letterBits
                    if first != 0 { break }
                }
            }
            while j < n {
                c = classes[Int(p[j])]
                guard c & Self.wordBits != 0 else { break }
                hash = (hash ^ UInt64(c & 0xFF)) &* 0x0000_0100_0000_01b3
                seen |= c
                j += 1
            }
            if first == Self.upperBit { seen |= Self.firstUpperBit }
        }
        // The byte after the word, by its class: marks that continue a word (`O'Mara`, `Turkey-brokered`)
        // and other scripts; `Brazil,s` (the corpus's mangled possessive; any other comma ends the word as
        // a space does); a period that may belong to an initial or an abbreviation (`U.S.`, `M.`, `Mr.`,
        // `Corp.`, all of at most four characters: after a longer word it ends a sentence, and the general
        // path would stop there too).
        if j < n, c & Self.stopBits != 0 {
            if c & Self.continuesBit != 0 { return 0 }
            if c & Self.commaBit != 0, j + 1 < n, p[j + 1] | 0x20 == 0x73 { return 0 }
            if c & Self.periodBit != 0, j - i <= 4 { return 0 }
        }
        // "Brazil8" (a mangled closing quote) is the general path's.
        if p[j - 1] == 0x38, j - i >= 4 { return 0 }
        let isCapitalized = seen & Self.firstUpperBit != 0
        var token = Token(kind: seen & Self.letterBits == 0 ? .number : .word, start: i, end: j, isCapitalized: isCapitalized,
                          isAllCaps: seen & Self.upperBit != 0 && seen & Self.lowerBit == 0, sentenceStart: sentenceStart,
                          possessive: false, hasHyphen: false, isASCII: true, hash: hash)
        if probe {
            token.entry = isCapitalized
                ? lexicon.entry(folding: UnsafeBufferPointer(rebasing: p[i..<j]), hash: hash).map { Int32($0) } ?? -2 : -3
        }
        token.lineStart = lineStart
        slot.initialize(to: token)
        return j < n && c == Self.spaceClass ? j + 1 : j
    }

    /// Writes the plain lower-case words that follow from byte `i` on, each after one space (or a comma and
    /// one space), into `tokens` from `count`, with their commas, and returns where the scan goes on: a run
    /// of prose words costs one pass of this loop per word, with none of the scan's dispatch and flags.
    /// Every such word gets what the scan would give it after a word that is not capitalised and one space:
    /// no flag, no hash, `entry`. It stops before a word that is not such a word (the scan reads it) and
    /// after one followed by anything else.
    @inline(__always)
    static func lowerCaseRun(_ p: UnsafeBufferPointer<UInt8>, from i: Int, entry: Int32, classes: UnsafeBufferPointer<UInt16>,
                             into tokens: UnsafeMutablePointer<Token>, count: inout Int) -> Int {
        let n = p.count
        var i = i
        while i < n, classes[Int(p[i])] & lowerBit != 0 {
            var j = i + 1
            var c: UInt16 = 0
            while j < n {
                c = classes[Int(p[j])]
                guard c & wordBits != 0 else { break }
                j += 1
            }
            // The end rules of `plainWord`: such a word is the scan's.
            if j < n, c & stopBits != 0 {
                if c & continuesBit != 0 { return i }
                if c & commaBit != 0, j + 1 < n, p[j + 1] | 0x20 == 0x73 { return i }
                if c & periodBit != 0, j - i <= 4 { return i }
            }
            if p[j - 1] == 0x38, j - i >= 4 { return i }
            var token = Token(kind: .word, start: i, end: j, isCapitalized: false, isAllCaps: false, sentenceStart: false,
                              possessive: false)
            token.entry = entry
            (tokens + count).initialize(to: token)
            count += 1
            guard j < n else { return j }
            if c == spaceClass {
                i = j + 1
            } else if c == commaBit {
                // A comma changes no flag of the scan either (`,s` was left to it above).
                (tokens + count).initialize(to: Token(kind: .punct, start: j, end: j + 1, isCapitalized: false, isAllCaps: false,
                                                      sentenceStart: false, possessive: false, markValue: 0x2C))
                count += 1
                guard j + 1 < n, p[j + 1] == 0x20 else { return j + 1 }
                i = j + 2
            } else {
                return j
            }
        }
        return i
    }

    private static let upperBit: UInt16 = 0x100
    private static let lowerBit: UInt16 = 0x200
    private static let letterBits: UInt16 = 0x300
    /// Letters and digits: the bytes of a plain word.
    static let wordBits: UInt16 = 0x700
    /// Bytes after which the general path may read the word: `'`, `-` and non-ASCII bytes; a comma; a period.
    private static let continuesBit: UInt16 = 0x800
    private static let commaBit: UInt16 = 0x1000
    private static let periodBit: UInt16 = 0x2000
    private static let stopBits: UInt16 = 0x3800
    /// A space's class (no word byte, no stop bit).
    private static let spaceClass: UInt16 = 0x4000
    /// Not in the table: set in `seen` when the word's first letter is upper case.
    private static let firstUpperBit: UInt16 = 0x8000

    /// Per byte: for a letter or digit, the byte in capitals | 0x100 for an upper-case letter, | 0x200 for a
    /// lower-case one, | 0x400 for a digit (`wordBits`); for the other bytes, the stop bits of the bytes
    /// that may continue a word, `spaceClass` for a space, else 0.
    static let plainWordClasses: [UInt16] = (0..<256).map { v in
        if v >= 0x41 && v <= 0x5A { return UInt16(v) | 0x100 }
        if v >= 0x61 && v <= 0x7A { return UInt16(v - 0x20) | 0x200 }
        if v >= 0x30 && v <= 0x39 { return UInt16(v) | 0x400 }
        if v >= 0x80 || v == 0x27 || v == 0x2D { return continuesBit }
        if v == 0x2C { return commaBit }
        if v == 0x2E { return periodBit }
        if v == 0x20 { return spaceClass }
        return 0
    }
}
