import Testing
@testable import CableEntities

/// The corpus's quirks at the word level.
@Suite struct TokenizerTests {
    @Test func possessivesAreFlaggedNotKept() {
        let tokens = Tokenizer.tokenize("Kazakhstan's and Brazil,s and Saito’s")
        let words = tokens.filter { $0.kind == .word }
        #expect(words.map(\.text) == ["Kazakhstan", "and", "Brazil", "and", "Saito"])
        #expect(words.map(\.possessive) == [true, false, true, false, true])
    }

    @Test func initialsAndAbbreviationsKeepTheirPeriods() {
        let words = Tokenizer.tokenize("M. O'MARA and the U.S. met Mr. Smith.").filter { $0.kind == .word }.map(\.text)
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
        #expect(split.filter { $0.kind == .word }.map(\.text) == ["Turkey", "brokered", "Thompson-Jones", "Russia", "NATO", "Trans-Atlantic"])
    }
}
