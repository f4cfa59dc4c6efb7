import Foundation

/// Organisation and place rules built on head words, government acronyms and unknown acronyms.
extension ParagraphRecognizer {
    /// `Social Democratic Party`, `Ministry of Defense and Armed Forces Logistics`, `NATIONAL ELECTORAL COUNCIL`.
    /// `runEnd`: where `capitalisedRun(from: i, limit: 8)` ends, when the caller has it.
    func organizationRun(at i: Int, runEnd: Int? = nil) -> Candidate? {
        guard isCapWord(i) else { return nil }
        var start = i
        // Sentence openers and articles are not part of the name.
        while start < tokens.count, isWord(start), tokens.keyIs(start, "THE") { start += 1 }
        let run = start == i && runEnd != nil ? (start: start, end: runEnd!) : capitalisedRun(from: start, limit: 8)
        guard run.end - start >= 2 else { return nil }
        var end: Int? = nil
        if has(start, .orgStart), start + 2 < run.end,
           tokens.keyIs(start + 1, "OF") || tokens.keyIs(start + 1, "FOR") {
            // "Ministry of ...", "Center for ...": a starting head word with its complement.
            end = run.end
        } else {
            // Longest prefix ending in a head word ("Shahid Bakeri Industrial Group"), with an of-complement
            // after it ("Administrative Department of Security").
            for j in stride(from: run.end - 1, to: start, by: -1) where has(j, .orgHead) {
                end = j + 1
                if j + 2 < run.end, tokens.keyIs(j + 1, "OF") || tokens.keyIs(j + 1, "FOR") { end = run.end }
                break
            }
        }
        guard var stop = end else { return nil }
        // "Office of North American Affairs Counselor Deng Hongbo": a title inside ends the organisation.
        for k in (start + 1)..<stop where !has(k, .orgStart) && !has(k, .orgHead) {
            if let match = phrase(k), match.phrase.payload == .title {
                stop = k
                break
            }
        }
        while stop > start, isConnector(stop - 1) || (["OF", "FOR", "AND", "THE", "ON"] as [StaticString]).contains(where: { tokens.keyIs(stop - 1, $0) }) { stop -= 1 }
        guard stop - start >= 2 else { return nil }
        if let known = knownPhrase(start, stop) { return known }
        // Openers and jargon at the front are not part of an organisation ("The", "Summary"); a title at the
        // front means a person follows ("Foreign Minister Kohout and Senate ..."), left to the title rule.
        while start < stop, isLeadingNoise(start) {
            if let match = phrase(start), match.phrase.payload == .title { return nil }
            start += 1
        }
        // "TEHRAN NATIONAL IRANIAN OIL COMPANY": a place before a proper modifier is where, not who.
        if stop - start >= 3, has(start + 1, .properModifier),
           let match = phrase(start), match.length == 1,
           case .entity(let index) = match.phrase.payload, env.gazetteer.entry(index).type == .location {
            start += 1
        }
        guard stop - start >= 2 else { return nil }
        if let known = knownPhrase(start, stop) { return known }
        // "MFA Export Control Division": the known organisation is reported on its own, the rest after it.
        if let match = phrase(start), match.length == 1, stop - start > 1,
           case .entity(let index) = match.phrase.payload, env.gazetteer.entry(index).type == .organization {
            return knownPhrase(start, start + match.length)
        }
        if caps && !capsOrganizationIsPlausible(start, stop) { return nil }
        var candidate = Candidate(type: .organization, first: start, end: stop, evidence: .cue)
        if let generic = genericBody(start, stop) {
            candidate.canonical = generic.name
            candidate.generic = true
            candidate.country = generic.country
        }
        return candidate
    }

    /// Words that open a sentence or carry a title before an organisation's name.
    private func isLeadingNoise(_ i: Int) -> Bool {
        if has(i, .functionWord) || has(i, .jargon) { return true }
        if let match = phrase(i), match.phrase.payload == .title,
           !has(i, .orgStart), !has(i, .orgHead) { return true }
        return false
    }

    static let jargon: KeySet = ["SUMMARY", "COMMENT", "NOTE", "END", "BEGIN", "REFTEL", "SEPTEL", "SUBJECT", "ACTION", "REQUEST"]

