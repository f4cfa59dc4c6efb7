/// Merges the candidates of one cable into entities: forms of one name become one entity
/// (`Antonio Guterres`, `Guterres`, `GUTERRES`), acronyms join the organisation they abbreviate, and
/// surnames seen alone are matched to the full names of the same cable.
///
/// Mentions and entities are plain records with no `String` or array in them: keys are spans of
/// `text`, surfaces spans of the token lists they were found in (`lists`) or of `text`'s surface bytes,
/// gazetteer names indices into `names`. Copying one costs no reference counting, and emptying the
/// buffers releases nothing per mention. Every table and buffer is emptied, not freed, by `removeAll()`:
/// one resolver is reused from cable to cable by an extractor's workspace.
///
/// Noncopyable, and its lookups (`find`, `indexedEntity`, `findPerson`...) are `mutating` though they
/// change nothing: a non-mutating call from a mutating method passes the ~660-byte resolver by copying
/// it to the stack first (a `memcpy` per call, per mention), a mutating one passes its address.
struct EntityResolver: ~Copyable {
    typealias Span = MentionText.Span

    /// Where a surface's bytes lie: bytes `start..<start + count` of `lists[list]`, or of `text`'s surface
    /// buffer when `list` is -1 (metadata mentions).
    struct Surface {
        var list: Int32
        var start: Int32
        var count: Int32
    }

    /// One entity of the cable being built.
    struct Entity {
        var type: EntityType
        var generic: Bool
        var evidence: Candidate.Evidence
        /// Word keys of the fullest name seen (in `text.words`).
        var words: Span
        /// Its surface.
        var surface: Surface
        /// Gazetteer name and country code (indices into `names`, -1 for none).
        var canonical: Int32
        var country: Int32
        /// Its place in `persons` (-1: not a person).
        var person: Int32 = -1
        var mentions = 0
    }

    /// A person entity as `findPerson` first looks at it: the hashes of its first and last word keys
    /// (`MentionText.Word.hash`, 0 when not ASCII) and its word count, kept in step with its `words`.
    struct PersonKey {
        var first: UInt64
        var last: UInt64
        var count: Int32
        var entity: Int32
    }

    /// Where a mention lies: a paragraph and token range (`paragraph` -1: the subject or the metadata).
    struct Place {
        var paragraph: Int
        var first: Int
        var end: Int
        static let nowhere = Place(paragraph: -1, first: 0, end: 0)
    }

    /// A mention waiting to be attached.
    struct Pending {
        var type: EntityType
        var generic: Bool
        var evidence: Candidate.Evidence
        var words: Span
        var surface: Surface
        var canonical: Int32
        var country: Int32
        /// Word (in `text.words`) of an acronym defined right after the mention, -1 for none.
        var acronym: Int32
        var place: Place
    }

