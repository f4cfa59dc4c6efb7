import Synchronization

/// Every word list the recogniser consults, folded into one open-addressing table: a single probe per
/// token answers all the membership questions (stop word, given name, English, title head...) that the
/// rules used to ask one `KeySet` or dictionary at a time.
///
/// Answers are exactly those of the lists it was built from: each stored key's flags are computed by the
/// original lookups, a non-ASCII probe is answered by those lookups directly, and an ASCII probe that is
/// not stored belongs to no list (only `english` and `stop` have rules beyond the lists, and those rules
/// are applied to such probes too).
struct Lexicon: Sendable {
    /// What a word key is, one bit per word list.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt32
        static let stop = Flags(rawValue: 1 << 0)  // a stop word or an `XXXX` redaction
        static let firstName = Flags(rawValue: 1 << 1)
        static let english = Flags(rawValue: 1 << 2)  // `Gazetteer.isEnglish`
        static let honorific = Flags(rawValue: 1 << 3)
        static let orgHead = Flags(rawValue: 1 << 4)
        static let orgStart = Flags(rawValue: 1 << 5)
        static let locationHead = Flags(rawValue: 1 << 6)
        static let connector = Flags(rawValue: 1 << 7)
        static let capital = Flags(rawValue: 1 << 8)
        static let countryWord = Flags(rawValue: 1 << 9)  // a key of `countryOfWord`
        static let governmentAcronym = Flags(rawValue: 1 << 10)  // a key of `governmentAcronyms`
        static let oneWordName = Flags(rawValue: 1 << 11)  // a one-word phrase that is no title
        static let functionWord = Flags(rawValue: 1 << 12)
        static let jargon = Flags(rawValue: 1 << 13)
        static let properModifier = Flags(rawValue: 1 << 14)
        static let placePreposition = Flags(rawValue: 1 << 15)
        static let commonAcronym = Flags(rawValue: 1 << 16)
        static let labelWord = Flags(rawValue: 1 << 17)
        static let lowercaseLocationHead = Flags(rawValue: 1 << 18)
        static let nounAfterUS = Flags(rawValue: 1 << 19)
        static let phraseStart = Flags(rawValue: 1 << 20)  // a key of `phrases`
        /// Not known yet: a lower-case word of mixed text, probed when a rule asks (`ParagraphRecognizer.has`).
        static let unprobed = Flags(rawValue: 1 << 30)
        /// `ParagraphRecognizer.has` asked the English rules of a key in no list; `english` holds their answer.
        static let englishAsked = Flags(rawValue: 1 << 29)
        /// `ParagraphRecognizer.has` asked the stop rule (a redaction) of a key in no list; `stop` holds its answer.
        static let stopAsked = Flags(rawValue: 1 << 28)
        /// `ParagraphRecognizer`: a phrase starts at this token (its match is in the recogniser's `phrases`).
        /// No key is stored with it; a probe's flags replace a token's only before any phrase is matched.
        static let phraseFound = Flags(rawValue: 1 << 27)
        /// `ParagraphRecognizer`: the token is inside a candidate already. No key is stored with it.
        static let claimed = Flags(rawValue: 1 << 26)
        /// `ParagraphRecognizer.has`: the sparse-flag bitmap holds no bit for this unprobed word's hash, so it
        /// has none of `sparse` (kept so that the hash is made once).
        static let noSparseFlag = Flags(rawValue: 1 << 25)
        /// Every flag above is known. Without it (an ASCII key in no list), `english` and `stop` still
        /// depend on `ruleFlags`, which is asked only when a rule needs them: most such words never are.
        static let complete = Flags(rawValue: 1 << 31)
        /// Flags of a few dozen keys that the rules ask of lower-case words (the word after a run, the
        /// word before a name): `sparseHashBits` answers most such questions without a probe.
        static let sparse: Flags = [.connector, .lowercaseLocationHead, .placePreposition, .labelWord]
    }

    /// An open-addressing slot holding everything about its key in 24 bytes: the hash, where the key's
    /// bytes are in `keyBytes`, the flags and the phrases. A plain value: reading one during a probe
    /// retains nothing (a `String` key cost a retain and a release per probe).
    /// A stored key's entry number (`Token.entry`) is its slot index.
    private struct Slot {
        var hash: UInt64 = 0
        var keyStart: Int32 = 0
        var keyCount: Int32 = 0
        var flags: Flags = []
        /// Index into `phraseLists` of the key's phrases (`Gazetteer.phrases`), -1 for none, -2: empty slot.
        var phrases: Int32 = -2
    }

    private(set) var phraseLists: [[Gazetteer.Phrase]] = []
    /// What the phrase matcher reads of every phrase of `phraseLists`, list after list, as plain values
    /// (`Lexicon+Phrases.swift`); `phraseShapeStart[list]..<phraseShapeStart[list + 1]` are a list's.
    private(set) var phraseShapes: [PhraseShape] = []
    private(set) var phraseShapeStart: [Int32] = [0]
    /// Per list, how many of its leading phrases have two words or more (all of them: lists are sorted
    /// longest first), and a 64-bit mask of the buckets (`secondWordBucket`) of their second words' hashes, all bits when one
    /// of those is not ASCII: a token after the first whose bucket is not set starts none of them.
    private(set) var phraseMultiWordCount: [Int32] = []
    private(set) var phraseSecondWordMask: [UInt64] = []
    /// The FNV-1a (`KeySet.asciiHash`, 0 for a non-ASCII key) of every word key of every phrase, end to end
    /// (`PhraseShape.firstWord`).
    private(set) var phraseWordHashes: [UInt64] = []
    /// The stored keys' UTF-8 bytes, end to end.
    private var keyBytes: [UInt8] = []
    private var count = 0
    /// A power of two, at most three quarters full.
    private var slots: [Slot] = Array(repeating: Slot(), count: 16)
    /// False for the empty lexicon of a gazetteer still being loaded: every probe then asks the lists.
    private var built = false
    /// One bit per hash bucket (`sparseBit`) set for every stored key with a `Flags.sparse` flag: a
    /// clear bit means a word of that hash holds none of them, and its probe is not needed.
    private var sparseHashBits = [UInt64](repeating: 0, count: Self.sparseWords)
    private static let sparseWords = 64
    /// Different for every lexicon made in the process: answers memoised for one (`ParagraphWorkspace`)
    /// are dropped when another is used.
    let identity = Lexicon.nextIdentity.add(1, ordering: .relaxed).newValue
    private static let nextIdentity = Atomic<Int>(0)

    /// An empty lexicon: every probe is answered by the lists themselves.
    init() {}

    /// Builds the table from every list of `gazetteer` and the recogniser's fixed lists. The gazetteer
    /// keeps it (`Gazetteer.lexicon`), so it must be rebuilt when a list changes.
    init(_ gazetteer: Gazetteer) {
        built = true
        var all: Set<String> = []
        for set in [gazetteer.firstNames, gazetteer.capitals, gazetteer.englishWords, gazetteer.stopwords,
                    gazetteer.honorifics, gazetteer.orgHeads, gazetteer.orgStarts, gazetteer.locationHeads,
                    gazetteer.connectors] + Self.recogniserLists.map(\.set) {
            all.formUnion(set.elements)
        }
        all.formUnion(gazetteer.countryOfWord.keys)
        all.formUnion(gazetteer.governmentAcronyms.keys)
        all.formUnion(gazetteer.phrases.keys)
        for key in all {
            // "K" (Kelvin sign) equals "K": an ASCII probe must find what the lists say about it.
            let stored = Self.hash(key) != nil ? key : key.precomposedStringWithCanonicalMapping
            guard let hash = Self.hash(stored), find(stored, hash) == nil else { continue }
            var list: Int32 = -1
            if let phrases = gazetteer.phrases[stored] {
                list = Int32(phraseLists.count)
                phraseLists.append(phrases)
                for phrase in phrases {
                    phraseShapes.append(PhraseShape(phrase, firstWord: phraseWordHashes.count))
                    phraseWordHashes.append(contentsOf: phrase.keys.map { KeySet.asciiHash($0) ?? 0 })
                }
                phraseShapeStart.append(Int32(phraseShapes.count))
                // The leading phrases of two words or more (all of them in a sorted list, longest first).
                var multi: Int32 = 0, mask: UInt64 = 0
                for phrase in phrases {
                    guard phrase.keys.count > 1 else { break }
                    multi += 1
                    let hash = KeySet.asciiHash(phrase.keys[1]) ?? 0
                    mask |= hash == 0 ? ~0 : 1 << Self.secondWordBucket(hash)
                }
                phraseMultiWordCount.append(multi)
                phraseSecondWordMask.append(mask)
            }
            let flags = Self.computeFlags(stored, gazetteer)
            // A key whose only flags are those the rules give anyway (most English words) is left out:
            // a miss answers the same, and a table a quarter the size stays in cache.
            if list < 0, flags.subtracting(.complete) == Self.ruleFlags(stored, gazetteer) { continue }
            let start = keyBytes.count
            keyBytes.append(contentsOf: stored.utf8)
            add(Slot(hash: hash, keyStart: Int32(start), keyCount: Int32(keyBytes.count - start), flags: flags, phrases: list))
        }
    }

    /// Where a key's phrases are: `phraseLists[index]`, none, or (for keys the table cannot answer)
    /// in `Gazetteer.phrases`.
    enum PhraseSlot: Equatable { case list(Int), none, dictionary }

    /// The entry of an ASCII word whose key (its bytes in capitals) has FNV-1a `hash`; nil when the key
    /// is not stored or the lexicon is empty.
    @inline(__always)
    func entry(folding word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        guard built else { return nil }
        return slot(of: word, hash: hash, folding: true)
    }

    /// The slot holding `word`'s bytes (upper-cased first when `folding`), nil when none does.
    @inline(__always)
    private func slot(of word: UnsafeBufferPointer<UInt8>, hash: UInt64, folding: Bool) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            keyBytes.withUnsafeBufferPointer { keys in
                let mask = slots.count - 1
                var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
                while true {
                    let slot = slots[index]
                    if slot.phrases == -2 { return nil }
                    if slot.hash == hash, Int(slot.keyCount) == word.count {
                        var same = true
                        let start = Int(slot.keyStart)
                        for k in 0..<word.count {
                            let v = word[k]
                            if (folding && v >= 0x61 && v <= 0x7A ? v - 0x20 : v) != keys[start + k] { same = false; break }
                        }
                        if same { return index }
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    /// What `probe` answers for a stored entry.
    func stored(_ entry: Int) -> (flags: Flags, phrases: PhraseSlot) {
        let list = slots[entry].phrases
        return (slots[entry].flags, list >= 0 ? .list(Int(list)) : .none)
    }

    /// Number of keys in the table.
    var storedCount: Int { count }

    /// Whether probes are answered by the table (false while the gazetteer is being loaded).
    var isBuilt: Bool { built }

    /// `flags` and, in the same probe, where the key's phrases are.
    func probe(_ key: String, hash: UInt64, in gazetteer: Gazetteer) -> (flags: Flags, phrases: PhraseSlot) {
        guard built, let hash = hash != 0 ? hash : Self.hash(key) else { return (Self.computeFlags(key, gazetteer), .dictionary) }
        guard let index = find(key, hash) else { return ([], .none) }
        return stored(index)
    }

    /// The list flags of a word key of `gazetteer` (the one the table was built from): one probe for
    /// ASCII keys, whose FNV-1a `hash` the tokeniser has computed (0: not computed).
    func flags(_ key: String, hash: UInt64, in gazetteer: Gazetteer) -> Flags {
        guard built, let hash = hash != 0 ? hash : Self.hash(key) else { return Self.computeFlags(key, gazetteer) }
        if let index = find(key, hash) { return slots[index].flags }
        return []
    }

    /// The slot of ASCII `key` (FNV-1a `hash`), nil when not stored.
    private func find(_ key: String, _ hash: UInt64) -> Int? {
        if let found = key.utf8.withContiguousStorageIfAvailable({ slot(of: $0, hash: hash, folding: false) }) { return found }
        return Array(key.utf8).withUnsafeBufferPointer { slot(of: $0, hash: hash, folding: false) }
    }

    /// Whether an ASCII word whose key has FNV-1a `hash` may be stored with a `Flags.sparse` flag (false:
    /// it has none of them).
    @inline(__always)
    func mayHaveSparseFlag(hash: UInt64) -> Bool {
        let bit = Self.sparseBit(hash)
        return sparseHashBits.withUnsafeBufferPointer { $0[bit >> 6] & (1 << UInt64(bit & 63)) != 0 }
    }

    /// The bitmap behind `mayHaveSparseFlag`, one bit per `sparseBit` bucket.
    var sparseHashBitmap: [UInt64] { sparseHashBits }

    /// The bucket of `hash` in the sparse-flag bitmap.
    @inline(__always)
    static func sparseBit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash ^ (hash >> 29)) >> 7) & (sparseWords * 64 - 1)
    }

    private mutating func add(_ slot: Slot) {
        if !slot.flags.isDisjoint(with: .sparse) {
            let bit = Self.sparseBit(slot.hash)
            sparseHashBits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        count += 1
        if count * 4 > slots.count * 3 {
            let old = slots
            slots = Array(repeating: Slot(), count: slots.count * 2)
            for item in old where item.phrases != -2 { place(item) }
        }
        place(slot)
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: slot.hash ^ (slot.hash >> 29)) & mask
        while slots[index].phrases != -2 { index = (index + 1) & mask }
        slots[index] = slot
    }

    /// FNV-1a over the UTF-8 bytes; nil when a byte is not ASCII.
    @inline(__always)
    static func hash(_ key: String) -> UInt64? { KeySet.asciiHash(key) }

    /// The flags by asking every list: how stored keys and non-ASCII probes are answered.
    private static func computeFlags(_ key: String, _ g: Gazetteer) -> Flags {
        var f = ruleFlags(key, g).union(.complete)
        if g.stopwords.contains(key) { f.insert(.stop) }
        if g.firstNames.contains(key) { f.insert(.firstName) }
        if g.honorifics.contains(key) { f.insert(.honorific) }
        if g.orgHeads.contains(key) { f.insert(.orgHead) }
        if g.orgStarts.contains(key) { f.insert(.orgStart) }
        if g.locationHeads.contains(key) { f.insert(.locationHead) }
        if g.connectors.contains(key) { f.insert(.connector) }
        if g.capitals.contains(key) { f.insert(.capital) }
        if g.countryOfWord[key] != nil { f.insert(.countryWord) }
        if g.governmentAcronyms[key] != nil { f.insert(.governmentAcronym) }
        if let phrases = g.phrases[key] {
            f.insert(.phraseStart)
            if phrases.contains(where: { $0.keys.count == 1 && $0.payload != .title }) { f.insert(.oneWordName) }
        }
        for (flag, set) in recogniserLists where set.contains(key) { f.insert(flag) }
        return f
    }

    /// What holds of a key that is in no list: English by word formation, a redaction is a stop word.
    static func ruleFlags(_ key: String, _ g: Gazetteer) -> Flags {
        var f: Flags = []
        if ParagraphRecognizer.isRedaction(key) { f.insert(.stop) }
        if g.isEnglish(key) { f.insert(.english) }
        return f
    }

    /// The recogniser's own fixed lists and the flag each sets.
    private static let recogniserLists: [(flag: Flags, set: KeySet)] = [
        (.functionWord, ParagraphRecognizer.functionWords), (.jargon, ParagraphRecognizer.jargon),
        (.properModifier, ParagraphRecognizer.properModifiers), (.placePreposition, ParagraphRecognizer.placePrepositions),
        (.commonAcronym, ParagraphRecognizer.commonAcronyms), (.labelWord, ParagraphRecognizer.labelWords),
        (.lowercaseLocationHead, ParagraphRecognizer.lowercaseLocationHeads), (.nounAfterUS, ParagraphRecognizer.nounsAfterUS),
    ]
}
