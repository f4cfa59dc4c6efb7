/// Finds entity candidates in one paragraph (or the subject line).
///
/// One left-to-right pass tries, at each word: an organisation or place built around a head word
/// (`... Party`, `Ministry of ...`, `... Square`), the longest gazetteer phrase (places, organisations,
/// titles, demonyms), a government acronym (`GOK`), a name-shaped run of words, and an unknown acronym.
/// A title or honorific makes the words after it a person. Mixed-case text uses capitalisation; text in
/// ALL CAPS (`caps`) relies on the gazetteer, cues, given names and the English lexicon instead.
struct ParagraphRecognizer {
    /// The gazetteer and the cable's context, behind one reference: inline they made the recogniser ~900
    /// bytes, copied whole (`memcpy`) around every rule call of the mutating scan.
    let env: Environment
    let tokens: TokenList
    let caps: Bool
    private(set) var candidates: [Candidate]
    /// What the rules need of a lexicon match. Not the whole `Gazetteer.Phrase`: its arrays and strings
    /// would be retained and released at every one of the many looks per token.
    struct Match {
        var payload: Gazetteer.Payload
    }
    /// A phrase starting at a token and its length in tokens.
    typealias PhraseMatch = (phrase: Match, length: Int)

    /// The longest lexicon phrase starting at each token, looked up once.
    /// Only where the token's flags hold `phraseFound`: the buffer is not initialised as a whole
    /// (filling optionals element by element cost more than a memset, and a `Bool` buffer saying where
    /// cost a memset and a field).
    private let phrases: UnsafeMutablePointer<PhraseMatch>
    /// The number of tokens: the length of the two buffers, kept once (as buffer pointers, each
    /// carried its count; a larger recogniser made every rule call dearer).
    private let count: Int
    /// Word-list memberships of each token's key (`has`), one lexicon probe per token; lazy answers
    /// (a lower-case word's probe, the English rules) are written back when first asked. The memory is
    /// `workspace`'s, which this recogniser holds while it is in use. Two bits are the recogniser's own:
    /// `phraseFound` (a phrase starts here) and `claimed` (the token is inside a candidate already).
    private let lex: UnsafeMutablePointer<Lexicon.Flags>
    /// Where the per-token arrays come from and go back to (`recycle`).
    private let workspace: ParagraphWorkspace

    init(gazetteer: Gazetteer, tokens: TokenList, context: CableContext) {
        self.init(env: Environment(gazetteer: gazetteer, context: context), tokens: tokens)
    }

    init(env: Environment, tokens: TokenList) {
        self.init(env: env, tokens: tokens, workspace: ParagraphWorkspace())
    }

    /// A recogniser whose per-token arrays are `workspace`'s, which it uses until `recycle()` (or until it
    /// is dropped): the workspace must serve no other recogniser meanwhile.
    init(env: Environment, tokens: TokenList, workspace: ParagraphWorkspace) {
        self.env = env
        self.tokens = tokens
        self.workspace = workspace
        let count = tokens.count
        self.count = count
        candidates = workspace.candidates
        workspace.candidates = []
        candidates.removeAll(keepingCapacity: true)
        let phrases = workspace.phrases.slots(count).baseAddress!
        self.phrases = phrases
        var lower = 0, upper = 0
        tokens.items.withUnsafeBufferPointer { items in
            for token in items where token.kind == .word {
                if token.isAllCaps { upper += 1 } else { lower += 1 }
            }
        }
        let caps = upper > 3 * lower && upper >= 3
        self.caps = caps
        // One lexicon probe per token gives its word-list flags and its phrases. In mixed-case text only
        // capitalised words can start a phrase that matters (a lower-case title is followed by a
        // lower-case word), so most words need no phrase matching at all.
        let lex = workspace.flags.filled(count, with: env.markFlags).baseAddress!
        self.lex = lex
        let env = env  // one reference; its lexicon is read in place (a local copy retains its arrays)
        // Where rules can start (capitalised words; every word of capitals text), in order: the scan
        // visits these and no other token. Kept in the workspace, not in this struct (two more stored
        // properties made every rule call dearer).
        let starts = workspace.starts.slots(count)
        var startCount = 0
        // Over the plain token values and flags: most tokens are marks or lower-case words and cost a test.
        tokens.items.withUnsafeBufferPointer { items in
            for i in items.indices where items[i].kind != .punct {
                // A lower-case word of mixed text starts no phrase: its flags are probed if a rule asks (`has`).
                // (-3 is given to lower-case words only, so no rule start is passed over here.)
                if !caps, items[i].entry == -3 { assert(!items[i].isCapitalized); lex[i] = .unprobed; continue }
                let entry = tokens.lexiconEntry(i, in: env.lexicon)
                let (flags, slot) = entry >= 0 ? env.lexicon.stored(Int(entry))
                    : entry == -2 ? ([], .none) : env.lexicon.probe(tokens.keys[i], hash: items[i].hash, in: env.gazetteer)
                lex[i] = flags
                guard items[i].kind == .word, caps || items[i].isCapitalized else { continue }
                starts[startCount] = Int32(truncatingIfNeeded: i)
                startCount += 1
                switch slot {
                case .none: continue
                case .list(let list):
                    if let found = env.lexicon.longestPhraseIndex(list: list, in: tokens, at: i, capsText: caps) {
                        (phrases + i).initialize(to: (Match(payload: env.lexicon.phraseLists[list][found.index].payload), found.length))
                        lex[i] = flags.union(.phraseFound)
                    }
                case .dictionary:
                    if let found = env.gazetteer.longestPhrase(in: tokens, at: i, capsText: caps) {
                        (phrases + i).initialize(to: (Match(payload: found.phrase.payload), found.length))
                        lex[i] = flags.union(.phraseFound)
                    }
                }
            }
        }
        workspace.startCount = startCount
    }

