/// Splits paragraph text into `Token`s over its UTF-8 bytes. Token offsets are byte offsets; the Unicode
/// scalar offsets the output reports are counted only for the mentions written (`ScalarCounter`, EntityExtractor+Mentions.swift).
///
/// The cable corpus needs a few special cases: `Brazil,s` is a mangled possessive, `U.S.` and
/// `M. O'MARA` keep their periods, and `Kazakhstan's` is reported as `Kazakhstan` with a flag.
/// Every rule counts in scalars as it did when the scan walked scalars, so multi-byte text gives the
/// same tokens: ASCII bytes take a table lookup, other bytes are decoded into scalars where they occur.
enum Tokenizer {
    /// Abbreviations whose trailing period belongs to the word.
    static let abbreviations: Set<String> = [
        "MR", "MRS", "MS", "DR", "ST", "GEN", "COL", "LT", "AMB", "PROF", "SEN", "REP", "JR", "SR", "MAJ",
        "CAPT", "BRIG", "ADM", "GOV", "MT", "FT", "CO", "CORP", "INC", "LTD", "MME", "CDR", "SGT", "NO",
    ]

    /// `abbreviations` as their bytes packed into an integer, for ASCII words (no `String` per period).
    private static let packedAbbreviations: [UInt32] = abbreviations.map { packed(Array($0.utf8)[...]) }

    static func tokenize(_ text: String) -> TokenList {
        tokenize(text, lexicon: nil)
    }

    /// With a built `lexicon`, each ASCII word is looked up in it as it is read (`Token.entry`): the
    /// recogniser then needs no key `String` to ask the word lists.
    static func tokenize(_ text: String, lexicon: Lexicon?) -> TokenList {
        tokenize(text, lexicon: lexicon, plainPaths: true)
    }

    /// `plainPaths` false: every word by the general path, none by `plainWord` or `lowerCaseRun` (the
    /// reference the tests hold those shortcuts to).
    static func tokenize(_ text: String, lexicon: Lexicon?, plainPaths: Bool) -> TokenList {
        let bytes = Array(text.utf8)
        var ascii = true
        // Every token holds at least one byte, so one slot per byte is always enough: the scan stores
        // tokens without a capacity check per token.
        let tokens = [Token](unsafeUninitializedCapacity: bytes.count) { slots, count in
            ascii = bytes.withUnsafeBufferPointer { bytes in
                plainWordClasses.withUnsafeBufferPointer { classes in
                    var hyphenated = 0
                    return scan(bytes, lexicon: lexicon ?? Self.noLexicon, classes: classes, into: slots, count: &count,
                                hyphenated: UnsafeMutableBufferPointer(start: nil, count: 0), hyphenatedCount: &hyphenated,
                                plainPaths: plainPaths)
                }
            }
        }
        return TokenList(items: tokens, bytes: bytes, isASCII: ascii)
    }

    /// As `tokenize(_:lexicon:)`, scanning into `workspace`'s token slots: only the text's bytes and its
    /// tokens, at their size, are allocated.
    static func tokenize(_ text: String, lexicon: Lexicon?, workspace: ParagraphWorkspace) -> TokenList {
        tokenize(text, lexicon: lexicon ?? Self.noLexicon, workspace: workspace)
    }

    /// As above with a lexicon at hand: it is read where it is (an optional would be a copy of it).
    static func tokenize(_ text: String, lexicon: borrowing Lexicon, workspace: ParagraphWorkspace) -> TokenList {
        let bytes = Array(text.utf8)
        // As above, into the workspace's slots; the tokens are then copied into an array of their size.
        let slots = workspace.tokens.slots(bytes.count)
        // A hyphenated word has at least three bytes: room for every one (`splitCompounds(_:gazetteer:hyphenatedIn:)`).
        let hyphenated = workspace.hyphenated.slots(bytes.count / 2 + 1)
        workspace.hyphenatedCount = 0
        var count = 0
        let ascii = bytes.withUnsafeBufferPointer { bytes in
            plainWordClasses.withUnsafeBufferPointer { classes in
                scan(bytes, lexicon: lexicon, classes: classes, into: slots, count: &count,
                     hyphenated: hyphenated, hyphenatedCount: &workspace.hyphenatedCount, plainPaths: true)
            }
        }
        let tokens = Array(UnsafeBufferPointer(rebasing: slots[..<count]))
        workspace.tokenizedCount = count
        return TokenList(items: tokens, bytes: bytes, isASCII: ascii)
    }

