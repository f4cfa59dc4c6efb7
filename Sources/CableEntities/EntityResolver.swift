/// Merges the candidates of one cable into entities: forms of one name become one entity
/// (`Antonio Guterres`, `Guterres`, `GUTERRES`), acronyms join the organisation they abbreviate, and
/// surnames seen alone are matched to the full names of the same cable.
struct EntityResolver {
    /// One entity of the cable being built.
    struct Entity {
        var type: EntityType
        /// Word keys of the fullest name seen.
        var keys: [String]
        var surface: String
        var canonical: String?
        var country: String?
        var generic: Bool
        var evidence: Candidate.Evidence
        var acronyms: Set<String> = []
        var mentions = 0
    }

    /// Where a mention lies: a paragraph and token range, or the metadata.
    struct Place { var paragraph: Int; var first: Int; var end: Int }

    /// A mention waiting to be attached.
    struct Pending {
        var type: EntityType
        var keys: [String]
        var surface: String
        var canonical: String?
        var country: String?
        var generic: Bool
        var evidence: Candidate.Evidence
        var acronym: String?
        var place: Place?
    }

    let gazetteer: Gazetteer
    private(set) var entities: [Entity] = []
    /// (entity, place) of every attached paragraph mention.
    private(set) var attached: [(entity: Int, place: Place)] = []
    /// Entity of each `indexKey`.
    private var index = ByteKeyTable()
    private var acronymIndex: [String: Int] = [:]

    init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    /// Attaches every mention; strong evidence and fuller names first, so later short forms find them.
    mutating func resolve(_ pending: [Pending]) {
        // Sort small integer keys, not the mentions themselves.
        // Higher rank first, then input order: one integer per mention (inverted rank above its index),
        // sorted with no comparison closure.
        var sortKeys = pending.indices.map { index in
            let rank = pending[index].evidence.rawValue * 64 + min(pending[index].keys.count, 63)
            return (255 - rank) << 32 | index
        }
        sortKeys.sort()
        let order = sortKeys.map { $0 & 0xFFFF_FFFF }
        var weak: [Pending] = []
        var key: [UInt8] = []
        key.reserveCapacity(64)
        for index in order {
            let mention = pending[index]
            if mention.evidence == .weak { weak.append(mention); continue }
            indexKey(mention, into: &key)
            let target = find(mention, key: key) ?? create(mention, key: key)
            attach(mention, to: target)
        }
        // Weak mentions count only when they echo a stronger one, or repeat.
        var repeats: [String: Int] = [:]
        for mention in weak { repeats[mention.keys.joined(separator: " "), default: 0] += 1 }
        for mention in weak {
            indexKey(mention, into: &key)
            if let target = find(mention, key: key) ?? findAnyType(mention.keys) {
                attach(mention, to: target)
            } else if mention.type != .person || repeats[mention.keys.joined(separator: " "), default: 0] >= 2 {
                attach(mention, to: create(mention, key: key))
            }
        }
    }

    private mutating func attach(_ mention: Pending, to target: Int) {
        entities[target].mentions += 1
        if let acronym = mention.acronym {
            entities[target].acronyms.insert(acronym)
            acronymIndex[acronym] = target
        }
        if mention.type == .person, mention.keys.count > entities[target].keys.count {
            entities[target].keys = mention.keys
            entities[target].surface = mention.surface
        }
        if let place = mention.place { attached.append((target, place)) }
    }

    private mutating func create(_ mention: Pending, key: [UInt8]) -> Int {
        let id = entities.count
        entities.append(Entity(type: mention.type, keys: mention.keys, surface: mention.surface, canonical: mention.canonical,
                               country: mention.country, generic: mention.generic, evidence: mention.evidence))
        key.withUnsafeBufferPointer { index.set($0, id) }
        return id
    }

