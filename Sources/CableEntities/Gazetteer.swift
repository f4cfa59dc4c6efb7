/// Everything the extractor knows before it reads a cable: names of countries (with FIPS codes and
/// demonyms), cities and regions, organisations and their acronyms, title words, given names and the
/// English lexicon used to tell names from ordinary words.
///
/// Built once from the bundled resources (`Gazetteer.bundled()`) and shared; it is immutable and `Sendable`.
public struct Gazetteer: Sendable {
    /// One known entity.
    struct Entry: Sendable {
        var name: String
        var type: EntityType
        /// FIPS code of the country a place belongs to (or of the country itself).
        var country: String?
        /// A body every government has (`Ministry of Foreign Affairs`): its id is qualified by country.
        var generic: Bool
    }

    /// What a phrase of the lexicon means.
    enum Payload: Sendable, Equatable {
        case entity(Int)
        case title
        case demonym
    }

    /// A phrase as a sequence of word keys.
    struct Phrase: Sendable {
        var keys: [String]
        var payload: Payload
        /// Acronyms (`UN`, `MoD`) match only when written as listed or in capitals, so `us` and `mod` stay words.
        var capsOnly: Bool
        /// The acronym as listed (`MoD`), for `capsOnly` phrases.
        var written: String = ""
        /// A one-word acronym that is also an English word (`LeT`, `WHO`): in ALL-CAPS text it is the word.
        var wordLike = false
    }

    var entries: [Entry] = []
    /// Phrases by the key of their first word, longest first.
    var phrases: [String: [Phrase]] = [:]
    /// Entry index of each country by FIPS code.
    var countryByCode: [String: Int] = [:]
    /// FIPS code of the country of a city or station key (`BUENOSAIRES` → `AR`).
    var countryOfPlace: [String: String] = [:]
    /// Organisation TAGS codes (`EUN` → `European Union`).
    var organizationTags: [String: String] = [:]
    /// Government acronyms that do not follow the `GO` + initial pattern (`HMG` → `UK`).
    var governmentAcronyms: [String: String] = [:]
    /// FIPS code by one-word demonym or country name key (`RUSSIAN`, `RUSSIA` → `RS`).
    var countryOfWord: [String: String] = [:]
    var firstNames: KeySet = []
    /// Keys of capital cities.
    var capitals: KeySet = []
    var englishWords: KeySet = []
    var stopwords: KeySet = []
    var honorifics: KeySet = []
    var orgHeads: KeySet = []
    var orgStarts: KeySet = []
    var locationHeads: KeySet = []
    var connectors: KeySet = []
    /// All of the above in one table (built last by `bundled()`; empty while lists are being loaded).
    var lexicon = Lexicon()

    /// An empty gazetteer (the extractor then relies on cues and capitalisation alone).
    public init() {}

    /// Number of entity names (canonical names and aliases) in the lexicon.
    public var phraseCount: Int { phrases.values.reduce(0) { $0 + $1.count } }

    func entry(_ index: Int) -> Entry { entries[index] }

    /// The country entry for a FIPS code (`KZ`).
    func country(code: String) -> Entry? {
        countryByCode[code].map { entries[$0] }
    }

    /// The longest phrase starting at `tokens[i]`, honouring `capsOnly` and requiring capitals in mixed-case text.
    func longestPhrase(in tokens: TokenList, at i: Int, capsText: Bool) -> (phrase: Phrase, length: Int)? {
        guard let candidates = phrases[tokens.keys[i]] else { return nil }
        return longestPhrase(candidates, in: tokens, at: i, capsText: capsText)
    }

    /// `longestPhrase(in:at:capsText:)` among `candidates`, the phrases of token `i`'s key (found by the caller:
    /// their first word is not compared again).
    func longestPhrase(_ candidates: [Phrase], in tokens: TokenList, at i: Int, capsText: Bool) -> (phrase: Phrase, length: Int)? {
        longestPhraseIndex(candidates, in: tokens, at: i, capsText: capsText).map { (candidates[$0.index], $0.length) }
    }