    private static let noLexicon = Lexicon()

    /// The scalar starting at byte `i` of valid UTF-8, and its width in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let b = p[i]
        if b < 0x80 { return (Unicode.Scalar(b), 1) }
        let width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        var value = UInt32(b) & (width == 4 ? 0x07 : width == 3 ? 0x0F : 0x1F)
        for k in 1..<width { value = value << 6 | UInt32(p[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// Width of the whitespace scalar at byte `i`, 0 when it is none.
    @inline(__always)
    private static func spaceWidth(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D ? 1 : 0 }
        let (s, width) = decode(p, i)
        return s.properties.isWhitespace ? width : 0
    }

    /// Whether the scalar at byte `i` (which must exist) is a word scalar.
    @inline(__always)
    private static func isWordAt(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = p[i]
        return b < 0x80 ? isASCIIWordByte(b) : isWordScalar(decode(p, i).0)
    }

    /// Writes the tokens into `tokens` (room for one per byte), their number into `count`; returns whether
    /// every byte was ASCII. The indices of hyphenated words go into `hyphenated` while it has room
    /// (`hyphenatedCount` of them): compound splitting then need not look at every token.
    private static func scan(_ p: UnsafeBufferPointer<UInt8>, lexicon: Lexicon, classes: UnsafeBufferPointer<UInt16>,
                             into tokens: UnsafeMutableBufferPointer<Token>, count: inout Int,
                             hyphenated: UnsafeMutableBufferPointer<Int32>, hyphenatedCount: inout Int, plainPaths: Bool) -> Bool {
        var i = 0
        var atSentenceStart = true
        var atLineStart = true
        var allASCII = true
        let n = p.count
        let probe = lexicon.isBuilt
        // The last token written is a capitalised word: a lower-case word after it is hashed as it is read
        // (the rules ask about the word after a capitalised run and match phrases over it). Other lower-case
        // words are left to `TokenList.keyHash`: hashing the word before a capitalised one too (`in`, `ref`)
        // cost more in this loop than the rules' few questions about it (209.4 M against 212.1 M).
        var afterCapital = false
        while i < n {
            let b = p[i]
            // ASCII first, by one table load: a word's letters and digits, a space between words, a mark.
            if b < 0x80 {
                if classes[Int(b)] & wordBits != 0 {
                    if plainPaths {
                        let end = plainWord(p, at: i, sentenceStart: atSentenceStart, lineStart: atLineStart, hashLower: afterCapital,
                                            lexicon: lexicon, probe: probe, classes: classes, into: tokens.baseAddress! + count)
                        if end > 0 {
                            afterCapital = tokens[count].isCapitalized
                            let wordEnd = tokens[count].end
                            count += 1
                            atLineStart = false
                            atSentenceStart = false
                            i = end
                            // After a word that is not capitalised and one space, the prose words that follow.
                            if !afterCapital, end > wordEnd {
                                i = lowerCaseRun(p, from: end, entry: probe ? -3 : -1, classes: classes,
                                                 into: tokens.baseAddress!, count: &count)
                            }
                            continue
                        }
                    }
                } else if b == 0x20 || b == 0x09 {
                    // Spaces and tabs hold no newline: they change no flag (a run that goes on into a newline
                    // is counted from the newline on, as the whitespace loop below would count it).
                    i += 1
                    continue
                } else if b != 0x0A && b != 0x0D {
                    tokens[count] = Token(kind: .punct, start: i, end: i + 1, isCapitalized: false, isAllCaps: false,
                                          sentenceStart: false, possessive: false, isASCII: true, markValue: UInt32(b))
                    count += 1
                    afterCapital = false
                    // . ! ? : ; end a sentence, and so does a dash written `--`.
                    if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A || b == 0x3B { atSentenceStart = true }
                    if b == 0x2D, i + 1 < n, p[i + 1] == 0x2D { atSentenceStart = true }
                    atLineStart = false
                    i += 1
                    continue
                }
            }
            let s: Unicode.Scalar, width: Int
            if b < 0x80 {
                s = Unicode.Scalar(b); width = 1
            } else {
                (s, width) = decode(p, i)
                allASCII = false
            }
            // Whitespace: the scalar at i is decoded already, so only the following ones are asked for.
            let firstWidth = b < 0x80 ? (b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D ? 1 : 0)
                : (s.properties.isWhitespace ? width : 0)
            if firstWidth > 0 {
                // Wrapped lines are one sentence; a blank line starts a new one.
                var newlines = 0
                var w = firstWidth
                while i < n {
                    if w == 0 { w = spaceWidth(p, i) }
                    if w == 0 { break }
                    if p[i] == 0x0A { newlines += 1 }
                    if w > 1 { allASCII = false }
                    i += w
                    w = 0
                }
                if newlines >= 2 { atSentenceStart = true }
                if newlines >= 1 { atLineStart = true }
                continue
            }
            if b < 0x80 ? !isASCIIWordByte(b) : !isWordScalar(s) {
                tokens[count] = punct(s, at: i, width: width)
                count += 1
                afterCapital = false
                if s == "." || s == "!" || s == "?" || s == ":" || s == ";" { atSentenceStart = true }
                if s == "-", i + 1 < n, p[i + 1] == 0x2D { atSentenceStart = true }
                atLineStart = false
                i += width
                continue
            }
            var j = i + width
            var scalarCount = 1  // scalars in i..<j: the rules below count in scalars
            var segmentLength = 1  // letters since the token start or the last period, for initials like U.S.
            var previous = s
            var ascii = b < 0x80
            while j < n {
                // ASCII letters and digits, the bulk of every word, in a tight loop.
                if isASCIIWordByte(p[j]) {
                    var k = j + 1
                    while k < n, isASCIIWordByte(p[k]) { k += 1 }
                    segmentLength += k - j
                    scalarCount += k - j
                    previous = Unicode.Scalar(p[k - 1])
                    j = k
                    continue
                }
                let (c, cw) = decode(p, j)
                if isWordScalar(c) {
                    segmentLength += 1
                } else if (c == "'" || c == "\u{2019}" || c == "-"), j + cw < n, isWordAt(p, j + cw) {
                    segmentLength = -100  // "Obama's." is no initial
                } else if c == "." {
                    // An ASCII scalar is alphabetic exactly when it is a letter (the property lookup costs ~300 instructions).
                    let initial = segmentLength == 1
                        && (previous.isASCII ? (previous.value | 0x20) &- 0x61 < 26 : previous.properties.isAlphabetic)
                    if initial || (scalarCount <= 4 && isAbbreviation(p, i, j, ascii: ascii)) {
                        j += 1
                        scalarCount += 1
                        previous = c
                        segmentLength = 0
                        if j < n {
                            let (next, nw) = decode(p, j)
                            if isWordScalar(next), j + nw < n, p[j + nw] == 0x2E { continue }
                        }
                        break
                    }
                    break
                } else {
                    break
                }
                if cw > 1 { ascii = false; allASCII = false }
                j += cw
                scalarCount += 1
                previous = c
            }
            var end = j
            var possessive = false
            // "Brazil8": the corpus's mangled closing quote; the digit is not part of the word.
            if scalarCount >= 4, p[end - 1] == 0x38, allLetters(p, i, end - 1, ascii: ascii) {
                end -= 1
                j = end
                scalarCount -= 1
            }
            // "Kazakhstan's" / "Kazakhstan’s": the possessive is absorbed by the inner-apostrophe rule; undo it.
            if scalarCount > 2, p[end - 1] == 0x73 || p[end - 1] == 0x53,
               let width = apostropheWidth(p, before: end - 1, from: i) {
                end -= 1 + width
                possessive = true
            } else if j + 1 < n, p[j] == 0x2C, p[j + 1] == 0x73 || p[j + 1] == 0x53,
                      j + 2 == n || !isWordAt(p, j + 2) {
                // "Brazil,s": the corpus's mangled apostrophe.
                possessive = true
                j += 2
            }
            let word = UnsafeBufferPointer(rebasing: p[i..<end])
            // `ascii` says the scanned scalars were; the word may still be ASCII after a trailing "’s" went.
            var token = ascii || word.allSatisfy({ $0 < 0x80 })
                ? asciiWord(word, start: i, sentenceStart: atSentenceStart, possessive: possessive)
                : unicodeWord(word, start: i, sentenceStart: atSentenceStart, possessive: possessive)
            // The flag first: most words have no hyphen, and String.firstIndex walks Characters.
            if !token.isCapitalized, token.hasHyphen, token.isASCII {
                if hasParticleBeforeCapital(word) { token.isCapitalized = true }
            } else if !token.isCapitalized, token.hasHyphen {
                let text = String(decoding: word, as: UTF8.self)
                if let dash = text.firstIndex(of: "-"),
                   nameParticles.contains(String(text[..<dash])),
                   text[text.index(after: dash)...].first?.isUppercase == true {
                    token.isCapitalized = true  // "al-Masri", "bin-Laden": the particle is lower case, the name is not
                }
            }
            // Only capitalised words are probed now: in mixed-case text (most paragraphs) no rule starts
            // at a lower-case word, and the few that look at one probe it when they ask (`Token.entry` -3).
            if token.isASCII, lexicon.isBuilt {
                token.entry = token.isCapitalized ? lexicon.entry(folding: word, hash: token.hash).map { Int32($0) } ?? -2 : -3
            }
            token.lineStart = atLineStart
            if token.hasHyphen, token.kind == .word, hyphenatedCount < hyphenated.count {
                hyphenated[hyphenatedCount] = Int32(count)
                hyphenatedCount += 1
            }
            tokens[count] = token
            afterCapital = token.isCapitalized
            count += 1
            atLineStart = false
            atSentenceStart = false
            i = j
        }
        return allASCII
    }

    /// Lower-case name particles written with a hyphen before a capitalised name.
    static let nameParticles = ["al", "el", "ad", "as", "ash", "ar", "an", "at", "az", "bin", "abu"]
    private static let packedParticles: [UInt32] = nameParticles.map { v in v.utf8.reduce(0) { $0 << 8 | UInt32($1) } }

    /// `al-Masri`, `bin-Laden` in ASCII bytes: a particle of `nameParticles` (as written), its first `-`,
    /// then an upper-case letter. The bytes of an ASCII word are its Characters.
    @inline(__always)
    private static func hasParticleBeforeCapital(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let dash = word.firstIndex(of: 0x2D), dash >= 2, dash <= 3, dash + 1 < word.count,
              word[dash + 1] &- 0x41 < 26 else { return false }
        var v: UInt32 = 0
        for k in 0..<dash { v = v << 8 | UInt32(word[k]) }
        return packedParticles.contains(v)
    }

    /// Width of the apostrophe (`'` or `’`) ending right before byte `at`, if one does (not before `from`).
    @inline(__always)
    private static func apostropheWidth(_ p: UnsafeBufferPointer<UInt8>, before at: Int, from: Int) -> Int? {
        if at - 1 >= from, p[at - 1] == 0x27 { return 1 }
        if at - 3 >= from, p[at - 3] == 0xE2, p[at - 2] == 0x80, p[at - 1] == 0x99 { return 3 }
        return nil
    }

    /// Every scalar of bytes `from..<to` is alphabetic.
    private static func allLetters(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, ascii: Bool) -> Bool {
        if ascii {
            for k in from..<to where !((p[k] | 0x20) >= 0x61 && (p[k] | 0x20) <= 0x7A) { return false }
            return true
        }
        return String(decoding: UnsafeBufferPointer(rebasing: p[from..<to]), as: UTF8.self)
            .unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
    }

    /// Bytes `from..<to`, upper-cased, are one of `abbreviations`.
    private static func isAbbreviation(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, ascii: Bool) -> Bool {
        guard ascii else {
            // Upper-casing some non-ASCII letters gives ASCII ones (`ſt` → `ST`): ask the String.
            return abbreviations.contains(String(decoding: UnsafeBufferPointer(rebasing: p[from..<to]), as: UTF8.self).uppercased())
        }
        guard to - from <= 4 else { return false }
        return packedAbbreviations.contains(packed(p[from..<to]))
    }

    /// Up to four ASCII bytes, upper-cased, in one integer (the length in the top byte's place is implied
    /// by the zero bytes: no abbreviation holds a NUL).
    @inline(__always)
    private static func packed<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var v: UInt32 = 0
        for b in bytes { v = v << 8 | UInt32(b >= 0x61 && b <= 0x7A ? b - 0x20 : b) }
        return v
    }
}
