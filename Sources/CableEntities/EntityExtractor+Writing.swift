import CableParser

/// Writing the resolved entities into the cable: names and ids, mentions per paragraph
/// (`EntityExtractor+Mentions`), one summary per id.
extension EntityExtractor {
    /// Turns resolved entities into the model's mentions and summaries.
    func write(_ workspace: ExtractionWorkspace, _ resolver: borrowing EntityResolver, into cable: inout Cable, tokens: [TokenList]) {
        // The workspace's buffers, moved out for the call (no exclusivity check per access, no copy).
        // (The keys in a `ByteBuffer`: appended a few bytes at a time with no array check per append.)
        var keys = ByteBuffer(capacity: 4096)
        var ends: [Int] = [], found: [EntityNameCache.Entry?] = [], missing: [Int] = []
        var madeNames: [String] = [], madeIDs: [String] = []
        swap(&ends, &workspace.keyEnds)
        swap(&found, &workspace.found)
        swap(&missing, &workspace.missing)
        swap(&madeNames, &workspace.names)
        swap(&madeIDs, &workspace.ids)
        defer {
            swap(&ends, &workspace.keyEnds)
            swap(&found, &workspace.found)
            swap(&missing, &workspace.missing)
            swap(&madeNames, &workspace.names)
            swap(&madeIDs, &workspace.ids)
        }
        // Every entity's cache key, then one lookup of them all; the names and ids of the entities
        // new to the cache made outside its lock, and stored under one more.
        ends.removeAll(keepingCapacity: true)
        for entity in resolver.entities {
            resolver.withSurface(entity.surface) { surface in
                EntityNameCache.appendKey(type: entity.type, canonical: entity.canonical >= 0 ? resolver.name(at: entity.canonical) : nil,
                                          generic: entity.generic, country: entity.country >= 0 ? resolver.name(at: entity.country) : nil,
                                          surface: surface, to: &keys)
            }
            ends.append(keys.count)
        }
        let cache = nameCache
        ends.withUnsafeBufferPointer { cache.lookUp(keys: keys.bytes, ends: $0, into: &found) }
        missing.removeAll(keepingCapacity: true)
        madeNames.removeAll(keepingCapacity: true)
        madeIDs.removeAll(keepingCapacity: true)
        for i in found.indices where found[i] == nil {
            let entity = resolver.entities[i]
            let name = displayName(entity, resolver)
            missing.append(i)
            madeNames.append(name)
            madeIDs.append(NameText.id(type: entity.type.rawValue, name: name))
        }
        if !missing.isEmpty {
            ends.withUnsafeBufferPointer {
                cache.store(keys: keys.bytes, ends: $0, missing: missing, names: madeNames, ids: madeIDs, into: &found)
            }
        }
        found.withUnsafeBufferPointer { entries in
            writeMentions(workspace, resolver, into: &cable, tokens: tokens, entries: entries)
            cable.entities = summaries(workspace, resolver, entries: entries)
        }
    }