    /// `Azadi Square`, `MIRANDA STATE`, and the name before a lower-case head (`the Gebeit region` → `Gebeit`).
    /// `runEnd`: where `capitalisedRun(from: i, limit: 4)` ends, when the caller has it.
    func placeRun(at i: Int, runEnd: Int? = nil) -> Candidate? {
        guard isCapWord(i), !isStop(i) else { return nil }
        let run = runEnd.map { (start: i, end: $0) } ?? capitalisedRun(from: i, limit: 4)
        // "Arab street", "Greek islands": a demonym is not a place name.
        if let match = phrase(i), match.phrase.payload == .demonym { return nil }
        if !caps, run.end < tokens.count, isWord(run.end), !tokens[run.end].isCapitalized, run.end > i,
           !tokens[run.end - 1].possessive, has(run.end, .lowercaseLocationHead) {
            for k in i..<run.end where isStop(k) || phrase(k) != nil {
                return nil
            }
            return Candidate(type: .location, first: i, end: run.end, evidence: .cue)
        }
        let end = run.end
        guard end - i >= 2, has(end - 1, .locationHead) else { return nil }
        var ordinary = 0
        for k in i..<(end - 1) {
            if isStop(k) && !isConnector(k) { return nil }
            if has(k, .functionWord) { return nil }
            if has(k, .english) && phrase(k) == nil { ordinary += 1 }
        }
        // In capitals "THE RURAL STATE" is prose; a name needs at least one unusual word.
        if caps && ordinary == end - 1 - i { return nil }
        if knownPhrase(i, end - 1).map({ $0.type != .location }) == true { return nil }
        return Candidate(type: .location, first: i, end: end, evidence: .cue)
    }

    /// `GOK`, `GOI`, `HMG`: the government of the cable's country with that initial.
    func governmentAcronym(at i: Int) -> Candidate? {
        let token = tokens[i]
        // Cheap checks first: this runs at almost every word. "GOK", "GIRoA", "GoA": capitals, or "Go" +
        // capitals. The token's flags before its key is made: most capitalised words are none of these.
        guard token.isCapitalized, token.isAllCaps || tokens.isGoForm(i) || has(i, .governmentAcronym) else { return nil }
        // Only a listed acronym or a `GO`... key can name a government: in capitals text most words are
        // neither, and need no key made.
        guard has(i, .governmentAcronym) || !token.isASCII || tokens.startsWithGO(i) else { return nil }
        // A key of 3-5 characters has 3-20 bytes.
        let key = tokens.keys[i]
        let bytes = key.utf8.count
        guard bytes >= 3, bytes <= 20, (3...5).contains(NameText.characterCount(key)) else { return nil }
        let code: String?
        if let listed = env.gazetteer.governmentAcronyms[key] {
            code = listed
        } else if key.hasPrefix("GO") {
            code = env.context.governmentCountry(initials: String(key.dropFirst(2)))
        } else {
            code = nil
        }
        guard let code, let country = env.gazetteer.country(code: code) else { return nil }
        let name = code == "US" ? "United States Government" : "Government of \(country.name)"
        return Candidate(type: .organization, first: i, end: i + 1, canonical: name, country: code, evidence: .known)
    }

    /// An unknown acronym in mixed-case text (`BOTAS`, `SBIG`): most are organisations in cables.
    func unknownAcronym(at i: Int) -> Candidate? {
        guard !caps, tokens[i].isAllCaps else { return nil }
        // An ASCII key is the token's bytes in capitals: its counts come from the bytes, and the key is made
        // only for the tag check, which only a four-letter key can pass (any non-ASCII key is asked).
        let key = tokens[i].isASCII ? nil : tokens.keys[i]
        let (letters, scalars) = key.map(NameText.letterAndScalarCounts)
            ?? (tokens.letterCount(i), tokens[i].end - tokens[i].start)
        guard letters >= 3, letters <= 7, letters == scalars,
              !has(i, .commonAcronym), !isStop(i), !has(i, .english), !((key != nil || scalars == 4) && Self.isTagCode(key ?? tokens.keys[i])),
              !isOfficeSymbol(i) else { return nil }
        // Portion marks and the like sit in parentheses alone: "(SBU)".
        if i > 0, tokens[i - 1].mark == "(", i + 1 < tokens.count, tokens[i + 1].mark == ")", i < 3 { return nil }
        return Candidate(type: .organization, first: i, end: i + 1, evidence: .weak)
    }