    /// Hands the candidate array back to the workspace for the next paragraph; `candidates` is empty after.
    mutating func recycle() {
        swap(&workspace.candidates, &candidates)
    }

    /// The longest lexicon phrase starting at token `i` (titles, demonyms and entities).
    func phrase(_ i: Int) -> PhraseMatch? {
        guard i < count, i >= 0, lex[i].contains(.phraseFound) else { return nil }
        return phrases[i]
    }

    /// Scans the paragraph and returns candidates sorted by position.
    mutating func run() -> [Candidate] {
        findCandidates()
        return candidates
    }

    /// Scans the paragraph and leaves the candidates in `candidates`, sorted by position.
    mutating func findCandidates() {
        // Every rule starts at a capitalised word (any word of capitals text): only those are visited,
        // in order, from where the last step left off.
        let startCount = workspace.startCount
        let starts = workspace.starts.slots(startCount)  // the set-up pass's list (no larger: not reallocated)
        var next = 0
        for k in 0..<startCount {
            let i = Int(starts[k])
            guard i >= next, !lex[i].contains(.claimed) else { continue }
            if let after = step(at: i) { next = max(after, i + 1) } else { next = i + 1 }
        }
        findAcronymDefinitions()
        // Candidates never overlap, so positions are distinct and the order is the same however it is
        // reached; almost always it is already the order of discovery.
        // By index: a pair of `Candidate` copies would retain and release their strings.
        if candidates.indices.dropFirst().contains(where: { candidates[$0 - 1].first > candidates[$0].first }) {
            candidates.sort { $0.first < $1.first }
        }
    }

    /// Tries every rule at token `i`; returns where to continue, or nil to move one token on.
    private mutating func step(at i: Int) -> Int? {
        // Every rule below starts at a capitalised word (any word in capitals text); most words of
        // mixed-case prose are lower case and skip six calls that each return an optional Candidate.
        guard isCapWord(i) else { return nil }
        // The capitalised run from i, up to 8 words for organisations and 4 for places, in one pass.
        let run = capitalisedRunEnds(from: i, limit: 8, mark: 4)
        // Each rule is called only where its first test can pass (`ParagraphRecognizer+Gates.swift`): most capitalised words
        // start no organisation, place or acronym, and a call that fails at once cost a prologue and its tests.
        if mayStartOrganization(i, runEnd: run.end), let org = organizationRun(at: i, runEnd: run.end) { return add(org) }
        if mayStartPlace(i, runEnd: run.markEnd), let place = placeRun(at: i, runEnd: run.markEnd) { return add(place) }
        // A given name before a surname outranks a place of the same spelling (DOUGLAS BRAVO, Victoria Nuland).
        // The run found here is the one the name rule below would find again: nothing is claimed in between.
        // Kept as plain integers (every name-rule candidate is a person from `i` with no strings): an
        // optional `Candidate` living through the step cost an outlined destroy at every word.
        var givenNameEnd = -1  // -1: not asked; 0: no name; else where the one-word name ends
        var givenNameEvidence = Candidate.Evidence.weak
        if (phrase(i)?.length ?? 0) < 2, has(i, .firstName) {
            givenNameEnd = 0
            if let person = nameRun(at: i) {
                if person.end - person.first >= 2 { return add(person) }
                assert(person.type == .person && person.first == i && person.canonical == nil && person.country == nil)
                givenNameEnd = person.end
                givenNameEvidence = person.evidence
            }
        }
        if let match = phrase(i) {
            return phrase(match.phrase, length: match.length, at: i)
        }
        if mayBeGovernmentAcronym(i), let government = governmentAcronym(at: i) { return add(government) }
        if givenNameEnd < 0 {
            if let person = nameRun(at: i) { return add(person) }
        } else if givenNameEnd > 0 {
            return add(Candidate(type: .person, first: i, end: givenNameEnd, evidence: givenNameEvidence))
        }
        if mayBeUnknownAcronym(i), let acronym = unknownAcronym(at: i) { return add(acronym) }
        if mayBePrepositionPlace(i), let place = prepositionPlace(at: i) { return add(place) }
        return nil
    }

