import CableParser
import Testing
@testable import CableEntities

/// Round 8: the tokeniser leaves a lower-case plain word unhashed unless it follows a capitalised
/// word; `TokenList.keyHash` makes the hash when a rule asks. The recogniser must answer exactly as over
/// tokens that all carry their hash.
@Suite struct LazyHashTests {
    /// `tokens` with every ASCII word and number hashed, as the tokeniser made them before round 8.
    static func eager(_ tokens: TokenList) -> TokenList {
        var items = tokens.items
        tokens.bytes.withUnsafeBufferPointer { bytes in
            for k in items.indices where items[k].isASCII && items[k].kind != .punct && items[k].hash == 0 {
                items[k].hash = TokenList.foldedHash(UnsafeBufferPointer(rebasing: bytes[items[k].start..<items[k].end]))
            }
        }
        return TokenList(items: items, bytes: tokens.bytes, isASCII: tokens.isASCII)
    }

    @Test func onlyWordsAfterCapitalisedWordsAreHashed() throws {
        let g = Support.extractor.gazetteer
        let tokens = Tokenizer.tokenize("the Minister of state said that in Paris the talks went on", lexicon: g.lexicon)
        let unhashed = tokens.indices.filter { tokens[$0].hash == 0 }.map { tokens.text($0) }
        #expect(unhashed == ["the", "state", "said", "that", "in", "talks", "went", "on"])
        for i in tokens.indices { #expect(tokens.keyHash(i) == KeySet.asciiHash(tokens.keys[i]), "\(tokens.text(i))") }
        // Marks and other scripts have no hash to make.
        let other = Tokenizer.tokenize("Zürich, said", lexicon: g.lexicon)
        #expect(other[0].hash == 0 && other.keyHash(0) == 0 && other.keyHash(1) == 0 && other.keyHash(2) != 0)
    }

    /// Every flag question at every token, and the candidates, agree with the fully hashed tokens over the
    /// fixture paragraphs: a hash made wrongly or not at all would change a sparse-flag answer, a probe or
    /// a phrase match.
    @Test func theRecogniserAnswersAsOverFullyHashedTokens() throws {
        let g = Support.extractor.gazetteer
        let context = CableContext(gazetteer: g, cable: Cable(id: "07ASTANA1", station: "ASTANA", serial: 1))
        let flags: [Lexicon.Flags] = [.stop, .firstName, .english, .connector, .orgHead, .orgStart, .locationHead,
                                      .functionWord, .placePreposition, .lowercaseLocationHead, .labelWord, .countryWord]
        var unhashed = 0, candidates = 0
        for tokens in try RecognizerShortcutTests.paragraphs(g) {
            let full = Self.eager(tokens)
            unhashed += tokens.indices.filter { tokens[$0].hash != full[$0].hash }.count
            for i in tokens.indices { #expect(tokens.keyHash(i) == full[i].hash) }
            var lazy = ParagraphRecognizer(gazetteer: g, tokens: tokens, context: context)
            var eager = ParagraphRecognizer(gazetteer: g, tokens: full, context: context)
            // Twice: the second answers come from what the first kept (`noSparseFlag`, probes, English answers).
            for _ in 0..<2 {
                for i in tokens.indices where tokens[i].kind != .punct {
                    for flag in flags { #expect(lazy.has(i, flag) == eager.has(i, flag), "\(tokens.text(i)) \(flag)") }
                }
            }
            let a = lazy.run(), b = eager.run()
            candidates += a.count
            #expect(a.map { [$0.first, $0.end] } == b.map { [$0.first, $0.end] })
            #expect(a.map(\.type) == b.map(\.type) && a.map(\.canonical) == b.map(\.canonical))
        }
        #expect(unhashed > 1000 && candidates > 100, "the fixtures exercise the shortcut (\(unhashed) unhashed words)")
    }
}
