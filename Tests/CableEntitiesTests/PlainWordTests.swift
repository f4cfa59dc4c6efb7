import Testing
@testable import CableEntities

/// Words ending at a comma or a period take the tokeniser's plain path unless the mark may belong to
/// them; both paths must cut the same tokens.
@Suite struct PlainWordTests {
    @Test func commasAndPeriodsEndPlainWords() {
        let text = "The Minister, however, said. U.S. and Mr. Smith of Acme Corp. met M. O'MARA in Brazil,s capital, Brasilia,S not Kazakhstan, Sept. 3. Later,shortly 1998. ABCDE. ab. x."
        let tokens = Tokenizer.tokenize(text)
        let words = tokens.indices.filter { tokens[$0].kind != .punct }.map { tokens.text($0) + (tokens[$0].possessive ? "'s" : "") }
        #expect(words == ["The", "Minister", "however", "said", "U.S.", "and", "Mr.", "Smith", "of", "Acme", "Corp.", "met",
                          "M.", "O'MARA", "in", "Brazil's", "capital", "Brasilia's", "not", "Kazakhstan", "Sept", "3", "Later",
                          "shortly", "1998", "ABCDE", "ab", "x."])
        // Sentence starts follow the periods that end words.
        let later = tokens.indices.first { tokens.text($0) == "Later" }!
        #expect(tokens[later].sentenceStart)
        for i in tokens.indices where tokens[i].kind != .punct && tokens[i].isASCII && !tokens[i].possessive {
            let t = tokens[i]
            let general = Tokenizer.word(tokens.bytes[t.start..<t.end], start: t.start, sentenceStart: t.sentenceStart, possessive: false)
            #expect(general.hash == tokens.keyHash(i) && general.isCapitalized == t.isCapitalized && general.isAllCaps == t.isAllCaps, "\(tokens.text(i))")
            #expect(t.hash == 0 || t.hash == general.hash, "\(tokens.text(i)) stored hash")
        }
    }
}
