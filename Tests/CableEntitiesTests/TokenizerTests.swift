import Testing
@testable import CableEntities

/// The corpus's quirks at the word level.
@Suite struct TokenizerTests {
    @Test func possessivesAreFlaggedNotKept() {
        let tokens = Tokenizer.tokenize("Kazakhstan's and Brazil,s and Saito’s")
        let words = tokens.indices.filter { tokens[$0].kind == .word }
        #expect(words.map { tokens.text($0) } == ["Kazakhstan", "and", "Brazil", "and", "Saito"])
        #expect(words.map { tokens[$0].possessive } == [true, false, true, false, true])
        #expect(words.map { tokens.keys[$0] } == ["KAZAKHSTAN", "AND", "BRAZIL", "AND", "SAITO"])
    }

    @Test func initialsAndAbbreviationsKeepTheirPeriods() {
        let tokens = Tokenizer.tokenize("M. O'MARA and the U.S. met Mr. Smith.")
        let words = tokens.indices.filter { tokens[$0].kind == .word }.map { tokens.text($0) }
        #expect(words == ["M.", "O'MARA", "and", "the", "U.S.", "met", "Mr.", "Smith"])
    }

    @Test func keysFoldCaseAndDiacritics() {
        #expect(NameText.key("Gutérres") == NameText.key("GUTERRES"))
        #expect(NameText.key("O’Mara") == "O'MARA")
    }

    @Test func displayNamesAndSlugs() {
        #expect(NameText.displayName("MICHAEL P. OWENS") == "Michael P. Owens")
        #expect(NameText.displayName("SUZANNE MCCORMICK") == "Suzanne McCormick")
        #expect(NameText.displayName("CRISTINA FERNANDEZ DE KIRCHNER") == "Cristina Fernandez de Kirchner")
        #expect(NameText.slug("M. O'Mara") == "m-omara")
        #expect(NameText.slug("Ministry of Foreign Affairs (Russia)") == "ministry-of-foreign-affairs-russia")
        #expect(NameText.slug("Zürich") == "zurich")
    }

    @Test func compoundsSplitAroundKnownNames() throws {
        let g = try Gazetteer.bundled()
        let split = Tokenizer.splitCompounds(Tokenizer.tokenize("Turkey-brokered Thompson-Jones Russia-NATO Trans-Atlantic"), gazetteer: g)
        #expect(split.indices.filter { split[$0].kind == .word }.map { split.text($0) }
                == ["Turkey", "brokered", "Thompson-Jones", "Russia", "NATO", "Trans-Atlantic"])
        // The parts keep their offsets in the paragraph, with the hyphen between them as a mark.
        #expect(split.text(1) == "-" && split[1].start == 6 && split[2].start == 7 && split.keys[2] == "BROKERED")
    }

    @Test func splitPartsKeepTheWordsFlagsAtTheirEnds() throws {
        let g = try Gazetteer.bundled()
        let split = Tokenizer.splitCompounds(Tokenizer.tokenize("Russia-NATO's talks. Turkey-brokered anti-NATO", lexicon: g.lexicon),
                                             gazetteer: g)
        let words = split.indices.filter { split[$0].kind == .word }
        #expect(words.map { split.text($0) } == ["Russia", "NATO", "talks", "Turkey", "brokered", "anti-NATO"])
        // The possessive goes to the last part, the sentence start to the first; the marks sit between them.
        #expect(words.map { split[$0].possessive } == [false, true, false, false, false, false])
        #expect(words.map { split[$0].sentenceStart } == [true, false, false, true, false, false])
        #expect(split.text(1) == "-" && split[1].start == 6 && split[2].start == 7 && split[2].end == 11)
    }
}