    private mutating func phrase(_ phrase: Match, length: Int, at i: Int) -> Int? {
        switch phrase.payload {
        case .entity(let index):
            if caps, tokens.keyIs(i, "US"), length == 1, !usIsCountry(at: i) { return i + 1 }
            return add(knownCandidate(index, first: i, end: i + length))
        case .title:
            let afterTitle = skipTitleComplement(from: i + length)
            if let person = personAfterCue(at: afterTitle) { _ = add(person) }
            return i + length
        case .demonym:
            return i + length
        }
    }

    /// Records a candidate and claims its tokens; returns the index after it.
    @discardableResult
    mutating func add(_ candidate: consuming Candidate) -> Int {
        let first = candidate.first, end = candidate.end
        guard first < end else { return first + 1 }
        precondition(first >= 0 && end <= count, "candidate out of range")
        for k in first..<end where lex[k].contains(.claimed) { return first + 1 }
        for k in first..<end { lex[k].insert(.claimed) }
        // Taken, not copied: the rules hand over a candidate they made (no retain of its strings).
        candidates.append(candidate)
        return end
    }

    @inline(__always)
    func isClaimed(_ i: Int) -> Bool {
        precondition(UInt(bitPattern: i) < UInt(count), "token index out of range")
        return lex[i].contains(.claimed)
    }

    /// `(EGIS)` right after an organisation names its acronym; the acronym joins the entity.
    private mutating func findAcronymDefinitions() {
        for index in candidates.indices where candidates[index].type == .organization {
            let end = candidates[index].end
            guard end + 2 < tokens.count, tokens[end].mark == "(", tokens[end + 2].mark == ")" else { continue }
            let acronym = tokens[end + 1]
            guard acronym.kind == .word, acronym.isAllCaps || Gazetteer.looksLikeAcronym(tokens.text(end + 1)),
                  tokens.characterCount(end + 1) >= 2 else { continue }
            candidates[index].definedAcronym = tokens.keys[end + 1]
            if !lex[end + 1].contains(.claimed) {
                lex[end + 1].insert(.claimed)
                var alias = candidates[index]
                alias.first = end + 1
                alias.end = end + 2
                alias.definedAcronym = nil
                candidates.append(alias)
            }
        }
    }

    // MARK: Small token predicates shared by the rule files

    // The small predicates below run several times for most capitalised words: inlined, each
    // costs no call and prologue around the test.
    @inline(__always)
    func isWord(_ i: Int) -> Bool { i < tokens.count && tokens[i].kind == .word }

    /// A capitalised word in mixed text; any word in ALL-CAPS text.
    @inline(__always)
    func isCapWord(_ i: Int) -> Bool { isWord(i) && (caps || tokens[i].isCapitalized) }

    @inline(__always)
    func isStop(_ i: Int) -> Bool { has(i, .stop) }

