/// One word or punctuation mark of a paragraph, with its place in Unicode scalars.
///
/// A plain value with no strings: copying one costs no reference counting. Its text is the scalar range
/// `start..<end` of the paragraph (`TokenList.text`), its comparison key is `TokenList.keys`.
struct Token: Sendable {
    /// Word (letters/digits, with inner apostrophes, hyphens and initial-style periods) or a single mark.
    enum Kind: UInt8, Sendable { case word, number, punct }

    /// FNV-1a of the key's bytes when the key is ASCII (`Lexicon`'s probe), 0 when not computed.
    var hash: UInt64 = 0
    // Offsets stored in 32 bits: a token of 32 bytes is copied in registers, a larger one by `memcpy`
    // (a paragraph never approaches 2^31 scalars).
    private var start32: Int32
    private var end32: Int32
    /// Offset of the first scalar in the paragraph text.
    var start: Int {
        get { Int(start32) }
        set { start32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// Offset one past the last scalar (a possessive `'s` is not part of the token).
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
    /// The text holds a `-` (known from the scalars, so hyphen checks need no scan).
    var hasHyphen: Bool = false
    /// Every scalar is ASCII, so the text's Characters are its scalars (words hold no `\r`).
    var isASCII: Bool = true
    /// The key's `Lexicon` entry when the tokeniser probed it: -1 not probed, -2 probed and not stored.
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

/// The tokens of one text with what they need that is not a plain value: the comparison keys and the
/// scalars their text is read from. Indexing gives the `Token`s.
struct TokenList: RandomAccessCollection, Sendable {
    var items: [Token]
    /// Comparison key of each token (`NameText.key`); the number as written for numbers, empty for marks.
    var keys: [String]
    /// The scalars of the text the offsets count.
    let scalars: [Unicode.Scalar]

    var startIndex: Int { 0 }
    var endIndex: Int { items.count }
    subscript(i: Int) -> Token { items[i] }

    /// The token as written, made only when a rule or a mention needs it.
    func text(_ i: Int) -> String {
        let token = items[i]
        if token.kind == .punct, token.markValue < 0x80 { return Self.asciiStrings[Int(token.markValue)] }
        return NameText.string(scalars[token.start..<token.end])
    }

    /// The token's scalars.
    func slice(_ i: Int) -> ArraySlice<Unicode.Scalar> { scalars[items[i].start..<items[i].end] }

    /// One-character strings for the ASCII scalars, made once: punctuation tokens are a fifth of all tokens.
    private static let asciiStrings: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }
}

/// Character-level questions about a token's text, answered from the scalars when the token is ASCII
/// (where scalars are Characters) and from the `String` otherwise, so that both give the same answers.
extension TokenList {
    /// `text(i).count`.
    func characterCount(_ i: Int) -> Int {
        items[i].isASCII ? items[i].end - items[i].start : text(i).count
    }

    /// Alphabetic scalars of the token.
    func letterCount(_ i: Int) -> Int {
        if items[i].isASCII {
            var n = 0
            for s in slice(i) where (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A { n += 1 }
            return n
        }
        return slice(i).filter { $0.properties.isAlphabetic }.count
    }

    /// `Go` + capitals (`GoA`, `GoK`): the form of some government acronyms.
    func isGoForm(_ i: Int) -> Bool {
        let token = items[i]
        guard token.isASCII else {
            let text = text(i)
            return text.utf8.starts(with: [0x47, 0x6F]) && text.dropFirst(2).allSatisfy(\.isUppercase)
        }
        guard token.end - token.start >= 2, scalars[token.start] == "G", scalars[token.start + 1] == "o" else { return false }
        return scalars[(token.start + 2)..<token.end].allSatisfy { $0.value >= 0x41 && $0.value <= 0x5A }
    }

    /// `MEPs`, `NGOs`: capitals and a plural s.
    func isPluralAcronym(_ i: Int) -> Bool {
        let token = items[i]
        guard token.isASCII else { return ParagraphRecognizer.isPluralAcronym(text(i)) }
        guard token.end - token.start >= 3, scalars[token.end - 1] == "s" else { return false }
        return scalars[token.start..<(token.end - 1)].allSatisfy { $0.value >= 0x41 && $0.value <= 0x5A }
    }

    /// One character and a period (`M.`), before the list-label check of `ParagraphRecognizer.isInitial`.
    func isInitialShape(_ i: Int) -> Bool {
        let token = items[i]
        guard token.end > token.start, scalars[token.end - 1] == "." else { return false }
        if token.isASCII { return token.end - token.start == 2 }
        let text = text(i)
        return NameText.characterCount(text) == 2 && text.hasSuffix(".")
    }
}
