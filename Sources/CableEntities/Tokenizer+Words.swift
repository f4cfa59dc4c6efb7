/// Building one token from the bytes the scan found for it: marks, and words by their letters (ASCII
/// by table, other scripts by Unicode properties).
extension Tokenizer {
    /// A punctuation token for scalar `s` at byte `at`, `width` bytes long.
    @inline(__always)
    static func punct(_ s: Unicode.Scalar, at: Int, width: Int = 1) -> Token {
        Token(kind: .punct, start: at, end: at + width, isCapitalized: false, isAllCaps: false, sentenceStart: false,
              possessive: false, isASCII: s.isASCII, markValue: s.value)
    }

    /// A word token over `slice` (bytes of a whole number of scalars), whose first byte is at `start`.
    static func word(_ slice: ArraySlice<UInt8>, start: Int, sentenceStart: Bool, possessive: Bool) -> Token {
        slice.withUnsafeBufferPointer { word in
            word.allSatisfy({ $0 < 0x80 })
                ? asciiWord(word, start: start, sentenceStart: sentenceStart, possessive: possessive)
                : unicodeWord(word, start: start, sentenceStart: sentenceStart, possessive: possessive)
        }
    }

    /// `word` for bytes holding a non-ASCII scalar: letters by Unicode properties.
    static func unicodeWord(_ slice: UnsafeBufferPointer<UInt8>, start: Int, sentenceStart: Bool,
                                    possessive: Bool) -> Token {
        let text = String(decoding: slice, as: UTF8.self)
        var letters = 0, upper = 0
        var first: Unicode.Scalar? = nil
        for c in text.unicodeScalars where c.properties.isAlphabetic {
            letters += 1
            if first == nil { first = c }
            if c.properties.isUppercase { upper += 1 }
        }
        let kind: Token.Kind = letters == 0 ? .number : .word
        return Token(kind: kind, start: start, end: start + slice.count, isCapitalized: first?.properties.isUppercase ?? false,
                     isAllCaps: letters > 0 && upper == letters, sentenceStart: sentenceStart, possessive: possessive,
                     hasHyphen: slice.contains(0x2D), isASCII: false)
    }

    /// The common case, without Unicode property tables.
    static func asciiWord(_ slice: UnsafeBufferPointer<UInt8>, start: Int, sentenceStart: Bool,
                                  possessive: Bool) -> Token {
        var letters = 0, upper = 0
        var firstUpper: Bool? = nil
        var hyphen = false
        // The key is the text in capitals (a number has no letters: its text); its FNV-1a (as
        // `KeySet.asciiHash`) is the lexicon's probe.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // One table load per byte gives its folded value and class (bits 8: upper, 9: lower, 10: hyphen).
        asciiClasses.withUnsafeBufferPointer { classes in
            for v in slice {
                let c = classes[Int(v)]
                hash = (hash ^ UInt64(c & 0xFF)) &* 0x0000_0100_0000_01b3
                guard c > 0xFF else { continue }
                if c & 0x400 != 0 { hyphen = true; continue }
                letters += 1
                if c & 0x100 != 0 { upper += 1 }
                if firstUpper == nil { firstUpper = c & 0x100 != 0 }
            }
        }
        let count = slice.count
        let kind: Token.Kind = letters == 0 ? .number : .word
        let token = Token(kind: kind, start: start, end: start + count, isCapitalized: firstUpper ?? false,
                          isAllCaps: letters > 0 && upper == letters, sentenceStart: sentenceStart, possessive: possessive,
                          hasHyphen: hyphen, isASCII: true, hash: hash)
        return token
    }

    /// Per ASCII byte: the byte in capitals, | 0x100 for an upper-case letter, 0x200 lower-case, 0x400 `-`.
    private static let asciiClasses: [UInt16] = (0..<128).map { v in
        if v >= 0x41 && v <= 0x5A { return UInt16(v) | 0x100 }
        if v >= 0x61 && v <= 0x7A { return UInt16(v - 0x20) | 0x200 }
        if v == 0x2D { return UInt16(v) | 0x400 }
        return UInt16(v)
    }

    /// ASCII letters and digits (by arithmetic: a static table costs a `swift_once` check per access).
    @inline(__always)
    static func isASCIIWordByte(_ b: UInt8) -> Bool {
        b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26
    }

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }
}
