import Testing
@testable import CableEntities

/// Round 8: a one-word phrase is matched from its `PhraseShape` (`capsOnly`) without `Gazetteer.phraseMatches`;
/// the answers must stay the gazetteer's, above all for acronyms listed in capitals met in other casings.
@Suite struct PhraseShortcutTests {
    @Test func oneWordPhrasesMatchAsTheGazetteerMatches() throws {
        let g = Support.extractor.gazetteer
        let lexicon = g.lexicon
        // Every listed one-word acronym that must be written in capitals, in three casings.
        var words: [String] = []
        for (_, phrases) in g.phrases {
            for phrase in phrases where phrase.capsOnly && phrase.keys.count == 1 {
                let written = phrase.written
                words += [written, written.lowercased(), written.prefix(1).uppercased() + written.dropFirst().lowercased()]
            }
        }
        #expect(words.count > 30)
        let texts = [words.joined(separator: " "), words.joined(separator: ", "), "Kazakhstan KAZAKHSTAN kazakhstan UN Un un U.N. MoD MOD Mod"]
        var compared = 0, capsOnlyTried = 0
        for text in texts {
            let tokens = Tokenizer.tokenize(text, lexicon: lexicon)
            for capsText in [false, true] {
                for i in tokens.indices where tokens[i].kind == .word {
                    let entry = tokens.lexiconEntry(i, in: lexicon)
                    guard entry >= 0, case .list(let list) = lexicon.stored(Int(entry)).phrases else { continue }
                    let plain = g.longestPhraseIndex(lexicon.phraseLists[list], in: tokens, at: i, capsText: capsText)
                    let shaped = lexicon.longestPhraseIndex(list: list, in: tokens, at: i, capsText: capsText)
                    #expect(plain?.index == shaped?.index && plain?.length == shaped?.length, "\(tokens.text(i)) caps \(capsText)")
                    compared += 1
                    if !tokens[i].isAllCaps, lexicon.phraseLists[list].contains(where: { $0.capsOnly && $0.keys.count == 1 }) {
                        capsOnlyTried += 1
                    }
                }
            }
        }
        #expect(compared > 100 && capsOnlyTried > 20, "\(compared) compared, \(capsOnlyTried) acronyms not in capitals")
    }
}
