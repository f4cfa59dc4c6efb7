/// Splits paragraph text into `Token`s, counting offsets in Unicode scalars (as Python does).
///
/// The cable corpus needs a few special cases: `Brazil,s` is a mangled possessive, `U.S.` and
/// `M. O'MARA` keep their periods, and `Kazakhstan's` is reported as `Kazakhstan` with a flag.
enum Tokenizer {
    /// Abbreviations whose trailing period belongs to the word.
    static let abbreviations: Set<String> = [
        "MR", "MRS", "MS", "DR", "ST", "GEN", "COL", "LT", "AMB", "PROF", "SEN", "REP", "JR", "SR", "MAJ",
        "CAPT", "BRIG", "ADM", "GOV", "MT", "FT", "CO", "CORP", "INC", "LTD", "MME", "CDR", "SGT", "NO",
    ]

    static func tokenize(_ text: String) -> TokenList {
        tokenize(scalars: Array(text.unicodeScalars))
    }

    /// With a built `lexicon`, each ASCII word is looked up in it as it is read (`Token.entry`), and a
    /// stored word takes its key from there instead of making a `String`.
    static func tokenize(scalars: [Unicode.Scalar], lexicon: Lexicon? = nil) -> TokenList {
        var tokens: [Token] = []
        var keys: [String] = []
        tokens.reserveCapacity(scalars.count / 4)
        keys.reserveCapacity(scalars.count / 4)
        let lexicon = lexicon ?? Self.noLexicon
        // Through a buffer pointer: the scan reads every scalar several times, and array reads check bounds.
        scalars.withUnsafeBufferPointer { scalars in
            scan(scalars, lexicon: lexicon, into: &tokens, &keys)
        }
        return TokenList(items: tokens, keys: keys, scalars: scalars)
    }

    private static let noLexicon = Lexicon()

    private static func scan(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, lexicon: Lexicon,
                             into tokens: inout [Token], _ keys: inout [String]) {
        var i = 0
        var atSentenceStart = true
        var atLineStart = true
        let n = scalars.count
        while i < n {
            let s = scalars[i]
            if s.value < 0x80, isWordScalar(s) == false, s != " " && s != "\n" && s != "\t" && s != "\r" {
                // ASCII punctuation: the most common non-word case, without property lookups.
                tokens.append(punct(s, at: i))
                keys.append("")
                if s == "." || s == "!" || s == "?" || s == ":" || s == ";" { atSentenceStart = true }
                if s == "-", i + 1 < n, scalars[i + 1] == "-" { atSentenceStart = true }
                atLineStart = false
                i += 1
                continue
            }
            if isSpace(s) {
                // Wrapped lines are one sentence; a blank line starts a new one.
                var newlines = 0
                while i < n, isSpace(scalars[i]) {
                    if scalars[i] == "\n" { newlines += 1 }
                    i += 1
                }
                if newlines >= 2 { atSentenceStart = true }
                if newlines >= 1 { atLineStart = true }
                continue
            }
            if !isWordScalar(s) {
                tokens.append(punct(s, at: i))
                keys.append("")
                if s == "." || s == "!" || s == "?" || s == ":" || s == ";" { atSentenceStart = true }
                if s == "-", i + 1 < n, scalars[i + 1] == "-" { atSentenceStart = true }
                atLineStart = false
                i += 1
                continue
            }
            var j = i + 1
            var segmentLength = 1  // letters since the token start or the last period, for initials like U.S.
            var ascii = s.isASCII
            while j < n {
                let c = scalars[j]
                if !c.isASCII { ascii = false }
                if isWordScalar(c) {
                    segmentLength += 1
                    j += 1
                } else if (c == "'" || c == "\u{2019}" || c == "-"), j + 1 < n, isWordScalar(scalars[j + 1]) {
                    segmentLength = -100  // "Obama's." is no initial

                    j += 1
                } else if c == "." {
                    let initial = segmentLength == 1 && scalars[j - 1].properties.isAlphabetic
                    if initial || (j - i <= 4 && abbreviations.contains(NameText.string(scalars[i..<j]).uppercased())) {
                        j += 1
                        segmentLength = 0
                        if j < n, isWordScalar(scalars[j]), j + 1 < n, scalars[j + 1] == "." { continue }
                        break
                    }
                    break
                } else {
                    break
                }
            }
            var end = j
            var possessive = false
            // "Brazil8": the corpus's mangled closing quote; the digit is not part of the word.
            if end - i >= 4, scalars[end - 1] == "8",
               scalars[i..<(end - 1)].allSatisfy({ $0.properties.isAlphabetic }) {
                end -= 1
                j = end
            }
            // "Kazakhstan's" / "Kazakhstan’s": the possessive is absorbed by the inner-apostrophe rule; undo it.
            if end - i > 2, scalars[end - 2] == "'" || scalars[end - 2] == "\u{2019}",
               scalars[end - 1] == "s" || scalars[end - 1] == "S" {
                end -= 2
                possessive = true
            } else if j + 1 < n, scalars[j] == ",", scalars[j + 1] == "s" || scalars[j + 1] == "S",
                      j + 2 == n || !isWordScalar(scalars[j + 2]) {
                // "Brazil,s": the corpus's mangled apostrophe.
                possessive = true
                j += 2
            }
            // The scan saw only ASCII (or the word may still be, without a trailing "’s"): the byte path.
            let word = UnsafeBufferPointer(rebasing: scalars[i..<end])
            var (token, key) = ascii || word.allSatisfy({ $0.isASCII })
                ? asciiWord(word, start: i, sentenceStart: atSentenceStart, possessive: possessive, lexicon: lexicon)
                : unicodeWord(word, start: i, sentenceStart: atSentenceStart, possessive: possessive)
            // The flag first: most words have no hyphen, and String.firstIndex walks Characters.
            if !token.isCapitalized, token.hasHyphen {
                let text = NameText.string(word)
                if let dash = text.firstIndex(of: "-"),
                   ["al", "el", "ad", "as", "ash", "ar", "an", "at", "az", "bin", "abu"].contains(text[..<dash]),
                   text[text.index(after: dash)...].first?.isUppercase == true {
                    token.isCapitalized = true  // "al-Masri", "bin-Laden": the particle is lower case, the name is not
                }
            }
            token.lineStart = atLineStart
            tokens.append(token)
            keys.append(key)
            atLineStart = false
            atSentenceStart = false
            i = j
        }
    }