    /// Whether token `i`'s key is in the word list(s) of `flag`, from the one lexicon probe made per token.
    /// Inlined is only the answer from the flags at hand; a word not probed yet and a key in no list go
    /// to `hasSlowly` (inlined whole, every rule grew by its probe and English code).
    @inline(__always)
    func has(_ i: Int, _ flag: Lexicon.Flags) -> Bool {
        // The memory is not bounds-checked: check here, as the array this was did.
        precondition(UInt(bitPattern: i) < UInt(count), "token index out of range")
        let flags = lex[i]
        // `unprobed` and the `...Asked` marks are no list flags: no rule asks them.
        if flags.contains(flag) { return true }
        if flags.contains(.complete) { return false }
        // A probed key in no list: only `english` and `stop` have rules, and their answers are kept once
        // asked. (`flag` is a constant at every call: the tests below fold to one.)
        if flag == .english {
            if flags.contains(.englishAsked) { return false }
        } else if flag == .stop {
            if flags.contains(.stopAsked) { return false }
            // A redaction is `XXX...`: a word starting otherwise is none (an ASCII test on any token).
            let token = tokens[i]
            if !flags.contains(.unprobed), token.end > token.start, tokens.bytes[token.start] | 0x20 != 0x78 { return false }
        } else if !flags.contains(.unprobed) {
            return false
        } else if Lexicon.Flags.sparse.contains(flag) {
            // A lower-case word asked for a flag few keys have is probed only if its hash may be one of theirs.
            if flags.contains(.noSparseFlag) { return false }
            if !env.sparseFlagMayHold(tokens.keyHash(i)) {
                lex[i] = flags.union(.noSparseFlag)
                return false
            }
        }
        return hasSlowly(i, flag)
    }

    /// `has` for a word not probed yet (a lower-case word of mixed text) or a key in no list.
    @inline(never)
    private func hasSlowly(_ i: Int, _ flag: Lexicon.Flags) -> Bool {
        var flags = lex[i]
        if flags.contains(.unprobed) {
            let entry = tokens.lexiconEntry(i, in: env.lexicon)
            // The probe's flags replace `unprobed`; a claim made before stays.
            flags = (entry >= 0 ? env.lexicon.stored(Int(entry)).flags : []).union(flags.intersection(.claimed))
            lex[i] = flags
            if flags.contains(flag) { return true }
            if flags.contains(.complete) { return false }
        }
        // A key in no list: only the rules can say yes. The English rules' answer is kept: several rules
        // ask it of the same word.
        if flag == .english {
            if flags.contains(.englishAsked) { return false }
            let english = workspace.english.pointee.isEnglish(tokens, i, env: env)
            lex[i] = flags.union(english ? [.english, .englishAsked] : .englishAsked)
            return english
        }
        if flag == .stop {
            let redaction = tokens.isRedaction(i)
            lex[i] = flags.union(redaction ? [.stop, .stopAsked] : .stopAsked)
            return redaction
        }
        return false
    }

    /// `XXXXXXXXXXXX`: a redacted name, never an entity.
    static func isRedaction(_ key: String) -> Bool {
        key.utf8.count >= 3 && key.utf8.allSatisfy { $0 == 0x58 }
    }

    /// A connector word (`de`, `bin`) between name words: in mixed text a lower-case one.
    @inline(__always)
    func isConnector(_ i: Int) -> Bool {
        isWord(i) && (caps || !tokens[i].isCapitalized) && has(i, .connector)
    }

    /// In capitals, `US` is the pronoun unless the context says country (`THE US`, `US OFFICIALS`, `US-`).
    private func usIsCountry(at i: Int) -> Bool {
        if i > 0, tokens.keyIs(i - 1, "THE") { return true }
        if i + 1 < tokens.count {
            if tokens[i + 1].mark == "-" { return true }
            if has(i + 1, .nounAfterUS) { return true }
        }
        return false
    }

    static let nounsAfterUS: KeySet = [
        "GOVERNMENT", "EMBASSY", "OFFICIALS", "OFFICIAL", "POLICY", "POLICIES", "FORCES", "MILITARY", "TROOPS",
        "DELEGATION", "SIDE", "CITIZENS", "CITIZEN", "COMPANIES", "COMPANY", "FIRMS", "ASSISTANCE", "SUPPORT",
        "INTERESTS", "AMBASSADOR", "CONGRESS", "ARMY", "NAVY", "MARINES", "AUTHORITIES", "VISA", "VISAS", "AID",
        "PERSONNEL", "ADMINISTRATION", "RELATIONS", "MISSION", "NAVAL", "INVESTMENT", "INVESTORS", "EXPORTS",
        "MARKET", "DOLLAR", "DOLLARS", "POSITION", "VIEW", "VIEWS", "PRESIDENT", "SECRETARY", "CONSULATE",
        "PARTNERS", "TRADE", "GOVERNMENT'S", "INTELLIGENCE", "DEPARTMENT", "STATE", "ANALYSTS", "OFFICERS",
    ]

    /// The country named by a demonym or country word right before token `i` (`Russian MFA` → RS).
    func countryBefore(_ i: Int) -> String? {
        guard i > 0, tokens[i - 1].kind == .word else { return nil }
        return env.context.countryOfAdjective(tokens.keys[i - 1])
    }
}
