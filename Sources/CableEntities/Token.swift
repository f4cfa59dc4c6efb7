/// One word or punctuation mark of a paragraph, with its place in the text's UTF-8 bytes.
///
/// A plain value with no strings: copying one costs no reference counting. Its text is the byte range
/// `start..<end` of the paragraph (`TokenList.text`), its comparison key is `TokenList.keys`.
struct Token: Sendable {
    /// Word (letters/digits, with inner apostrophes, hyphens and initial-style periods) or a single mark.
    enum Kind: UInt8, Sendable { case word, number, punct }

    /// FNV-1a of the key's bytes when the key is ASCII (`Lexicon`'s probe), 0 when not computed.
    var hash: UInt64 = 0
    // Offsets stored in 32 bits: a token of 32 bytes is copied in registers, a larger one by `memcpy`
    // (a paragraph never approaches 2^31 bytes).
    private var start32: Int32
    private var end32: Int32
    /// Byte offset of the token in the paragraph text.
    var start: Int {
        get { Int(start32) }
        set { start32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// Byte offset one past the token (a possessive `'s` is not part of the token).
    var end: Int {
        get { Int(end32) }
        set { end32 = Int32(truncatingIfNeeded: newValue) }
    }
    var kind: Kind
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
    /// The text holds a `-` (known from the scan, so hyphen checks need no second one).
    var hasHyphen: Bool = false
    /// Every scalar is ASCII, so the text's Characters are its scalars (words hold no `\r`).
    var isASCII: Bool = true
    /// The key's `Lexicon` entry when the tokeniser probed it: -1 not probed, -2 probed and not stored,
    /// -3 an ASCII word the tokeniser left unprobed (not capitalised; `TokenList.lexiconEntry` probes it).
    var entry: Int32 = -1
    /// The scalar value of a `.punct` token.
    var markValue: UInt32 = 0

    init(kind: Kind, start: Int, end: Int, isCapitalized: Bool, isAllCaps: Bool, sentenceStart: Bool, possessive: Bool,
         hasHyphen: Bool = false, isASCII: Bool = true, hash: UInt64 = 0, markValue: UInt32 = 0) {
        self.kind = kind
        self.start32 = Int32(truncatingIfNeeded: start)
        self.end32 = Int32(truncatingIfNeeded: end)
        self.isCapitalized = isCapitalized
        self.isAllCaps = isAllCaps
        self.sentenceStart = sentenceStart
        self.possessive = possessive
        self.hasHyphen = hasHyphen
        self.isASCII = isASCII
        self.hash = hash
        self.markValue = markValue
    }

    var isWord: Bool { kind == .word }
    /// The punctuation scalar, for `.punct` tokens.
    var mark: Unicode.Scalar? { kind == .punct ? Unicode.Scalar(markValue) : nil }
}