    /// `in Saada`, `near Tindouf`: a lone unusual capitalised word after a place preposition.
    func prepositionPlace(at i: Int) -> Candidate? {
        guard !caps, i > 0, isWord(i), tokens[i].isCapitalized, !tokens[i].isAllCaps, !tokens[i].sentenceStart,
              has(i - 1, .placePreposition), !tokens[i - 1].isCapitalized else { return nil }
        let run = capitalisedRun(from: i, limit: 3)
        var end = i
        while end < run.end, phrase(end) == nil { end += 1 }
        guard end > i else { return nil }
        for k in i..<end where isStop(k) || has(k, .english) || has(k, .firstName) {
            return nil
        }
        return Candidate(type: .location, first: i, end: end, evidence: .weak)
    }

    /// Capitalised words from `start`, with connectors between them (`of`, `and`, `de`), not crossing punctuation.
    func capitalisedRun(from start: Int, limit: Int) -> (start: Int, end: Int) {
        (start, capitalisedRunEnds(from: start, limit: limit, mark: limit).end)
    }

    /// Where the capitalised run from `start` ends with at most `limit` words, and where it would end
    /// with at most `mark` (≤ `limit`) words: the organisation and place rules read both from one pass.
    func capitalisedRunEnds(from start: Int, limit: Int, mark: Int) -> (end: Int, markEnd: Int) {
        var j = start
        var words = 0
        var markEnd = -1
        while true {
            if markEnd < 0, words >= mark { markEnd = j }
            guard j < tokens.count, words < limit, !isClaimed(j) else { break }
            // A compound split by splitCompounds ("NATO-Ukraine Commission") stays one run.
            if tokens[j].mark == "-", j > start, j + 1 < tokens.count, tokens[j - 1].end == tokens[j].start,
               tokens[j].end == tokens[j + 1].start, isCapWord(j + 1), !(caps && has(j + 1, .english)) {
                j += 1
                continue
            }
            guard isWord(j) else { break }
            if isCapWord(j) && !(caps && has(j, .functionWord)) {
                words += 1
                j += 1
                if tokens[j - 1].possessive {
                    // "Prosecutor General's Office" continues; "Kazakhstan's Foreign Minister",
                    // "Iran's Ministry" and "the Ministry's Office" do not.
                    if has(j - 1, .orgHead) || has(j - 1, .countryWord) || has(j - 1, .oneWordName) { break }
                    if !(j < tokens.count && isWord(j) && has(j, .orgHead)) &&
                        !(j + 1 < tokens.count && has(j + 1, .orgHead)) { break }
                }
                continue
            }
            let isAnd = tokens.keyIs(j, "AND")
            var joins = tokens.keyIs(j, "OF") || tokens.keyIs(j, "FOR") || isAnd || tokens.keyIs(j, "ON")
                || (tokens.keyIs(j, "THE") && j > start) || isConnector(j)
            // "... Foreign Affairs and Ministry of Defense": two organisations, not one.
            if isAnd, j + 1 < tokens.count, has(j + 1, .orgStart) { joins = false }
            if joins, j + 1 < tokens.count, isCapWord(j + 1), !(caps && has(j + 1, .functionWord)) {
                j += 1
                continue
            }
            break
        }
        return (j, markEnd < 0 ? j : markEnd)
    }

    /// In capitals an organisation needs a proper-looking first word (`NATIONAL`, a demonym, a place).
    private func capsOrganizationIsPlausible(_ start: Int, _ end: Int) -> Bool {
        guard end - start <= 5 else { return false }
        if has(start, .properModifier) { return true }
        if has(start, .orgStart), end - start >= 3 { return true }
        if let match = phrase(start) {
            if case .title = match.phrase.payload { return false }
            return true
        }
        return false
    }

    /// The span is itself a gazetteer name (`Arab League`, `Foreign Ministry`): report the known entity.
    private func knownPhrase(_ start: Int, _ end: Int) -> Candidate? {
        guard let match = phrase(start), match.length == end - start,
              case .entity(let index) = match.phrase.payload else { return nil }
        return knownCandidate(index, first: start, end: end)
    }

    /// Gazetteer entry `index` as the candidate of tokens `first..<end`; a generic body takes the country
    /// written before it, else the host country.
    func knownCandidate(_ index: Int, first: Int, end: Int) -> Candidate {
        // The entry's fields read in place: a copy of the `Entry` retained and released its strings.
        var candidate = Candidate(type: env.gazetteer.entries[index].type, first: first, end: end,
                                  canonical: env.gazetteer.entries[index].name, evidence: .known)
        if env.gazetteer.entries[index].generic {
            candidate.generic = true
            candidate.country = countryBefore(first) ?? env.context.hostCountry
        }
        return candidate
    }