    // Stored state is internal (not private) for the resolver's extensions in other files
    // (`+Adding`, `+Lookup`, `+Index`, `+Aliases`); nothing outside the resolver and its extractor writes it.
    let gazetteer: Gazetteer
    /// Keys and surfaces of the cable's mentions.
    var text = MentionText()
    /// The token lists of the paragraphs (and subject) whose candidates were added, in order.
    var lists: [TokenList] = []
    /// Gazetteer names and country codes of the mentions.
    var names: [String] = []
    var pending: [Pending] = []
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
    var persons: [PersonKey] = []
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
        lists.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
        entities.removeAll(keepingCapacity: true)
        attached.removeAll(keepingCapacity: true)
        aliases.removeAll()
        index.removeAll()
        acronymIndex.removeAll()
        acronyms.removeAll(keepingCapacity: true)
        persons.removeAll(keepingCapacity: true)
    }

    /// Attaches every pending mention; strong evidence and fuller names first, so later short forms find them.
    mutating func resolve() {
        rankOrder()
        // The key buffers are moved out for the pass, so that filling them never copies them.
        // (The index keys in a `ByteBuffer`: built a byte at a time with no check per byte.)
        var key = ByteBuffer()
        var joined: [UInt8] = [], order: [Int] = [], weak: [Int] = []
        swap(&joined, &self.joined)
        swap(&order, &sortKeys)
        swap(&weak, &self.weak)
        defer {
            swap(&joined, &self.joined)
            swap(&order, &sortKeys)
            swap(&weak, &self.weak)
        }
        weak.removeAll(keepingCapacity: true)
        for mention in order {
            if pending.withUnsafeBufferPointer({ $0[mention].evidence == .weak }) { weak.append(mention); continue }
            var hash: UInt64? = nil
            // (No `??`: its autoclosure holds `self` for `create`, and the lookup then runs on a copy.)
            let target: Int
            if let found = find(mention, scratch: &key, hash: &hash) { target = found } else { target = create(mention, key: &key, hash: hash) }
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
            if let target = find(mention, scratch: &key, hash: &hash) {
                attach(mention, to: target)
            } else if let target = findAnyType(mention) {
                attach(mention, to: target)
            } else if pending[mention].type != .person || repeatCount(mention, joined: &joined) >= 2 {
                let target = create(mention, key: &key, hash: hash)
                attach(mention, to: target)
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

    private mutating func repeatCount(_ mention: Int, joined: inout [UInt8]) -> Int {
        joinedKeys(mention, into: &joined)
        return joined.withUnsafeBufferPointer { repeats.value($0) } ?? 0
    }

    /// The mention's keys joined by spaces (`keys.joined(separator: " ")`), as `ByteKeyTable` bytes.
    private mutating func joinedKeys(_ mention: Int, into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        text.appendKeys(pending[mention].words, separator: 0x20, to: &bytes)
        ByteKeyTable.canonical(&bytes)
    }

    private mutating func attach(_ mention: Int, to target: Int) {
        let m = pending[mention]
        entities[target].mentions += 1
        if m.acronym >= 0 {
            acronyms.append((target, Int(m.acronym)))
            var bytes: [UInt8] = []
            swap(&bytes, &acronymKey)
            canonicalKey(Int(m.acronym), into: &bytes)
            bytes.withUnsafeBufferPointer { acronymIndex.set($0, target) }
            swap(&bytes, &acronymKey)
        }
        if m.type == .person, m.words.count > entities[target].words.count {
            entities[target].words = m.words
            entities[target].surface = m.surface
            let person = entities[target].person
            if person >= 0 { persons[Int(person)] = personKey(target) }
        }
        if m.place.paragraph >= 0 { attached.append((target, m.place)) }
    }

    /// A new entity for `mention`, stored in the index under `indexKey(mention)` (built in `key`);
    /// `hash`, when given, is that key's hash (an ASCII key: its bytes need no canonical form).
    private mutating func create(_ mention: Int, key: inout ByteBuffer, hash: UInt64?) -> Int {
        let id = entities.count
        let m = pending[mention]
        entities.append(Entity(type: m.type, generic: m.generic, evidence: m.evidence, words: m.words, surface: m.surface,
                               canonical: m.canonical, country: m.country))
        if let hash {
            key.removeAll()
            appendIndexKey(mention, to: &key)
            index.set(key.bytes, hash: hash, id)
        } else {
            indexKey(mention, into: &key)
            index.set(key.bytes, id)
        }
        if m.type == .person {
            entities[id].person = Int32(truncatingIfNeeded: persons.count)
            persons.append(personKey(id))
        }
        return id
    }

    private mutating func personKey(_ entity: Int) -> PersonKey {
        let words = entities[entity].words
        guard words.count > 0 else { return PersonKey(first: 0, last: 0, count: 0, entity: Int32(truncatingIfNeeded: entity)) }
        return text.words.withUnsafeBufferPointer { list in
            PersonKey(first: list[Int(words.start)].hash, last: list[words.last].hash, count: words.count,
                      entity: Int32(truncatingIfNeeded: entity))
        }
    }

    /// `type|=Canonical|country` for known names, `type|KEY KEY` otherwise (the type as one byte), as
    /// bytes for `ByteKeyTable`, written into `bytes` (one buffer for the whole cable).
    mutating func indexKey(_ mention: Int, into bytes: inout ByteBuffer) {
        bytes.removeAll()
        appendIndexKey(mention, to: &bytes)
        guard bytes.bytes.contains(where: { $0 >= 0x80 }) else { return }
        var composed = Array(bytes.bytes)
        ByteKeyTable.canonical(&composed)
        bytes.removeAll()
        composed.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    /// `indexKey` before its canonical form, appended to `bytes`.
    private mutating func appendIndexKey(_ mention: Int, to bytes: inout ByteBuffer) {
        let m = pending[mention]
        bytes.append(Self.typeByte(m.type))
        bytes.append(0x7C)
        if m.canonical >= 0 {
            bytes.append(0x3D)
            MentionText.append(name(at: m.canonical), to: &bytes)
            bytes.append(0x7C)
            if m.generic, m.country >= 0 { MentionText.append(name(at: m.country), to: &bytes) }
        } else {
            var count = Int(m.words.count)
            // "Guantanamo Bay" and "Guantanamo", "Miranda State" and "Miranda": one place.
            if m.type == .location, count > 1, text.isMember(m.words.last, of: gazetteer.locationHeads) { count -= 1 }
            text.appendKeys(Span(start: Int(m.words.start), count: count), separator: 0x20, to: &bytes)
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
