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
