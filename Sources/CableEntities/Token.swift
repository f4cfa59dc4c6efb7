/// One word or punctuation mark of a paragraph, with its place in Unicode scalars.
struct Token: Sendable {
    /// Word (letters/digits, with inner apostrophes, hyphens and initial-style periods) or a single mark.
    enum Kind: Sendable { case word, number, punct }

    var kind: Kind
    /// Offset of the first scalar in the paragraph text.
    var start: Int
    /// Offset one past the last scalar (a possessive `'s` is not part of the token).
    var end: Int
    /// The token as written.
    var text: String
    /// Comparison key (`NameText.key`); empty for punctuation.
    var key: String
    /// First letter upper case.
    var isCapitalized: Bool
    /// Every letter upper case (and at least one letter).
    var isAllCaps: Bool
    /// First word of a sentence, a heading or the paragraph.
    var sentenceStart: Bool
    /// Followed by a possessive `'s` (also the `,s` mojibake of the corpus).
    var possessive: Bool
    /// First token of a line: lists of names are often one per line.
    var lineStart: Bool = false
    /// The text holds a `-` (known from the scalars, so hyphen checks need no scan of the String).
    var hasHyphen: Bool = false
    /// FNV-1a of the key's bytes when the key is ASCII (`Lexicon`'s probe), 0 when not computed.
    var hash: UInt64 = 0

    var isWord: Bool { kind == .word }
    /// The punctuation scalar, for `.punct` tokens.
    var mark: Unicode.Scalar? { kind == .punct ? text.unicodeScalars.first : nil }
}
