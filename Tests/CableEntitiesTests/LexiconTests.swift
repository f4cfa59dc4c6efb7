import Testing
@testable import CableEntities
import CableParser

/// The one-probe lexicon and the string-free tokens must answer exactly as the lists and `String`s they replace.
@Suite struct LexiconTests {
    static let text = """
        The Ministry of Foreign Affairs said Antonio Guterres, UNHCR and GOK officials met in Almaty. \
        M. O'MARA, Gutérres, MEPs, NGOs, GoA, XXXXXXXXXXXX, 2009-2010, anti-NATO, UNBANNING, WON'T, \
        Zürich's É. Bin-Laden al-Masri PRESIDENT NAZARBAYEV of the REPUBLIC.
        """

    @Test func flagsAgreeWithTheLists() throws {
        let g = try Gazetteer.bundled()
        let tokens = Tokenizer.tokenize(Self.text)
        let lists: [(Lexicon.Flags, (String) -> Bool)] = [
            (.firstName, g.firstNames.contains), (.honorific, g.honorifics.contains), (.orgHead, g.orgHeads.contains),
            (.orgStart, g.orgStarts.contains), (.locationHead, g.locationHeads.contains), (.connector, g.connectors.contains),
            (.capital, g.capitals.contains), (.countryWord, { g.countryOfWord[$0] != nil }),
            (.governmentAcronym, { g.governmentAcronyms[$0] != nil }), (.functionWord, ParagraphRecognizer.functionWords.contains),
            (.commonAcronym, ParagraphRecognizer.commonAcronyms.contains), (.labelWord, ParagraphRecognizer.labelWords.contains),
        ]
        let recognizer = ParagraphRecognizer(gazetteer: g, tokens: tokens, context: CableContext(gazetteer: g, cable: Cable(id: "07X1", station: "X", serial: 1)))
        for i in tokens.indices where tokens[i].kind != .punct {
            let key = tokens.keys[i]
            for (flag, member) in lists {
                #expect(recognizer.has(i, flag) == member(key), "\(key) \(flag)")
            }
            #expect(recognizer.has(i, .english) == g.isEnglish(key), "\(key) english")
            #expect(recognizer.has(i, .stop) == (g.stopwords.contains(key) || ParagraphRecognizer.isRedaction(key)), "\(key) stop")
            if tokens[i].hash != 0 { #expect(KeySet.asciiHash(key) == tokens[i].hash, "\(key) hash") }
            // The hash the rules read (made when asked for a lower-case word the tokeniser left unhashed).
            if tokens[i].isASCII { #expect(KeySet.asciiHash(key) == tokens.keyHash(i), "\(key) key hash") }
        }
        #expect(tokens.indices.contains { recognizer.has($0, .firstName) } && tokens.indices.contains { recognizer.has($0, .english) })
    }

    @Test func wordsTheRulesAnswerStayOutOfTheTable() throws {
        let g = try Gazetteer.bundled()
        let tokens = Tokenizer.tokenize("negotiation Negotiation THE", lexicon: g.lexicon)
        #expect(tokens[0].entry == -3, "a lower-case word is probed only when a rule asks")
        #expect(tokens.lexiconEntry(0, in: g.lexicon) == -2 && tokens[1].entry == -2, "an English-only word is not stored")
        #expect(tokens[2].entry >= 0, "a stop word is stored")
        let recognizer = ParagraphRecognizer(gazetteer: g, tokens: tokens, context: CableContext(gazetteer: g, cable: Cable(id: "07X1", station: "X", serial: 1)))
        #expect(recognizer.has(0, .english) && !recognizer.has(0, .stop) && recognizer.has(2, .stop))
        print("lexicon: \(g.lexicon.storedCount) keys stored, \(g.englishWords.count) English words")
        #expect(g.lexicon.storedCount < g.englishWords.count / 2)
    }

    @Test func characterQuestionsAgreeWithStrings() {
        let tokens = Tokenizer.tokenize(Self.text)
        for i in tokens.indices where tokens[i].kind != .punct {
            let text = tokens.text(i)
            #expect(tokens.characterCount(i) == text.count, "\(text)")
            #expect(tokens.letterCount(i) == text.unicodeScalars.filter { $0.properties.isAlphabetic }.count, "\(text)")
            #expect(tokens.isPluralAcronym(i) == ParagraphRecognizer.isPluralAcronym(text), "\(text)")
            #expect(tokens.isGoForm(i) == (text.utf8.starts(with: [0x47, 0x6F]) && text.dropFirst(2).allSatisfy(\.isUppercase)), "\(text)")
            #expect(tokens.isInitialShape(i) == (text.count == 2 && text.hasSuffix(".")), "\(text)")
            #expect(tokens.keys[i] == (tokens[i].kind == .word ? NameText.key(text) : text), "\(text)")
        }
        #expect(tokens.indices.contains { tokens.isPluralAcronym($0) } && tokens.indices.contains { tokens.isGoForm($0) })
    }
}

/// The tokeniser's plain-word path and its lazy probes must give the tokens and flags of the general path.
@Suite struct LazyLexiconTests {
    @Test func plainWordsGiveTheGeneralPathsTokens() {
        let tokens = Tokenizer.tokenize(LexiconTests.text + " 3RD word2 1998 Brazil8 abc123 Q")
        var plain = 0
        for i in tokens.indices where tokens[i].kind != .punct && tokens[i].isASCII && !tokens[i].possessive {
            let t = tokens[i]
            let general = Tokenizer.word(tokens.bytes[t.start..<t.end], start: t.start, sentenceStart: t.sentenceStart, possessive: false)
            #expect(general.kind == t.kind && general.end == t.end, "\(tokens.text(i))")
            #expect(general.isCapitalized == t.isCapitalized || t.hasHyphen, "\(tokens.text(i)) capitalised")
            // A lower-case plain word may be left unhashed (`Token.hash` 0): the hash the rules read is `keyHash`.
            #expect(general.isAllCaps == t.isAllCaps && general.hash == tokens.keyHash(i) && general.hasHyphen == t.hasHyphen, "\(tokens.text(i))")
            #expect(t.hash == 0 || t.hash == general.hash, "\(tokens.text(i)) stored hash")
            if !t.hasHyphen && !tokens.text(i).contains(".") { plain += 1 }
        }
        #expect(plain > 20)
    }

    @Test func lazyProbesAnswerAsTheTokeniserProbe() throws {
        let g = try Gazetteer.bundled()
        let context = CableContext(gazetteer: g, cable: Cable(id: "07X1", station: "X", serial: 1))
        let eager = Tokenizer.tokenize(LexiconTests.text)
        let lazy = Tokenizer.tokenize(LexiconTests.text, lexicon: g.lexicon)
        #expect(lazy.indices.contains { lazy[$0].entry == -3 }, "lower-case words are left unprobed")
        let a = ParagraphRecognizer(gazetteer: g, tokens: eager, context: context)
        let b = ParagraphRecognizer(gazetteer: g, tokens: lazy, context: context)
        #expect(eager.count == lazy.count)
        let flags: [Lexicon.Flags] = [.stop, .firstName, .english, .connector, .orgHead, .locationHead, .functionWord,
                                      .placePreposition, .lowercaseLocationHead, .countryWord, .phraseStart]
        for i in lazy.indices where lazy[i].kind != .punct {
            for flag in flags { #expect(a.has(i, flag) == b.has(i, flag), "\(lazy.text(i)) \(flag)") }
        }
    }
}
