import CableParser

/// Writing the resolved entities into the cable: names and ids, mentions per paragraph
/// (`EntityExtractor+Mentions`), one summary per id.
extension EntityExtractor {
    /// Turns resolved entities into the model's mentions and summaries.
    func write(_ workspace: ExtractionWorkspace, _ resolver: EntityResolver, into cable: inout Cable, tokens: [TokenList]) {
        // The workspace's buffers, moved out for the call (no exclusivity check per access, no copy).
        var key: [UInt8] = [], ids: [String] = [], names: [String] = [], idHashes: [UInt64] = []
        swap(&key, &workspace.key)
        swap(&ids, &workspace.ids)
        swap(&names, &workspace.names)
        swap(&idHashes, &workspace.idHashes)
        defer {
            swap(&key, &workspace.key)
            swap(&ids, &workspace.ids)
            swap(&names, &workspace.names)
            swap(&idHashes, &workspace.idHashes)
        }
        let cache = nameCache
        for i in resolver.entities.indices {
            // An entity written for an earlier cable takes its name and id from the cache.
            let entity = resolver.entities[i]
            resolver.withSurface(entity.surface) { surface in
                EntityNameCache.key(type: entity.type, canonical: entity.canonical >= 0 ? resolver.name(at: entity.canonical) : nil,
                                    generic: entity.generic, country: entity.country >= 0 ? resolver.name(at: entity.country) : nil,
                                    surface: surface, into: &key)
            }
            // (No closure making the name: it would capture copies of the extractor and the resolver.)
            let made: (name: String, id: String, idHash: UInt64)
            if let cached = key.withUnsafeBufferPointer({ cache.nameAndID($0) }) {
                made = cached
            } else {
                let name = displayName(entity, resolver, surface: resolver.surfaceString(entity.surface))
                var id = NameText.id(type: entity.type.rawValue, name: name)
                made = (name, id, id.withUTF8 { ByteKeyTable.hash($0) })
                key.withUnsafeBufferPointer { cache.store($0, name: made.name, id: made.id, idHash: made.idHash) }
            }
            names.append(made.name)
            ids.append(made.id)
            idHashes.append(made.idHash)
        }
        writeMentions(workspace, resolver, into: &cable, tokens: tokens, ids: ids)
        // Entities with the same id become one summary, in order of first appearance (slugs are composed,
        // NFC: equal ids have equal bytes), found by the hash each id keeps in the name cache.
        var summaries: [Cable.EntitySummary] = []
        summaries.reserveCapacity(resolver.entities.count)
        for i in resolver.entities.indices {
            var id = ids[i]
            let known: Int? = id.withUTF8 { id in workspace.summaryOfID.value(hash: idHashes[i]) { ByteKeyTable.same($0, id) } }
            if let known {
                summaries[known].mentions += resolver.entities[i].mentions
            } else {
                id.withUTF8 { workspace.summaryOfID.set($0, hash: idHashes[i], summaries.count) }
                summaries.append(.init(id: id, name: names[i], type: resolver.entities[i].type.rawValue,
                                       mentions: resolver.entities[i].mentions))
            }
        }
        cable.entities = Self.sortedSummaries(summaries, keys: &workspace.summaryOrder)
    }

    /// The summaries by mentions (most first), then name, then first appearance (as the stable sort by
    /// mentions and name gave them). Sorted as small integer records: a name's first eight bytes decide
    /// between two ASCII names that differ there (byte order is `String` order for ASCII), and only
    /// other ties compare the `String`s.
    static func sortedSummaries(_ summaries: [Cable.EntitySummary], keys: inout [ExtractionWorkspace.SummaryKey]) -> [Cable.EntitySummary] {
        guard summaries.count > 1 else { return summaries }
        keys.removeAll(keepingCapacity: true)
        return summaries.withUnsafeBufferPointer { summaries in
            for index in summaries.indices {
                let prefix: UInt64?? = summaries[index].name.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
                    var prefix: UInt64 = 0, high: UInt8 = 0
                    for b in bytes { high |= b }
                    guard high < 0x80 else { return nil }
                    for k in 0..<8 { prefix = prefix << 8 | UInt64(k < bytes.count ? bytes[k] : 0) }
                    return prefix
                }
                let ascii: UInt64? = prefix ?? nil
                keys.append(.init(mentions: summaries[index].mentions, prefix: ascii ?? 0, ascii: ascii != nil, index: index))
            }
            keys.withUnsafeMutableBufferPointer { keys in
                keys.sort { a, b in
                    if a.mentions != b.mentions { return a.mentions > b.mentions }
                    if a.ascii, b.ascii, a.prefix != b.prefix { return a.prefix < b.prefix }
                    return Self.nameOrder(summaries[a.index].name, summaries[b.index].name, a.index, b.index)
                }
            }
            var sorted: [Cable.EntitySummary] = []
            sorted.reserveCapacity(summaries.count)
            for key in keys { sorted.append(summaries[key.index]) }
            return sorted
        }
    }

    /// Name, then place: the tie-break of summaries with as many mentions and no prefix to settle it.
    @inline(never)
    private static func nameOrder(_ x: String, _ y: String, _ a: Int, _ b: Int) -> Bool {
        x == y ? a < b : x < y
    }

    func displayName(_ e: EntityResolver.Entity, _ resolver: EntityResolver, surface: String) -> String {
        if e.canonical >= 0 {
            let canonical = resolver.name(at: e.canonical)
            if e.generic, e.country >= 0, let country = gazetteer.country(code: resolver.name(at: e.country)) {
                return "\(canonical) (\(country.name))"
            }
            return canonical
        }
        // A byte search where the bytes settle it: Foundation's `contains` costs thousands of instructions a call.
        let hasSpace = CableEvidence.contains(surface, mark: 0x20, foundation: { surface.contains(" ") })
        let isAcronym = e.type == .organization && !hasSpace && Gazetteer.looksLikeAcronym(surface)
        return isAcronym ? surface : NameText.displayName(surface)
    }
}