    /// A punctuation token for scalar `s` at offset `at`.
    @inline(__always)
    static func punct(_ s: Unicode.Scalar, at: Int) -> Token {
        Token(kind: .punct, start: at, end: at + 1, isCapitalized: false, isAllCaps: false, sentenceStart: false,
              possessive: false, isASCII: s.isASCII, markValue: s.value)
    }

    /// A word token over `slice`, whose first scalar is at offset `start`, and its key.
    static func word(_ slice: ArraySlice<Unicode.Scalar>, start: Int, sentenceStart: Bool, possessive: Bool) -> (Token, String) {
        slice.withUnsafeBufferPointer { word in
            word.allSatisfy({ $0.isASCII })
                ? asciiWord(word, start: start, sentenceStart: sentenceStart, possessive: possessive, lexicon: noLexicon)
                : unicodeWord(word, start: start, sentenceStart: sentenceStart, possessive: possessive)
        }
    }

    /// `word` for a slice holding a non-ASCII scalar: keys by `NameText.key`, letters by Unicode properties.
    private static func unicodeWord(_ slice: UnsafeBufferPointer<Unicode.Scalar>, start: Int, sentenceStart: Bool,
                                    possessive: Bool) -> (Token, String) {
        let text = NameText.string(slice)
        var letters = 0, upper = 0
        var first: Unicode.Scalar? = nil
        for c in slice where c.properties.isAlphabetic {
            letters += 1
            if first == nil { first = c }
            if c.properties.isUppercase { upper += 1 }
        }
        let kind: Token.Kind = letters == 0 ? .number : .word
        let token = Token(kind: kind, start: start, end: start + slice.count, isCapitalized: first?.properties.isUppercase ?? false,
                          isAllCaps: letters > 0 && upper == letters, sentenceStart: sentenceStart, possessive: possessive,
                          hasHyphen: slice.contains("-"), isASCII: false)
        return (token, kind == .word ? NameText.key(text) : text)
    }

    /// The common case, without Unicode property tables: the key straight from the bytes.
    private static func asciiWord(_ slice: UnsafeBufferPointer<Unicode.Scalar>, start: Int, sentenceStart: Bool,
                                  possessive: Bool, lexicon: Lexicon) -> (Token, String) {
        var letters = 0, upper = 0
        var firstUpper: Bool? = nil
        var hyphen = false
        // The key is the text in capitals (a number has no letters: its text); its FNV-1a (as
        // `KeySet.asciiHash`) is the lexicon's probe.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in slice {
            let v = c.value
            hash = (hash ^ UInt64(v >= 0x61 && v <= 0x7A ? v - 0x20 : v)) &* 0x0000_0100_0000_01b3
            if v == 0x2D { hyphen = true }
            if v >= 0x41 && v <= 0x5A {
                letters += 1; upper += 1
                if firstUpper == nil { firstUpper = true }
            } else if v >= 0x61 && v <= 0x7A {
                letters += 1
                if firstUpper == nil { firstUpper = false }
            }
        }
        let count = slice.count
        let kind: Token.Kind = letters == 0 ? .number : .word
        var token = Token(kind: kind, start: start, end: start + count, isCapitalized: firstUpper ?? false,
                          isAllCaps: letters > 0 && upper == letters, sentenceStart: sentenceStart, possessive: possessive,
                          hasHyphen: hyphen, isASCII: true, hash: hash)
        if lexicon.isBuilt {
            // Most words are in the lexicon: their key is the stored one, no String is made.
            if let entry = lexicon.entry(folding: slice, hash: hash) {
                token.entry = Int32(entry)
                return (token, lexicon.key(entry))
            }
            token.entry = -2
        }
        let key = String(unsafeUninitializedCapacity: count) { buffer in
            for (k, c) in slice.enumerated() {
                let v = UInt8(truncatingIfNeeded: c.value)
                buffer[k] = v >= 0x61 && v <= 0x7A ? v - 0x20 : v
            }
            return count
        }
        return (token, key)
    }

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\n" || s == "\t" || s == "\r" || (!s.isASCII && s.properties.isWhitespace)
    }
}