    /// `longestPhrase(_:in:at:capsText:)` as the index of the phrase in `candidates`: no `Phrase` copied out.
    func longestPhraseIndex(_ candidates: [Phrase], in tokens: TokenList, at i: Int, capsText: Bool) -> (index: Int, length: Int)? {
        // By index, reading fields in place: copying each `Phrase` out retains and releases its arrays.
        let first = tokens[i]
        for p in candidates.indices {
            let count = candidates[p].keys.count
            guard i + count <= tokens.count else { continue }
            if count == 0 { return (p, 0) }
            // What does not depend on the word first (every check must pass, so their order is free).
            if capsText && candidates[p].wordLike { continue }
            if !capsText, candidates[p].payload != .title, !first.isCapitalized { continue }
            if Self.phraseMatches(candidates[p], in: tokens, at: i) { return (p, count) }
        }
        return nil
    }

    /// The words of `phrase` (at least one, and no more than the tokens from `i`) are tokens `i...`: keys
    /// equal (word 0 is token i's by the caller's lookup), no possessive inside, and a `capsOnly` phrase
    /// written in capitals or as listed.
    static func phraseMatches(_ phrase: Phrase, in tokens: TokenList, at i: Int) -> Bool {
        let count = phrase.keys.count
        for k in 0..<count {
            let token = tokens[i + k]
            guard k == 0 || (token.kind == .punct ? tokens.text(i + k) == phrase.keys[k]
                    : tokens.key(i + k, is: phrase.keys[k])) else { return false }
            if k + 1 < count, token.possessive { return false }
            if phrase.capsOnly && !token.isAllCaps && tokens.text(i + k) != phrase.written { return false }
        }
        return true
    }

    /// True for words that are ordinary English (lower-case dictionary entries) — weak name evidence.
    func isEnglish(_ key: String) -> Bool {
        if englishWords.contains(key) { return true }
        // The checks below on a plain byte array: generic suffix/prefix tests on String.UTF8View cost ~2,000
        // instructions a call, and this runs for most capitalised words.
        let bytes = Array(key.utf8)
        // "INCOMPREHENSION", "NEGOTIABLE": long words with a word-forming suffix are no names.
        if bytes.count >= 8, Self.wordSuffixBytes.contains(where: { bytes.count >= $0.count && bytes.suffix($0.count).elementsEqual($0) }) {
            return true
        }
        // "WON'T", "THEY'LL": contractions of ordinary words.
        if let apostrophe = bytes.firstIndex(of: 0x27) {
            let tail = String(decoding: bytes[(apostrophe + 1)...], as: UTF8.self)
            if Self.contractionTails.contains(tail) {
                let stem = String(decoding: bytes[..<apostrophe], as: UTF8.self)
                return englishWords.contains(stem) || stem == "CAN" || stem == "WON"
            }
        }
        // "UNBANNING", "REELECTED": an ordinary word behind an ordinary prefix.
        for prefix in Self.wordPrefixBytes where bytes.count >= prefix.count + 4 && bytes.starts(with: prefix) {
            if englishWords.contains(String(decoding: bytes[prefix.count...], as: UTF8.self)) { return true }
        }
        // "ANTI-GUERRILLA", "FIVE-HOUR": compounds of ordinary words are ordinary.
        guard bytes.contains(0x2D) else { return false }
        return key.split(separator: "-").allSatisfy { part in
            englishWords.contains(String(part)) || Self.prefixes.contains(String(part)) || part.allSatisfy(\.isNumber)
        }
    }

    static let wordSuffixBytes = wordSuffixes.map { Array($0.utf8) }
    static let wordPrefixBytes = wordPrefixes.map { Array($0.utf8) }

    /// What follows the apostrophe of a contraction (`WON'T`, `THEY'LL`), in capitals.
    static let contractionTails = ["T", "LL", "VE", "RE", "D", "M", "S"]
    static let contractionTailBytes = contractionTails.map { Array($0.utf8) }

    /// Suffixes that make ordinary words, not names.
    static let wordSuffixes = ["TION", "SION", "ITY", "ISM", "ABLE", "IBLE", "OUS", "ICAL", "IZATION", "ISATION", "NESS"]

    /// Prefixes glued to ordinary words.
    static let wordPrefixes = ["UN", "RE", "NON", "PRE", "DIS", "MIS", "OVER", "UNDER", "OUT", "INTER", "COUNTER", "MULTI"]

    /// Word prefixes that make compounds, not names (`Trans-Atlantic`, `Anti-American`).
    static let prefixes: KeySet = ["TRANS", "ANTI", "PRO", "PAN", "NEO", "POST", "PRE", "NON", "SUB", "INTER",
                                        "MID", "EX", "CROSS", "SEMI", "MULTI", "CO", "RE", "SELF", "VICE"]
}