    /// One summary per id (entities with the same id merged, in order of first appearance), sorted by
    /// mentions (most first), then name, then first appearance. The ids are told apart by the numbers the
    /// name cache gives them; when an entry has none (the cache was full), by their bytes.
    private func summaries(_ workspace: ExtractionWorkspace, _ resolver: borrowing EntityResolver,
                           entries: UnsafeBufferPointer<EntityNameCache.Entry?>) -> [Cable.EntitySummary] {
        var keys: [ExtractionWorkspace.SummaryKey] = [], first: [Int] = [], slots: [Int32] = []
        swap(&keys, &workspace.summaryOrder)
        swap(&first, &workspace.summaryFirst)
        swap(&slots, &workspace.summaryOfNumber)
        defer {
            swap(&keys, &workspace.summaryOrder)
            swap(&first, &workspace.summaryFirst)
            swap(&slots, &workspace.summaryOfNumber)
        }
        keys.removeAll(keepingCapacity: true)
        first.removeAll(keepingCapacity: true)
        let numbered = entries.allSatisfy { $0.unsafelyUnwrapped.idNumber >= 0 }
        resolver.entities.withUnsafeBufferPointer { entities in
            for i in entities.indices {
                let known: Int?
                if numbered {
                    let number = Int(entries[i].unsafelyUnwrapped.idNumber)
                    // (Grown by half again at least: in a new cache the numbers rise one by one.)
                    if number >= slots.count {
                        slots.append(contentsOf: repeatElement(-1, count: max(number + 1, slots.count + slots.count / 2 + 64) - slots.count))
                    }
                    known = slots[number] >= 0 ? Int(slots[number]) : nil
                    if known == nil { slots[number] = Int32(truncatingIfNeeded: keys.count) }
                } else {
                    var id = entries[i].unsafelyUnwrapped.id
                    known = id.withUTF8 { id in
                        let hash = ByteKeyTable.hash(id)
                        if let known = workspace.summaryOfID.value(hash: hash, matches: { ByteKeyTable.same($0, id) }) { return known }
                        workspace.summaryOfID.set(id, hash: hash, keys.count)
                        return nil
                    }
                }
                if let known {
                    keys[known].mentions += entities[i].mentions
                } else {
                    let prefix = entries[i].unsafelyUnwrapped.prefix
                    keys.append(.init(mentions: entities[i].mentions, prefix: prefix.value, ascii: prefix.ascii, index: keys.count))
                    first.append(i)
                }
            }
        }
        // The numbers' slots emptied for the next cable.
        if numbered { for i in entries.indices { slots[Int(entries[i].unsafelyUnwrapped.idNumber)] = -1 } }
        keys.withUnsafeMutableBufferPointer { keys in
            Self.sortSummaryKeys(keys) { entries[first[$0]].unsafelyUnwrapped.name }
        }
        var summaries: [Cable.EntitySummary] = []
        summaries.reserveCapacity(keys.count)
        for key in keys {
            let entry = entries[first[key.index]].unsafelyUnwrapped
            summaries.append(.init(id: entry.id, name: entry.name, type: resolver.entities[first[key.index]].type.rawValue,
                                   mentions: key.mentions))
        }
        return summaries
    }

    /// Sorts summary keys by mentions (most first), then name, then first appearance (as the stable sort by
    /// mentions and name gave them). A name's first eight bytes decide between two ASCII names that differ
    /// there (byte order is `String` order for ASCII); only other ties compare the `String`s (`name` gives
    /// the name of the summary at `index`).
    static func sortSummaryKeys(_ keys: UnsafeMutableBufferPointer<ExtractionWorkspace.SummaryKey>, name: (Int) -> String) {
        guard keys.count > 1 else { return }
        var keys = keys
        keys.sort { a, b in
            if a.mentions != b.mentions { return a.mentions > b.mentions }
            if a.ascii, b.ascii, a.prefix != b.prefix { return a.prefix < b.prefix }
            return Self.nameOrder(name(a.index), name(b.index), a.index, b.index)
        }
    }

    /// Name, then place: the tie-break of summaries with as many mentions and no prefix to settle it.
    @inline(never)
    private static func nameOrder(_ x: String, _ y: String, _ a: Int, _ b: Int) -> Bool {
        x == y ? a < b : x < y
    }

    /// The gazetteer name (with the country of a generic body), else the surface in name case (a string
    /// made for the surface only here).
    func displayName(_ e: EntityResolver.Entity, _ resolver: borrowing EntityResolver) -> String {
        if e.canonical >= 0 {
            let canonical = resolver.name(at: e.canonical)
            if e.generic, e.country >= 0, let country = gazetteer.country(code: resolver.name(at: e.country)) {
                return "\(canonical) (\(country.name))"
            }
            return canonical
        }
        let surface = resolver.surfaceString(e.surface)
        // A byte search where the bytes settle it: Foundation's `contains` costs thousands of instructions a call.
        let hasSpace = CableEvidence.contains(surface, mark: 0x20, foundation: { surface.contains(" ") })
        let isAcronym = e.type == .organization && !hasSpace && Gazetteer.looksLikeAcronym(surface)
        return isAcronym ? surface : NameText.displayName(surface)
    }
}
