import CableParser

/// Writing the resolved entities into the cable: mentions per paragraph, one summary per id, names and ids.
extension EntityExtractor {
    /// Turns resolved entities into the model's mentions and summaries.
    func write(_ workspace: ExtractionWorkspace, into cable: inout Cable, tokens: [TokenList]) {
        let resolver = workspace.resolver
        let text = resolver.text
        // The workspace's buffers, moved out for the call (no exclusivity check per access, no copy).
        var key: [UInt8] = [], ids: [String] = [], names: [String] = []
        var order: [ExtractionWorkspace.MentionOrder] = [], firstOfParagraph: [Int] = []
        swap(&key, &workspace.key)
        swap(&ids, &workspace.ids)
        swap(&names, &workspace.names)
        swap(&order, &workspace.order)
        swap(&firstOfParagraph, &workspace.firstOfParagraph)
        defer {
            swap(&key, &workspace.key)
            swap(&ids, &workspace.ids)
            swap(&names, &workspace.names)
            swap(&order, &workspace.order)
            swap(&firstOfParagraph, &workspace.firstOfParagraph)
        }
        let cache = nameCache
        for i in resolver.entities.indices {
            // An entity written for an earlier cable takes its name and id from the cache.
            let entity = resolver.entities[i]
            text.withSurface(entity.surface) { surface in
                EntityNameCache.key(type: entity.type, canonical: entity.canonical, generic: entity.generic,
                                    country: entity.country, surface: surface, into: &key)
            }
            // (No closure making the name: it would capture copies of the extractor and the resolver.)
            let made: (name: String, id: String)
            if let cached = key.withUnsafeBufferPointer({ cache.nameAndID($0) }) {
                made = cached
            } else {
                let name = displayName(entity, surface: text.surface(entity.surface))
                made = (name, EntityResolver.concatenate([entity.type.rawValue, ":", NameText.slug(name)]))
                key.withUnsafeBufferPointer { cache.store($0, name: made.name, id: made.id) }
            }
            names.append(made.name)
            ids.append(made.id)
        }
        // Paragraph mentions as (paragraph, byte start, byte end, attachment), placed by paragraph (a
        // counting pass), each paragraph's sorted as integers (the attachment order breaks ties, as the
        // stable sort of the mentions did), then made in that order.
        let paragraphs = cable.paragraphs.count
        firstOfParagraph.removeAll(keepingCapacity: true)
        firstOfParagraph.append(contentsOf: repeatElement(0, count: paragraphs + 1))
        for (_, place) in resolver.attached { firstOfParagraph[place.paragraph + 1] += 1 }
        for p in 0..<paragraphs { firstOfParagraph[p + 1] += firstOfParagraph[p] }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: repeatElement(.init(paragraph: 0, start: 0, end: 0, index: 0), count: resolver.attached.count))
        for (index, (_, place)) in resolver.attached.enumerated() {
            let list = tokens[place.paragraph]
            order[firstOfParagraph[place.paragraph]] = .init(paragraph: Int32(truncatingIfNeeded: place.paragraph),
                                                             start: Int32(truncatingIfNeeded: list[place.first].start),
                                                             end: Int32(truncatingIfNeeded: list[place.end - 1].end),
                                                             index: Int32(truncatingIfNeeded: index))
            firstOfParagraph[place.paragraph] += 1
        }
        // (Each entry now holds the end of its paragraph's run.)
        var next = 0
        for p in 0..<paragraphs {
            let end = firstOfParagraph[p]
            guard end > next else {
                cable.paragraphs[p].entities = []
                continue
            }
            order[next..<end].sort()
            let list = tokens[p]
            var mentions: [Cable.EntityMention] = []
            mentions.reserveCapacity(end - next)
            // Byte offsets turned into scalar offsets by counting from one mention to the next.
            var cursor = TokenList.ScalarCursor()
            for m in order[next..<end] {
                let (entity, place) = resolver.attached[Int(m.index)]
                let start = Int(m.start), stop = Int(m.end)
                let surface = place.end - place.first == 1 ? list.text(place.first) : list.string(start, stop)
                let scalarStart = cursor.offset(start, in: list)
                mentions.append(.init(id: ids[entity], type: resolver.entities[entity].type.rawValue, surface: surface,
                                      start: scalarStart, end: cursor.offset(stop, in: list)))
            }
            cable.paragraphs[p].entities = mentions
            next = end
        }
        // Entities with the same id become one summary, in order of first appearance (slugs are composed,
        // NFC: equal ids have equal bytes).
        var summaries: [Cable.EntitySummary] = []
        summaries.reserveCapacity(resolver.entities.count)
        for i in resolver.entities.indices {
            var id = ids[i]
            let known: Int? = id.withUTF8 { workspace.summaryOfID.value($0) }
            if let known {
                summaries[known].mentions += resolver.entities[i].mentions
            } else {
                id.withUTF8 { workspace.summaryOfID.set($0, summaries.count) }
                summaries.append(.init(id: id, name: names[i], type: resolver.entities[i].type.rawValue,
                                       mentions: resolver.entities[i].mentions))
            }
        }
        cable.entities = summaries.sorted {
            $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.name < $1.name
        }
    }

    func displayName(_ e: EntityResolver.Entity, surface: String) -> String {
        if let canonical = e.canonical {
            if e.generic, let code = e.country, let country = gazetteer.country(code: code) {
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
