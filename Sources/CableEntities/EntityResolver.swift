/// Merges the candidates of one cable into entities: forms of one name become one entity
/// (`Antonio Guterres`, `Guterres`, `GUTERRES`), acronyms join the organisation they abbreviate, and
/// surnames seen alone are matched to the full names of the same cable.
///
/// Mentions and entities hold their keys and surfaces as spans of `text` (no `String` or array per
/// mention), and every table and buffer is emptied, not freed, by `removeAll()`: one resolver is reused
/// from cable to cable by an extractor's workspace.
struct EntityResolver {
    typealias Span = MentionText.Span

    /// One entity of the cable being built.
    struct Entity {
        var type: EntityType
        /// Word keys of the fullest name seen (in `text.words`).
        var words: Span
        /// Its surface (in `text`'s surface bytes).
        var surface: Span
        var canonical: String?
        var country: String?
        var generic: Bool
        var evidence: Candidate.Evidence
        var mentions = 0
    }

    /// Where a mention lies: a paragraph and token range, or the metadata.
    struct Place { var paragraph: Int; var first: Int; var end: Int }

    /// A mention waiting to be attached.
    struct Pending {
        var type: EntityType
        var words: Span
        var surface: Span
        var canonical: String?
        var country: String?
        var generic: Bool
        var evidence: Candidate.Evidence
        /// Word (in `text.words`) of an acronym defined right after the mention, -1 for none.
        var acronym: Int32
        var place: Place?
    }

    // Stored state is internal (not private) for the resolver's extensions in other files
    // (`+Lookup`, `+Aliases`); nothing outside the resolver and its extractor writes it.
    let gazetteer: Gazetteer
    /// Keys and surfaces of the cable's mentions.
    private(set) var text = MentionText()
    private(set) var pending: [Pending] = []
    var entities: [Entity] = []
    /// (entity, place) of every attached paragraph mention.
    var attached: [(entity: Int, place: Place)] = []
    /// Lone words each entity can be called by (`buildAliases`).
    var aliases = ByteKeyTable()
    /// Entity of each `indexKey`.
    var index = ByteKeyTable()
    /// Entity of each defined acronym (its canonical bytes as written).
    var acronymIndex = ByteKeyTable()
    /// The person entities, in order of creation.
    var persons: [Int] = []
    /// (entity, acronym word) of every acronym attached.
    var acronyms: [(entity: Int, word: Int)] = []
    // Scratch, kept for its capacity.
    private var sortKeys: [Int] = []
    private var rankStarts: [Int] = []
    private var weak: [Int] = []
    private var repeats = ByteKeyTable()
    var key: [UInt8] = []
    private var joined: [UInt8] = []
    private var acronymKey: [UInt8] = []

    init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    /// Forgets the last cable, keeping every buffer's capacity.
    mutating func removeAll() {
        text.removeAll()
        pending.removeAll(keepingCapacity: true)
        entities.removeAll(keepingCapacity: true)
        attached.removeAll(keepingCapacity: true)
        aliases.removeAll()
        index.removeAll()
        acronymIndex.removeAll()
        acronyms.removeAll(keepingCapacity: true)
        persons.removeAll(keepingCapacity: true)
    }

    /// Adds a paragraph's (or the subject's) candidate: its word keys (all of a one-token span, the words
    /// of a longer one) and its surface.
    mutating func add(_ c: Candidate, tokens: TokenList, place: Place?) {
        let first = text.wordCount
        text.appendKeys(of: tokens, from: c.first, to: c.end)
        let words = Span(start: first, count: text.wordCount - first)
        let surface = text.appendSurface(tokens, from: tokens[c.first].start, to: tokens[c.end - 1].end)
        var acronym: Int32 = -1
        if let defined = c.definedAcronym {
            acronym = Int32(truncatingIfNeeded: text.wordCount)
            text.appendKey(defined)
        }
        pending.append(Pending(type: c.type, words: words, surface: surface, canonical: c.canonical, country: c.country,
                               generic: c.generic, evidence: c.evidence, acronym: acronym, place: place))
    }

    /// Adds a mention of the metadata (no place in the text).
    mutating func add(_ m: MetadataMention) {
        let first = text.wordCount
        for key in m.keys { text.appendKey(key) }
        let words = Span(start: first, count: text.wordCount - first)
        let surface = text.appendSurface(m.surface)
        pending.append(Pending(type: m.type, words: words, surface: surface, canonical: m.canonical, country: nil,
                               generic: false, evidence: m.evidence, acronym: -1, place: nil))
    }

    /// Attaches every pending mention; strong evidence and fuller names first, so later short forms find them.
    mutating func resolve() {
        rankOrder()
        // The key buffers are moved out for the pass, so that filling them never copies them.
        var key: [UInt8] = [], joined: [UInt8] = []
        swap(&key, &self.key)
        swap(&joined, &self.joined)
        defer {
            swap(&key, &self.key)
            swap(&joined, &self.joined)
        }
        weak.removeAll(keepingCapacity: true)
        for mention in sortKeys {
            if pending.withUnsafeBufferPointer({ $0[mention].evidence == .weak }) { weak.append(mention); continue }
            var hash: UInt64? = nil
            let target = find(mention, scratch: &key, hash: &hash) ?? create(mention, key: &key, hash: hash)
            attach(mention, to: target)
        }
        guard !weak.isEmpty else { return }
        // Weak mentions count only when they echo a stronger one, or repeat.
        repeats.removeAll()
        for mention in weak {
            joinedKeys(mention, into: &joined)
            joined.withUnsafeBufferPointer { repeats.set($0, (repeats.value($0) ?? 0) + 1) }
        }
        for mention in weak {
            var hash: UInt64? = nil
            if let target = find(mention, scratch: &key, hash: &hash) ?? findAnyType(mention) {
                attach(mention, to: target)
            } else if pending[mention].type != .person || repeatCount(mention, joined: &joined) >= 2 {
                attach(mention, to: create(mention, key: &key, hash: hash))
            }
        }
    }

