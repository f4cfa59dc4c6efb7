import Testing
import Foundation
@testable import CableEntities

/// The byte-level fast paths must give exactly what the standard library's general routines give.
@Suite struct FastPathTests {
    static let samples = [
        "", "plain ASCII, with punctuation: (SBU) U.S.-Czech", "Gutérres and O’Mara met in Zürich",
        "Ελλάδα Россия 日本 — emoji 🇰🇿 and e\u{301} combining", "tabs\tand\nnew lines\r\n", "ﬁ ligature and Ǆ",
    ]

    @Test func stringOfScalarsRoundTrips() {
        for text in Self.samples {
            let scalars = Array(text.unicodeScalars)
            #expect(NameText.string(scalars[...]) == text)
            if scalars.count > 4 {
                let slice = scalars[2..<(scalars.count - 2)]
                #expect(NameText.string(slice) == String(String.UnicodeScalarView(slice)))
            }
        }
    }

    @Test func hyphenFlagFollowsTheText() {
        let tokens = Tokenizer.tokenize("Turkey-brokered al-Masri Zürich-based anti-NATO plain words")
        for i in tokens.indices where tokens[i].kind != .punct {
            #expect(tokens[i].hasHyphen == tokens.text(i).contains("-"), "\(tokens.text(i))")
        }
    }

    @Test func nameCaseOfCapitalsMatchesTheGeneralRule() {
        for word in ["MCCORMICK", "MACARTHUR", "MACK", "O'MARA", "U.S.", "DE", "AL-MASRI", "INR/B", "M.", "X", "3M", "ABU-DHABI"] {
            #expect(NameText.displayName(word) == NameText.nameCase(word) || word == "X", "\(word)")
        }
        #expect(NameText.displayName("MARK MCCORMICK") == "Mark McCormick")
        #expect(NameText.displayName("JUAN DE LA CRUZ\nGOMEZ") == "Juan de la Cruz Gomez")
        #expect(NameText.displayName("X") == "X")
        #expect(NameText.displayName("MÜLLER") == "Müller")
    }

    @Test func slugsOfMixedNames() {
        #expect(NameText.slug("M. O'Mara") == "m-omara")
        #expect(NameText.slug("Ministry of Foreign Affairs (Russia)") == "ministry-of-foreign-affairs-russia")
        #expect(NameText.slug("Gutérres 2nd") == "guterres-2nd")
    }

    /// Letters with no ASCII folding stay in the slug, so such names keep ids of their own.
    @Test func slugsKeepLettersOfOtherScripts() {
        #expect(NameText.slug("Marat Тажин") == "marat-тажин")
        // Folded as Latin is: marks dropped (й -> и, as ü -> u), case folded (ß -> ss).
        #expect(NameText.slug("СЕРГЕЙ ЛАВРОВ") == "сергеи-лавров")
        #expect(NameText.slug("Łukasz Øster-Straße") == "lukasz-oster-strasse")
        #expect(NameText.slug("Diyarbakır") == "diyarbakir")
        #expect(NameText.slug("ŁÓDŹ") == "lodz")
        #expect(NameText.slug("Ahmed «Абу» 2") == "ahmed-абу-2")
        #expect(NameText.slug("— ’ —") == "unnamed")
        // Composed, whatever the input's form: ids are compared as bytes.
        let decomposed = NameText.slug("Kim \u{1112}\u{1161}\u{11AB}"), composed = NameText.slug("Kim \u{D55C}")
        #expect(Array(decomposed.utf8) == Array(composed.utf8) && composed == "kim-\u{D55C}")
    }

    /// Two people who share a first name and have Cyrillic surnames are two entities.
    @Test func cyrillicSurnamesAreNotDropped() {
        let cable = Support.annotated(Support.cable([
            "Foreign Minister Marat Тажин met Deputy Foreign Minister Marat Сарсенбаев in Astana on Monday.",
        ]))
        let people = cable.entities.filter { $0.type == "person" }
        #expect(Set(people.map(\.id)).isSuperset(of: ["person:marat-тажин", "person:marat-сарсенбаев"]),
                "\(people.map(\.id))")
    }
}

/// The counting shortcuts agree with `String.count` and the scalar view.
@Suite struct CountingTests {
    @Test func countsMatchTheStandardLibrary() {
        for text in FastPathTests.samples + ["GOK", "M.", "a\r\nb", "É.", "X1-Y2"] {
            #expect(NameText.characterCount(text) == text.count, "\(text)")
            let counts = NameText.letterAndScalarCounts(text)
            #expect(counts.letters == text.unicodeScalars.filter { $0.properties.isAlphabetic }.count, "\(text)")
            #expect(counts.scalars == text.unicodeScalars.count, "\(text)")
        }
    }
}

/// The metadata rules' byte answers must be Foundation's.
@Suite struct EvidenceTextTests {
    static let lines = [
        "", "   ", "\t NSC FOR CBARTON \t", "SCA/CEN FOR M. O'MARA", "PASS TO MARC FREY AND DAVE GORDNER, KIKO CORTI",
        "eur/we for john smith and jane doe", "FOR", " FOR ", "X FOR A FOR B", "Gutérres for Zürich AND Bern", "no match here",
        "A AND B AND  C", " and and ", "\u{2003}wide space\u{2003}",
    ]

    @Test func trimmingAgreesWithFoundation() {
        for line in Self.lines {
            #expect(CableEvidence.trimmingWhitespace(line) == line.trimmingCharacters(in: .whitespaces), "\(line)")
            let sub = line.dropFirst()
            #expect(CableEvidence.trimmingWhitespace(sub) == sub.trimmingCharacters(in: .whitespaces), "\(sub)")
        }
    }

    @Test func replacingAndAgreesWithFoundation() {
        for line in Self.lines {
            #expect(CableEvidence.replacingAnd(in: line) == line.replacingOccurrences(of: " AND ", with: ",", options: .caseInsensitive), "\(line)")
        }
    }

    @Test func lastForAgreesWithFoundation() {
        for line in Self.lines {
            let expected = line.range(of: " FOR ", options: [.caseInsensitive, .backwards]).map { String(line[$0.upperBound...]) }
            #expect(CableEvidence.afterLastFor(in: line).map(String.init) == expected, "\(line)")
        }
    }
}

/// Keys of words with curly apostrophes are made from bytes; they must be the folded keys.
@Suite struct CurlyKeyTests {
    @Test func curlyApostropheKeysAgreeWithFolding() {
        for word in ["Kazakhstan’s", "O’Mara", "‘quoted’", "don’t", "l’Union", "’", "A‘B’c"] {
            let folded = word.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
                .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil).uppercased()
            #expect(NameText.key(word) == folded, "\(word)")
        }
    }
}