    /// `type|=Canonical|country` for known names, `type|KEY KEY` otherwise, as bytes for `ByteKeyTable`
    /// (no `String` made, no SipHash over it), written into `bytes` (one buffer for the whole cable).
    private func indexKey(_ m: Pending, into bytes: inout [UInt8]) {
        var count = m.keys.count
        // "Guantanamo Bay" and "Guantanamo", "Miranda State" and "Miranda": one place.
        if m.canonical == nil, m.type == .location, count > 1, let last = m.keys.last, gazetteer.locationHeads.contains(last) {
            count -= 1
        }
        bytes.removeAll(keepingCapacity: true)
        Self.append(m.type.rawValue, to: &bytes)
        if let canonical = m.canonical {
            bytes.append(0x7C)
            bytes.append(0x3D)
            Self.append(canonical, to: &bytes)
            bytes.append(0x7C)
            if m.generic, let country = m.country { Self.append(country, to: &bytes) }
        } else {
            bytes.append(0x7C)
            for k in 0..<count {
                if k > 0 { bytes.append(0x20) }
                Self.append(m.keys[k], to: &bytes)
            }
        }
        ByteKeyTable.canonical(&bytes)
    }

    /// Appends the UTF-8 of `string` in one copy when its bytes are contiguous (native and small strings).
    @inline(__always)
    private static func append(_ string: String, to bytes: inout [UInt8]) {
        if string.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: string.utf8)
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

    /// The entity a mention belongs to, if one exists already.
    /// `key` is `indexKey(m)`, made once by the caller.
    private func find(_ m: Pending, key: [UInt8]) -> Int? {
        if let hit = key.withUnsafeBufferPointer({ index.value($0) }) { return hit }
        switch m.type {
        case .organization, .location:
            if m.keys.count == 1, let hit = acronymIndex[m.keys[0]] { return hit }
            return nil
        case .person:
            return findPerson(m.keys)
        }
    }

    /// `Guterres` → `Antonio Guterres`; `M. O'Mara` → `Mark O'Mara`; the busiest of several candidates.
    private func findPerson(_ keys: [String]) -> Int? {
        guard let last = keys.last else { return nil }
        var best: Int? = nil
        // By index, not `for e in entities`: copying each Entity out costs a retain/release per field.
        for i in entities.indices where entities[i].type == .person {
            let eKeys = entities[i].keys
            // "General Sebhat" after "Sebhat Efrem": a lone word may be the first of a name when it is no given name.
            guard eKeys.last == last || keys.count == 1 && eKeys.count > 1 && eKeys[0] == last
                    && !gazetteer.firstNames.contains(last) else { continue }
            let e = entities[i]
            let compatible: Bool
            if keys.count == 1 || e.keys.count == 1 {
                compatible = true
            } else {
                let a = keys.first!, b = e.keys.first!
                compatible = a == b || (a.count <= 2 && b.hasPrefix(a.prefix(1))) || (b.count <= 2 && a.hasPrefix(b.prefix(1)))
                    || e.keys.count > keys.count && Array(e.keys.suffix(keys.count)) == keys
                    || keys.count > e.keys.count && Array(keys.suffix(e.keys.count)) == e.keys
            }
            guard compatible else { continue }
            if best == nil || entities[best!].mentions < e.mentions { best = i }
        }
        return best
    }

    /// A weak lone word that is already an alias of some entity (`Sahlin` after `Mona Sahlin`).
    private func findAnyType(_ keys: [String]) -> Int? {
        guard keys.count == 1 else { return nil }
        if let hit = acronymIndex[keys[0]] { return hit }
        return findPerson(keys)
    }

    /// Lone words each entity can be called by: surnames of people, acronyms of organisations. Keyed by
    /// the words' canonical bytes (as `TokenList.canonicalKey` gives them); a word that names two entities
    /// maps to -1 (ambiguous: no alias).
    func aliasTable() -> ByteKeyTable {
        var table = ByteKeyTable()
        var bytes: [UInt8] = []
        func put(_ key: String, _ id: Int) {
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: key.utf8)
            ByteKeyTable.canonical(&bytes)
            bytes.withUnsafeBufferPointer { key in
                if let other = table.value(key) {
                    if other != id { table.set(key, -1) }
                } else {
                    table.set(key, id)
                }
            }
        }
        for id in entities.indices {
            switch entities[id].type {
            case .person:
                if let last = entities[id].keys.last, last.count >= 3, !gazetteer.stopwords.contains(last) { put(last, id) }
            case .organization:
                for acronym in entities[id].acronyms { put(acronym, id) }
                if entities[id].canonical == nil, entities[id].keys.count == 1 { put(entities[id].keys[0], id) }
            case .location:
                break
            }
        }
        return table
    }

    /// Adds a mention found by the alias pass.
    mutating func attachAlias(entity: Int, place: Place) {
        entities[entity].mentions += 1
        attached.append((entity, place))
    }
}
