import CableParser

/// Person rules: names after titles and honorifics, and name-shaped runs of words.
extension ParagraphRecognizer {
    /// After a title, `of`/`for` + a few capitalised words belong to the title
    /// (`High Commissioner for Refugees`, `Chief of National Police`); returns the index after them.
    func skipTitleComplement(from start: Int) -> Int {
        guard start < tokens.count, tokens[start].kind == .word,
              tokens.keyIs(start, "OF") || tokens.keyIs(start, "FOR") else { return start }
        var j = start + 1
        if j < tokens.count, tokens.keyIs(j, "THE") { j += 1 }
        var taken = 0
        while j < tokens.count, taken < 4, isWord(j) {
            if tokens.keyIs(j, "AND") || tokens.keyIs(j, "OF") { j += 1; continue }
            // The complement is ordinary words or known names; the first unusual word may be the person.
            if !caps, !tokens[j].isCapitalized { break }
            guard has(j, .english) || phrase(j) != nil else { break }
            j += 1
            taken += 1
        }
        return taken == 0 ? start : j
    }

    /// The name that follows a title or honorific at `start` (after further titles and demonyms).
    func personAfterCue(at start: Int) -> Candidate? {
        var j = start
        for _ in 0..<3 {
            guard j < tokens.count, tokens[j].kind == .word else { return nil }
            if let match = phrase(j) {
                switch match.phrase.payload {
                case .title, .demonym:
                    j = skipTitleComplement(from: j + match.length)
                    continue
                case .entity(let index):
                    // "A/S VALENZUELA": a one-word town after a title is more likely a surname.
                    let entry = env.gazetteer.entry(index)
                    let isTown = entry.type == .location && entry.country != nil && !has(j, .countryWord)
                        && env.gazetteer.countryOfPlace[tokens.keys[j]] != nil && !has(j, .capital)
                    let nameEndsHere = j + 1 >= tokens.count || !isCapWord(j + 1) || tokens[j].possessive
                    if match.length == 1, isTown, nameEndsHere {
                        return Candidate(type: .person, first: j, end: j + 1, evidence: .cue)
                    }
                    return nil  // "President of Kazakhstan", "Ambassador UNHCR ..."
                }
            }
            break
        }
        guard let end = nameEnd(from: j, afterCue: true) else { return nil }
        return Candidate(type: .person, first: j, end: end, evidence: .cue)
    }

    /// A run of name words starting at `i` with no title before it.
    func nameRun(at i: Int) -> Candidate? {
        guard isCapWord(i), !isStop(i) else { return nil }
        let token = tokens[i]
        if caps {
            // A given name that is also a word (ROB, YOUNG) starts a name only after a title.
            if has(i, .firstName), !has(i, .english),
               let end = nameEnd(from: i, afterCue: false), end - i >= 2 {
                return Candidate(type: .person, first: i, end: end, evidence: .shape)
            }
            // Two or three unusual words in a row (DIOSDADO CABELLO) read as a name.
            var j = i
            while j < tokens.count, j - i < 3, isUnusualCapsWord(j) {
                j += 1
                if tokens[j - 1].possessive { break }
            }
            if j - i >= 2 { return Candidate(type: .person, first: i, end: j, evidence: .shape) }
            // A lone unusual word: weak, kept only if it repeats or echoes a name found elsewhere (QADHAFI).
            if j - i == 1, tokens.keys[i].count >= 4, !tokens.keys[i].utf8.contains(0x2D), !isOfficeSymbol(i) {
                return Candidate(type: .person, first: i, end: j, evidence: .weak)
            }
            return nil
        }
        guard token.isCapitalized, !token.isAllCaps || isInitial(i), !tokens.isPluralAcronym(i) else { return nil }
        guard let end = nameEnd(from: i, afterCue: false) else { return nil }
        let length = end - i
        if length >= 2 {
            let firstIsGiven = has(i, .firstName) || (isInitial(i) && !(length == 2 && has(i + 1, .english)))
            // Every word that is no connector or initial is unusual (no array of them made).
            if firstIsGiven || (i..<end).allSatisfy({ isConnector($0) || isInitial($0) || !has($0, .english) }) {
                return Candidate(type: .person, first: i, end: end, evidence: .shape)
            }
            return nil
        }
        // A lone capitalised word: kept as weak evidence, resolved against the cable's other names.
        if token.sentenceStart || tokens.characterCount(i) < 3 || has(i, .english) { return nil }
        if i > 0, has(i - 1, .placePreposition), tokens[i - 1].kind == .word,
           !tokens[i - 1].isCapitalized {
            return nil  // left to prepositionPlace
        }
        return Candidate(type: .person, first: i, end: end, evidence: .weak)
    }

    /// Where a name starting at `start` ends: capitalised words, initials and inner connectors,
    /// at most five words; nil when `start` cannot begin a name.
    func nameEnd(from start: Int, afterCue: Bool) -> Int? {
        guard isNameWord(start, first: true, afterCue: afterCue) else { return nil }
        var j = start + 1
        var words = 1
        if tokens[start].possessive { return j }
        while j < tokens.count, words < 5 {
            if isConnector(j), isNameWord(j + 1, first: false, afterCue: afterCue), tokens.gapIsAtMostOneScalar(j, j + 1) {
                j += 1
                continue
            }
            guard isNameWord(j, first: false, afterCue: afterCue) else { break }
            // A list of people, one per line: a given name at a line start begins the next person.
            if words >= 2, tokens[j].lineStart, has(j, .firstName) { break }
            if caps, !afterCue, words >= 1, has(j, .english),
               !has(j - 1, .firstName) { break }
            words += 1
            j += 1
            if tokens[j - 1].possessive { break }
        }
        return j
    }