    /// `Russian Foreign Ministry`: a generic body preceded by a country word.
    private func genericBody(_ start: Int, _ end: Int) -> (name: String, country: String?)? {
        guard end - start >= 2, let country = env.context.countryOfAdjective(tokens.keys[start]),
              let match = phrase(start + 1),
              match.length == end - start - 1, case .entity(let index) = match.phrase.payload,
              env.gazetteer.entry(index).generic else { return nil }
        return (env.gazetteer.entry(index).name, country)
    }

    static let lowercaseLocationHeads: KeySet = [
        "REGION", "PROVINCE", "DISTRICT", "OBLAST", "GOVERNORATE", "STATE", "VALLEY", "RIVER", "MOUNTAINS", "PREFECTURE",
    ]

    static let properModifiers: KeySet = [
        "NATIONAL", "SUPREME", "CENTRAL", "FEDERAL", "STATE", "ISLAMIC", "DEMOCRATIC", "REPUBLICAN", "ROYAL",
        "PEOPLE'S", "POPULAR", "REVOLUTIONARY", "UNITED", "INTERNATIONAL", "WORLD", "EUROPEAN", "AFRICAN", "ARAB",
    ]

    static let functionWords: KeySet = [
        "A", "AN", "THE", "AND", "OR", "BUT", "OF", "TO", "IN", "ON", "AT", "BY", "FOR", "WITH", "FROM", "AS",
        "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "HAS", "HAVE", "HAD", "WILL", "WOULD", "SHOULD", "COULD", "MAY",
        "THAT", "THIS", "THESE", "THOSE", "IT", "ITS", "HE", "SHE", "HIS", "HER", "THEY", "THEIR", "WE", "OUR",
        "NOT", "NO", "ALSO", "WHO", "WHICH", "WHEN", "WHERE", "SAID", "SAYS", "TOLD", "ABOUT", "INTO", "OVER",
    ]

    /// Acronyms that are everywhere in cables and name no organisation.
    static let commonAcronyms = KeySet("""
    SBU NOFORN SIPDIS EXDIS NODIS LIMDIS FOUO REL ORCON PROPIN NOTE END CDA DCM POLOFF EMBOFF ECONOFF POLCOUNS \
    ECONCOUNS DATT RSO LES FSN TDY AMB AMBASSADOR USD EUR GBP RUB KZT JPY CNY GDP GNP FDI MOU MOA LOI JV NGO NGOS \
    WMD IED IEDS HIV AIDS TB SARS CEO CFO COO VIP POC POCS COB FYI ASAP MANPADS UAV UAVS SIGINT HUMINT ISR OSC PRT \
    CSO IDP IDPS SOP EOD QIP FMS FMF IMET EDA ITAR EXBS NPT CTR CWC BWC START SALT ABM CFE INF LNG LPG BCM TCF BBL \
    KWH MW GW KM SMS GMT UTC DTG FAQ PDF URL HTML TEL FAX JUN JUL AUG SEP SEPT OCT NOV DEC JAN FEB MAR APR MON TUE \
    WED THU FRI SAT SUN ASEC OTRA PGOV PREL PHUM PTER ECON EFIN ETRD EPET ENRG MARR MASS KDEM KJUS PINR KCRM SNAR \
    CT COIN PM DPM FM DFM VFM MP MPS PR PA PD ID TV AM FM GOV GOVT MIN MINISTRY REFTEL SEPTEL PARA SUBJ REF ACTION \
    INFO MSG TBD ETA ETD RSVP TOR TORS SOW RFP WTO UNSC USG III IV VI VII VIII XI XII OK AKA CV PPT PHD MBA \
    CHOD DCHOD CJCS JCS SECDEF SECSTATE SECGEN SYG USUN USNATO USEU UNVIE EMB CONGEN AMCONSUL AMEMBASSY EST PST \
    EDT EST CST MST ZULU ATM SUV SUVS APC APCS ATV RPG RPGS AK GPS IT ICT QA SACEUR SACT DSACEUR CMC SIPRNET \
    NIPRNET JWICS OPORD CONOPS SOFA FTA BIT EFTA DCA ROE NCO NCOS ASD DASD PDAS WHA NEA EUR EAP SCA ISN INR DRL \
    PRM INL OES EEB ECA IIP UNSCR IPR ESDP GRPO POTUS VPOTUS
    """.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })
}