    /// `sortKeys` = the pending mentions, higher rank (evidence, then word count up to 63) first and in
    /// input order within a rank: a stable counting sort over the 256 ranks, no comparisons.
    private mutating func rankOrder() {
        rankStarts.removeAll(keepingCapacity: true)
        rankStarts.append(contentsOf: repeatElement(0, count: 257))
        sortKeys.removeAll(keepingCapacity: true)
        sortKeys.append(contentsOf: repeatElement(0, count: pending.count))
        pending.withUnsafeBufferPointer { pending in
            rankStarts.withUnsafeMutableBufferPointer { starts in
                for m in pending { starts[256 - Self.rank(m)] += 1 }
                for r in 0..<256 { starts[r + 1] += starts[r] }
                // (Entry 255 - rank now holds where that rank's run starts.)
                sortKeys.withUnsafeMutableBufferPointer { order in
                    for index in pending.indices {
                        let slot = 255 - Self.rank(pending[index])
                        order[starts[slot]] = index
                        starts[slot] += 1
                    }
                }
            }
        }
    }

    /// 0...255: evidence above the word count (capped at 63).
    @inline(__always)
    private static func rank(_ m: Pending) -> Int {
        m.evidence.rawValue * 64 + min(Int(m.words.count), 63)
    }

    private func repeatCount(_ mention: Int, joined: inout [UInt8]) -> Int {
        joinedKeys(mention, into: &joined)
        return joined.withUnsafeBufferPointer { repeats.value($0) } ?? 0
    }

    /// The mention's keys joined by spaces (`keys.joined(separator: " ")`), as `ByteKeyTable` bytes.
    private func joinedKeys(_ mention: Int, into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        text.appendKeys(pending[mention].words, separator: 0x20, to: &bytes)
        ByteKeyTable.canonical(&bytes)
    }

    private mutating func attach(_ mention: Int, to target: Int) {
        // The fields read through a buffer: `pending[mention].field` copied the whole mention (a memcpy).
        let (acronym, isPerson, words, surface, place) = pending.withUnsafeBufferPointer { p in
            (Int(p[mention].acronym), p[mention].type == .person, p[mention].words, p[mention].surface, p[mention].place)
        }
        entities[target].mentions += 1
        if acronym >= 0 {
            acronyms.append((target, acronym))
            canonicalKey(acronym, into: &acronymKey)
            acronymKey.withUnsafeBufferPointer { acronymIndex.set($0, target) }
        }
        if isPerson, words.count > entities[target].words.count {
            entities[target].words = words
            entities[target].surface = surface
        }
        if let place { attached.append((target, place)) }
    }

    /// A new entity for `mention`, stored in the index under `indexKey(mention)` (built in `key`);
    /// `hash`, when given, is that key's hash (an ASCII key: its bytes need no canonical form).
    private mutating func create(_ mention: Int, key: inout [UInt8], hash: UInt64?) -> Int {
        let id = entities.count
        let m = pending[mention]
        entities.append(Entity(type: m.type, words: m.words, surface: m.surface, canonical: m.canonical,
                               country: m.country, generic: m.generic, evidence: m.evidence))
        if let hash {
            key.removeAll(keepingCapacity: true)
            appendIndexKey(mention, to: &key)
            key.withUnsafeBufferPointer { index.set($0, hash: hash, id) }
        } else {
            indexKey(mention, into: &key)
            key.withUnsafeBufferPointer { index.set($0, id) }
        }
        if m.type == .person { persons.append(id) }
        return id
    }

    /// `type|=Canonical|country` for known names, `type|KEY KEY` otherwise (the type as one byte), as
    /// bytes for `ByteKeyTable`, written into `bytes` (one buffer for the whole cable).
    func indexKey(_ mention: Int, into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        appendIndexKey(mention, to: &bytes)
        ByteKeyTable.canonical(&bytes)
    }

    /// `indexKey` before its canonical form, appended to `bytes`.
    private func appendIndexKey(_ mention: Int, to bytes: inout [UInt8]) {
        let type = pending[mention].type, words = pending[mention].words
        bytes.append(Self.typeByte(type))
        bytes.append(0x7C)
        if let canonical = pending[mention].canonical {
            bytes.append(0x3D)
            MentionText.append(canonical, to: &bytes)
            bytes.append(0x7C)
            if pending[mention].generic, let country = pending[mention].country { MentionText.append(country, to: &bytes) }
        } else {
            var count = Int(words.count)
            // "Guantanamo Bay" and "Guantanamo", "Miranda State" and "Miranda": one place.
            if type == .location, count > 1, text.isMember(words.last, of: gazetteer.locationHeads) { count -= 1 }
            text.appendKeys(Span(start: Int(words.start), count: count), separator: 0x20, to: &bytes)
        }
    }

    /// One byte per type, standing for its name in keys (the names hold no `|`, so keys stay distinct).
    @inline(__always)
    static func typeByte(_ type: EntityType) -> UInt8 {
        switch type {
        case .person: 0x70
        case .organization: 0x6F
        case .location: 0x6C
        }
    }

    /// The parts end to end, copied once into a string of the right size.
    static func concatenate(_ parts: [String]) -> String {
        var total = 0
        for part in parts { total += part.utf8.count }
        return String(unsafeUninitializedCapacity: total) { buffer in
            var k = 0
            for var part in parts {
                part.withUTF8 { bytes in
                    UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[k...]))
                        .copyMemory(from: UnsafeRawBufferPointer(bytes))
                    k += bytes.count
                }
            }
            return k
        }
    }

}
