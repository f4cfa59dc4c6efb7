import CableParser
import Foundation
import Testing
@testable import CableEntities

/// The paragraph pass's reused scratch memory must change nothing: a workspace that has served other
/// paragraphs (longer, shorter, in capitals) gives what a fresh one gives, and the shared pool hands
/// each concurrent call its own.
@Suite struct ParagraphWorkspaceTests {
    static func same(_ a: Token, _ b: Token) -> Bool {
        a.kind == b.kind && a.start == b.start && a.end == b.end && a.hash == b.hash && a.entry == b.entry
            && a.isCapitalized == b.isCapitalized && a.isAllCaps == b.isAllCaps && a.sentenceStart == b.sentenceStart
            && a.possessive == b.possessive && a.lineStart == b.lineStart && a.hasHyphen == b.hasHyphen
            && a.isASCII == b.isASCII && a.markValue == b.markValue
    }

    static func describe(_ c: Candidate) -> String {
        "\(c.type) \(c.first)..<\(c.end) \(c.canonical ?? "-") \(c.country ?? "-") \(c.generic) \(c.evidence) \(c.definedAcronym ?? "-")"
    }

    @Test func reusedWorkspaceGivesWhatAFreshOneGives() throws {
        let cables = try FixtureCables.parsed()
        #expect(cables.count >= 20)
        let g = Support.extractor.gazetteer
        let shared = ParagraphWorkspace()
        var texts = cables.flatMap { $0.cable.paragraphs.map(\.text) }
        // Long before short and short before long, so both stale tails and growth are exercised.
        texts += texts.sorted { $0.utf8.count > $1.utf8.count }
        texts += ["SHORT CAPS LINE FOR THE AMBASSADOR", "", "x", "Turkey-brokered U.S.-Czech anti-NATO Thompson-Jones al-Masri Zürich-based a-b-c"]
        var compared = 0
        for (n, text) in texts.enumerated() {
            let env = ParagraphRecognizer.Environment(gazetteer: g, context: CableContext(gazetteer: g, cable: cables[n % cables.count].cable))
            let fresh = Tokenizer.splitCompounds(Tokenizer.tokenize(text, lexicon: g.lexicon), gazetteer: g)
            // The workspace path splits only the hyphenated words the tokeniser noted.
            let reused = Tokenizer.splitCompounds(Tokenizer.tokenize(text, lexicon: g.lexicon, workspace: shared), gazetteer: g,
                                                  hyphenatedIn: shared)
            #expect(fresh.count == reused.count && fresh.bytes == reused.bytes)
            #expect(zip(fresh.items, reused.items).allSatisfy(Self.same), "tokens of \(text.prefix(40))")
            var a = ParagraphRecognizer(env: env, tokens: fresh)
            var b = ParagraphRecognizer(env: env, tokens: reused, workspace: shared)
            b.findCandidates()
            #expect(a.run().map(Self.describe) == b.candidates.map(Self.describe), "candidates of \(text.prefix(40))")
            #expect(a.caps == b.caps)
            for i in reused.indices {
                for flag in [Lexicon.Flags.english, .stop, .firstName, .connector, .orgHead] {
                    #expect(a.has(i, flag) == b.has(i, flag))
                }
            }
            compared += b.candidates.count
            b.recycle()
            #expect(b.candidates.isEmpty)
        }
        #expect(compared > 100)
    }