    /// Can token `i` be part of a person's name here?
    func isNameWord(_ i: Int, first: Bool, afterCue: Bool) -> Bool {
        guard isWord(i) else { return false }
        let token = tokens[i]
        // In mixed text a word that is not capitalised is no name word (an initial is capitalised too): every
        // test below would end in no, after probing the word's lists.
        if !caps, !token.isCapitalized { return false }
        if isStop(i) || has(i, .honorific) || has(i, .functionWord) { return false }
        // Asked only by the two cases that read it (its English question about the word before is the
        // costly one).
        func afterGiven() -> Bool {
            !first && i > 0 && (isInitial(i - 1) || has(i - 1, .firstName) && !has(i - 1, .english))
        }
        if let match = phrase(i), !has(i, .firstName) {
            // A title, country or organisation word is not part of a name ("Antonio Guterres said", "Putin Russia"),
            // except a one-word place right after a given name (PAM DURHAM, Simon Bolivar).
            guard afterGiven(), match.length == 1, case .entity(let index) = match.phrase.payload,
                  env.gazetteer.entry(index).type == .location, !has(i, .countryWord) else { return false }
        }
        if isInitial(i) { return true }
        if caps {
            if has(i, .firstName) { return true }
            if has(i, .english) {
                // After a given name or an initial an ordinary word may still be a surname (DOUGLAS BRAVO,
                // A. ARIAS), but not a verb form (JACKSON ADVOCATED).
                let key = tokens.keys[i]
                let verbForm = key.hasSuffix("ED") || key.hasSuffix("ING") || key.hasSuffix("LY")
                return afterGiven() && !verbForm
            }
            return tokens.letterCount(i) >= 2
        }
        guard token.isCapitalized else { return false }
        if token.isAllCaps, tokens.characterCount(i) > 2 {
            // A surname in capitals inside mixed text (Classified By lines, signatures) is fine after a cue.
            return afterCue || !first
        }
        return true
    }

    /// Subject and program TAGS (`PGOV`, `PHUM`) show up in running text of old cables.
    static func isTagCode(_ key: String) -> Bool {
        guard key.count == 4, let kind = TagCatalogue.shared.lookup(key)?.kind else { return false }
        return kind == "subject" || kind == "program"
    }

    /// `INR/B`, `ISN/MTR`: parts of State Department office symbols, not names.
    func isOfficeSymbol(_ i: Int) -> Bool {
        (i > 0 && tokens[i - 1].mark == "/" && tokens[i - 1].end == tokens[i].start)
            || (i + 1 < tokens.count && tokens[i + 1].mark == "/" && tokens[i].end == tokens[i + 1].start)
    }

    /// `M.`, `P.`: one letter and a period.
    @inline(__always)
    func isInitial(_ i: Int) -> Bool {
        guard tokens.isInitialShape(i), tokens[i].isCapitalized else { return false }
        // "ref B.", "para C.": list labels, not initials.
        if i > 0, has(i - 1, .labelWord) { return false }
        return true
    }

    static let labelWords: KeySet = ["REF", "REFS", "REFTEL", "REFTELS", "PARA", "PARAS", "PARAGRAPH", "SECTION", "ANNEX",
                                          "TAB", "ITEM", "PLAN", "POINT", "OPTION", "APPENDIX", "PART", "AND", "OR"]

    /// ALL-CAPS word that is neither English, a stopword nor a known phrase: likely part of a name.
    func isUnusualCapsWord(_ i: Int) -> Bool {
        guard isWord(i), !isClaimed(i) else { return false }
        if isStop(i) || has(i, .english) { return false }
        // An ASCII key is the token's bytes in capitals: its length and letters are read there, and the
        // key `String` is made only for the four-letter tag check.
        let token = tokens[i]
        let key = token.isASCII ? nil : tokens.keys[i]
        let count = key?.count ?? token.end - token.start
        if count < 3 || (count == 4 && Self.isTagCode(key ?? tokens.keys[i])) || has(i, .commonAcronym) { return false }
        if let key {
            if key.unicodeScalars.contains(where: { !$0.properties.isAlphabetic && $0 != "-" && $0 != "'" }) { return false }
        } else {
            for k in token.start..<token.end {
                let b = tokens.bytes[k]
                if (b | 0x20) &- 0x61 >= 26 && b != 0x2D && b != 0x27 { return false }
            }
        }
        return phrase(i) == nil
    }

    static let placePrepositions: KeySet = ["IN", "NEAR", "AT", "FROM"]

    /// `MEPs`, `NGOs`: capitals and a plural s.
    static func isPluralAcronym(_ text: String) -> Bool {
        guard text.count >= 3, text.hasSuffix("s") else { return false }
        return text.dropLast().allSatisfy { $0.isUppercase }
    }
}
