import CableParser
import Testing
@testable import CableEntities

/// The recogniser's shortcuts (round 7) must answer as the work they skip: a rule gate that says no means
/// the rule returns nil, the sparse-flag bitmap never hides a stored flag, and the English answer read
/// from a token's bytes is `Gazetteer.isEnglish`'s.
@Suite struct RecognizerShortcutTests {
    static let extra = [
        "The Gebeit region and the Jordan valley lie near Tindouf; in Saada the GOK, GoA and HMG met BOTAS, SBIG and PGOV.",
        "SHORT CAPS LINE FOR THE AMBASSADOR AND THE US EMBASSY IN ALMATY SAID NATIONAL ELECTORAL COUNCIL",
        "ref B. para C. Simon de la Cruz, Osama bin Laden and Jan van der Berg met the Ministry of Defense's office.",
        "UNBANNING, REELECTED, WON'T, THEY'LL, CAN'T, ANTI-GUERRILLA, FIVE-HOUR, X-1, 2009-2010, -, --, A-, -B, "
            + "INCOMPREHENSION, NEGOTIABLE, Nazarbayev-era, co-chair, RE-ELECTED, O'MARA, D'S, UN'T",
    ]

    /// Every paragraph of the fixture cables and the texts above, tokenised as `annotate` does.
    static func paragraphs(_ g: Gazetteer) throws -> [TokenList] {
        let texts = try FixtureCables.parsed().flatMap { $0.cable.paragraphs.map(\.text) } + extra
        return texts.map { Tokenizer.splitCompounds(Tokenizer.tokenize($0, lexicon: g.lexicon), gazetteer: g) }
    }

    @Test func aGateThatSaysNoMeansTheRuleFindsNothing() throws {
        let g = Support.extractor.gazetteer
        let context = CableContext(gazetteer: g, cable: Cable(id: "07ASTANA1", station: "ASTANA", serial: 1))
        var closed = 0, open = 0
        for tokens in try Self.paragraphs(g) {
            let r = ParagraphRecognizer(gazetteer: g, tokens: tokens, context: context)
            for i in tokens.indices where r.isCapWord(i) {
                let run = r.capitalisedRunEnds(from: i, limit: 8, mark: 4)
                let gates: [(Bool, () -> Candidate?, String)] = [
                    (r.mayStartOrganization(i, runEnd: run.end), { r.organizationRun(at: i, runEnd: run.end) }, "organization"),
                    (r.mayStartPlace(i, runEnd: run.markEnd), { r.placeRun(at: i, runEnd: run.markEnd) }, "place"),
                    (r.mayBeGovernmentAcronym(i), { r.governmentAcronym(at: i) }, "government"),
                    (r.mayBeUnknownAcronym(i), { r.unknownAcronym(at: i) }, "acronym"),
                    (r.mayBePrepositionPlace(i), { r.prepositionPlace(at: i) }, "preposition place"),
                ]
                for (gate, rule, name) in gates {
                    if gate { open += 1; continue }
                    closed += 1
                    #expect(rule() == nil, "\(name) gate closed at \(tokens.text(i)) but the rule found a candidate")
                }
            }
        }
        // Both kinds occur, so the test can fail either way.
        #expect(closed > 1_000 && open > 100, "closed \(closed), open \(open)")
    }

    @Test func sparseBitmapHidesNoStoredFlag() throws {
        let g = Support.extractor.gazetteer
        // Every key of the lists behind a sparse flag must pass the bitmap.
        let keys = g.connectors.elements.union(ParagraphRecognizer.placePrepositions.elements)
            .union(ParagraphRecognizer.labelWords.elements).union(ParagraphRecognizer.lowercaseLocationHeads.elements)
        for key in keys {
            guard let hash = KeySet.asciiHash(key) else { continue }
            #expect(g.lexicon.mayHaveSparseFlag(hash: hash), "\(key)")
        }
        // And lazily probed words answer as probed ones, for every sparse flag.
        let context = CableContext(gazetteer: g, cable: Cable(id: "07ASTANA1", station: "ASTANA", serial: 1))
        for tokens in try Self.paragraphs(g) {
            let eager = Tokenizer.tokenize(tokens.string(0, tokens.bytes.count))
            let lazy = Tokenizer.tokenize(tokens.string(0, tokens.bytes.count), lexicon: g.lexicon)
            let a = ParagraphRecognizer(gazetteer: g, tokens: eager, context: context)
            let b = ParagraphRecognizer(gazetteer: g, tokens: lazy, context: context)
            for i in lazy.indices where lazy[i].kind == .word && !lazy[i].isCapitalized {
                for flag in [Lexicon.Flags.connector, .placePreposition, .labelWord, .lowercaseLocationHead] {
                    #expect(a.has(i, flag) == b.has(i, flag), "\(lazy.text(i)) \(flag)")
                }
            }
        }
    }

    @Test func englishFromBytesIsTheGazetteersAnswer() throws {
        let g = Support.extractor.gazetteer
        var asked = 0, english = 0
        for tokens in try Self.paragraphs(g) {
            for i in tokens.indices where tokens[i].kind != .punct && tokens[i].isASCII {
                let expected = g.isEnglish(tokens.keys[i])
                #expect(EnglishMemo.asciiIsEnglish(tokens, i, gazetteer: g) == expected, "\(tokens.text(i))")
                asked += 1
                if expected { english += 1 }
            }
        }
        #expect(asked > 1_000 && english > 100 && english < asked)
    }

    @Test func repeatedAnswersOfTheStopRuleAreKept() throws {
        let g = Support.extractor.gazetteer
        let tokens = Tokenizer.tokenize("Kohout met XXXXXXXXXXXX and Qadhafi.", lexicon: g.lexicon)
        let r = ParagraphRecognizer(gazetteer: g, tokens: tokens, context: CableContext(gazetteer: g, cable: Cable(id: "07X1", station: "X", serial: 1)))
        for _ in 0..<3 {
            #expect(!r.has(0, .stop) && r.has(2, .stop) && !r.has(4, .stop))
            #expect(r.has(0, .honorific) == g.honorifics.contains("KOHOUT") && r.has(4, .firstName) == g.firstNames.contains("QADHAFI"))
        }
    }
}