    @Test func repeatedEnglishQuestionsKeepTheirAnswer() throws {
        let g = try Gazetteer.bundled()
        let tokens = Tokenizer.tokenize("Negotiation Unbanning Qadhafi negotiation WON'T", lexicon: g.lexicon)
        let recognizer = ParagraphRecognizer(gazetteer: g, tokens: tokens, context: CableContext(gazetteer: g, cable: Cable(id: "07X1", station: "X", serial: 1)))
        for i in tokens.indices where tokens[i].kind != .punct {
            let expected = g.isEnglish(tokens.keys[i])
            // The first answer is computed, the next ones are read back: all must agree with the rules.
            for _ in 0..<3 { #expect(recognizer.has(i, .english) == expected, "\(tokens.text(i))") }
            #expect(recognizer.has(i, .stop) == (g.stopwords.contains(tokens.keys[i]) || ParagraphRecognizer.isRedaction(tokens.keys[i])))
        }
    }

    @Test func poolServesConcurrentCallsWithTheSerialResult() async throws {
        let cables = try FixtureCables.parsed()
        let extractor = Support.extractor
        let serial = cables.map { item -> Cable in
            var cable = item.cable
            extractor.annotate(&cable, rawText: item.raw)
            return cable
        }
        let rounds = 4
        let concurrent = await withTaskGroup(of: (Int, Cable).self) { group in
            for n in 0..<(rounds * cables.count) {
                let item = cables[n % cables.count]
                group.addTask {
                    var cable = item.cable
                    extractor.annotate(&cable, rawText: item.raw)
                    return (n % cables.count, cable)
                }
            }
            var out: [(Int, Cable)] = []
            for await result in group { out.append(result) }
            return out
        }
        #expect(concurrent.count == rounds * cables.count)
        for (index, cable) in concurrent { #expect(cable == serial[index], "\(cable.id)") }
        #expect(extractor.workspaces.count >= 1 && extractor.workspaces.count <= ExtractionWorkspace.Pool.capacity)
    }

    /// One outsized paragraph must not pin 32 bytes per byte of it in the pool; ordinary ones are kept.
    @Test func aWorkspaceGrownByAnOutsizedParagraphIsLetGo() {
        let gazetteer = Gazetteer()
        let pool = ExtractionWorkspace.Pool()
        let ordinary = pool.take(gazetteer: gazetteer)
        _ = Tokenizer.tokenize("FM Tazhin met UNHCR's Guterres in Astana.", lexicon: gazetteer.lexicon, workspace: ordinary.paragraphs)
        pool.give(ordinary)
        #expect(pool.count == 1)

        let grown = pool.take(gazetteer: gazetteer)
        #expect(grown === ordinary)
        let paragraph = String(repeating: "FM Tazhin met UNHCR's Guterres in Astana. ", count: 5_000)
        _ = Tokenizer.tokenize(paragraph, lexicon: gazetteer.lexicon, workspace: grown.paragraphs)
        #expect(grown.paragraphs.retainedBytes > ExtractionWorkspace.Pool.largestKeptParagraphBytes)
        #expect(grown.largestCableBytes <= ExtractionWorkspace.Pool.largestKeptCableBytes)  // the paragraph bound decides
        pool.give(grown)
        #expect(pool.count == 0)
    }

    @Test func particleRuleOnBytesAnswersAsOnStrings() {
        let text = "al-Masri bin-Laden abu-Dhabi el-baz an-Nahar ash-Sharq xal-Masri al- al-3 Al-Masri bi-Laden az-Zarqawi-x al-Mäsri"
        let tokens = Tokenizer.tokenize(text)
        var checked = 0
        for i in tokens.indices where tokens[i].kind == .word && tokens.text(i).contains("-") {
            let word = tokens.text(i)
            let dash = word.firstIndex(of: "-")!
            let first = word.first!.isUppercase
            let rule = Tokenizer.nameParticles.contains(String(word[..<dash]))
                && word[word.index(after: dash)...].first?.isUppercase == true
            #expect(tokens[i].isCapitalized == (first || rule), "\(word)")
            checked += 1
        }
        #expect(checked >= 12)
    }

    @Test func englishMemoAnswersAsTheRulesAndFollowsTheLexicon() throws {
        let g = try Gazetteer.bundled()
        let text = "Negotiation Unbanning Qadhafi negotiation WON'T Nazarbayev NEGOTIATION Qadhafi Reelected anti-NATO Zürich"
        let tokens = Tokenizer.tokenize(text, lexicon: g.lexicon)
        var memo = EnglishMemo()
        for _ in 0..<2 {
            for i in tokens.indices where tokens[i].kind != .punct {
                let answer = memo.isEnglish(tokens, i, gazetteer: g)
                #expect(answer == g.isEnglish(tokens.keys[i]), "\(tokens.text(i))")
            }
        }
        // Another lexicon (a gazetteer whose lists changed): the memo's answers for the old one are dropped.
        var other = g
        other.englishWords.insert("QADHAFI")
        other.lexicon = Lexicon(other)
        let qadhafi = tokens.indices.first { tokens.text($0) == "Qadhafi" }!
        let before = memo.isEnglish(tokens, qadhafi, gazetteer: g)
        let after = memo.isEnglish(tokens, qadhafi, gazetteer: other)
        #expect(!before && after)
        #expect(other.isEnglish("QADHAFI"))
    }


    @Test func phraseHashesChangeNoMatch() throws {
        let g = Support.extractor.gazetteer
        let lexicon = g.lexicon
        var compared = 0, found = 0
        for item in try FixtureCables.parsed() {
            for text in item.cable.paragraphs.map(\.text) + [item.cable.subject ?? ""] {
                let tokens = Tokenizer.tokenize(text, lexicon: lexicon)
                let caps = tokens.filter { $0.kind == .word && $0.isAllCaps }.count * 2 > tokens.filter { $0.kind == .word }.count
                for i in tokens.indices where tokens[i].kind == .word && tokens[i].entry >= 0 {
                    guard case .list(let list) = lexicon.stored(Int(tokens[i].entry)).phrases else { continue }
                    let plain = g.longestPhraseIndex(lexicon.phraseLists[list], in: tokens, at: i, capsText: caps)
                    let hashed = lexicon.longestPhraseIndex(list: list, in: tokens, at: i, capsText: caps)
                    #expect(plain?.index == hashed?.index && plain?.length == hashed?.length, "\(tokens.text(i))")
                    compared += 1
                    if let plain, plain.length > 1 { found += 1 }
                }
            }
        }
        #expect(compared > 500 && found > 20)
    }
}
