import CableParser

/// Finds the people, organisations and places of a parsed cable.
///
/// `annotate(_:)` fills every paragraph's `entities` with mentions (offsets in Unicode scalars of the
/// paragraph text) and the cable's `entities` with one summary per entity. Ids are readable slugs
/// (`person:antonio-guterres`, `location:kazakhstan`, `organization:government-of-kazakhstan`) derived
/// from the entity's fullest name, so the same name gets the same id in every cable.
///
/// One instance can serve many threads. Its only mutable state is a cache of the names and ids of the
/// entities it has written (`EntityNameCache`, behind a lock), which changes no output.
public struct EntityExtractor: Sendable {
    /// The lexicon in use.
    public let gazetteer: Gazetteer
    /// Why the bundled gazetteer failed to load, if it did (the extractor then works without it).
    public let loadError: GazetteerError?
    /// Names and ids made for earlier cables, shared by copies of this extractor.
    let nameCache = EntityNameCache()

    /// An extractor over the bundled gazetteer (loaded once per process and shared).
    public init() {
        switch Self.shared {
        case .success(let g): gazetteer = g; loadError = nil
        case .failure(let error): gazetteer = Gazetteer(); loadError = error
        }
    }

    /// An extractor over a given gazetteer (tests, experiments).
    public init(gazetteer: Gazetteer) {
        var gazetteer = gazetteer
        gazetteer.lexicon = Lexicon(gazetteer)  // the lists may have changed since it was built
        self.gazetteer = gazetteer
        self.loadError = nil
    }

    private static let shared: Result<Gazetteer, GazetteerError> = {
        do { return .success(try Gazetteer.bundled()) } catch let error as GazetteerError {
            return .failure(error)
        } catch {
            return .failure(.unreadable("gazetteer", "\(error)"))
        }
    }()

    /// Fills `cable.paragraphs[*].entities` and `cable.entities`, replacing what was there.
    public func annotate(_ cable: inout Cable) {
        annotate(&cable, rawText: nil)
    }

    /// As `annotate(_:)`, also reading the addressee lines of the raw telegram (`SCA/CEN FOR M. O'MARA`),
    /// which the parsed `Cable` does not keep. Pass the text the cable was parsed from.
    public func annotate(_ cable: inout Cable, rawText: String?) {
        if let loadError { cable.warnings.append("entities: \(loadError.description)") }
        let context = CableContext(gazetteer: gazetteer, cable: cable)
        let env = ParagraphRecognizer.Environment(gazetteer: gazetteer, context: context)
        var pending: [EntityResolver.Pending] = []
        var paragraphTokens: [TokenList] = []
        var paragraphCaps: [Bool] = []

        // The paragraph pass's scratch memory, reused from earlier calls (`ParagraphWorkspace`).
        let workspace = ParagraphWorkspace.pool.take()
        for (p, paragraph) in cable.paragraphs.enumerated() {
            let tokens = Tokenizer.splitCompounds(Tokenizer.tokenize(paragraph.text, lexicon: gazetteer.lexicon, workspace: workspace),
                                                  gazetteer: gazetteer, hyphenatedIn: workspace)
            var recognizer = ParagraphRecognizer(env: env, tokens: tokens, workspace: workspace)
            recognizer.findCandidates()
            // Read in place, so that no candidate is copied (and its strings retained) on the way.
            recognizer.candidates.withUnsafeBufferPointer { found in
                for k in found.indices {
                    let place = EntityResolver.Place(paragraph: p, first: found[k].first, end: found[k].end)
                    pending.append(Self.pending(found[k], tokens: tokens, place: place))
                }
            }
            paragraphTokens.append(tokens)
            paragraphCaps.append(recognizer.caps)
            recognizer.recycle()
        }
        if let subject = cable.subject {
            let tokens = Tokenizer.splitCompounds(Tokenizer.tokenize(subject, lexicon: gazetteer.lexicon, workspace: workspace),
                                                  gazetteer: gazetteer, hyphenatedIn: workspace)
            var recognizer = ParagraphRecognizer(env: env, tokens: tokens, workspace: workspace)
            recognizer.findCandidates()
            recognizer.candidates.withUnsafeBufferPointer { found in
                for k in found.indices { pending.append(Self.pending(found[k], tokens: tokens, place: nil)) }
            }
            recognizer.recycle()
        }
        ParagraphWorkspace.pool.give(workspace)
        for m in CableEvidence(env: env).collect(cable, rawText: rawText) {
            pending.append(.init(type: m.type, keys: m.keys, surface: m.surface, canonical: m.canonical, country: nil,
                                 generic: false, evidence: m.evidence, acronym: nil, place: nil))
        }

        var resolver = EntityResolver(gazetteer: gazetteer)
        resolver.resolve(pending)
        aliasPass(&resolver, tokens: paragraphTokens, caps: paragraphCaps)
        write(resolver, into: &cable, tokens: paragraphTokens)
    }

    private static func pending(_ c: Candidate, tokens: TokenList, place: EntityResolver.Place?) -> EntityResolver.Pending {
        let surface = c.end - c.first == 1 ? tokens.text(c.first)
            : tokens.string(tokens[c.first].start, tokens[c.end - 1].end)
        // One key array, sized once; the key view made once (each `tokens.keys` is a fresh view).
        let view = tokens.keys
        var keys: [String] = []
        keys.reserveCapacity(c.end - c.first)
        if c.end - c.first == 1 {
            keys.append(view[c.first])
        } else {
            for k in c.first..<c.end where tokens[k].kind == .word { keys.append(view[k]) }
        }
        return .init(type: c.type, keys: keys, surface: surface,
                     canonical: c.canonical, country: c.country, generic: c.generic, evidence: c.evidence,
                     acronym: c.definedAcronym, place: place)
    }

    /// Second look at every paragraph: lone surnames and acronyms of entities found elsewhere in the cable.
    private func aliasPass(_ resolver: inout EntityResolver, tokens: [TokenList], caps: [Bool]) {
        let aliases = resolver.aliasTable()
        guard !aliases.isEmpty else { return }
        // Tokens already in a mention, all paragraphs in one array.
        var firstOfParagraph: [Int] = []
        var total = 0
        for list in tokens { firstOfParagraph.append(total); total += list.count }
        var covered = [Bool](repeating: false, count: total)
        for (_, place) in resolver.attached {
            for k in place.first..<place.end { covered[firstOfParagraph[place.paragraph] + k] = true }
        }
        var key: [UInt8] = []
        var candidates: [Int] = []
        for (p, list) in tokens.enumerated() {
            // The candidates first, over the plain token values: most words are lower case, or rejected by
            // the tokeniser's hash of an ASCII key (the table's hash) alone.
            candidates.removeAll(keepingCapacity: true)
            list.items.withUnsafeBufferPointer { items in
                for (k, token) in items.enumerated() where token.kind == .word && !covered[firstOfParagraph[p] + k] {
                    guard caps[p] || token.isCapitalized, token.hash == 0 || aliases.mayContain(hash: token.hash) else { continue }
                    candidates.append(k)
                }
            }
            for k in candidates {
                let token = list[k]
                list.canonicalKey(k, into: &key)
                guard let entity = key.withUnsafeBufferPointer({ aliases.value($0) }), entity >= 0 else { continue }
                if caps[p] {
                    if gazetteer.isEnglish(list.keys[k]) { continue }
                } else if !token.isCapitalized {
                    continue
                }
                resolver.attachAlias(entity: entity, place: .init(paragraph: p, first: k, end: k + 1))
            }
        }
    }

    /// Turns resolved entities into the model's mentions and summaries.
    private func write(_ resolver: EntityResolver, into cable: inout Cable, tokens: [TokenList]) {
        var ids: [String] = []
        var names: [String] = []
        ids.reserveCapacity(resolver.entities.count)
        names.reserveCapacity(resolver.entities.count)
        var key: [UInt8] = []
        key.reserveCapacity(64)
        let cache = nameCache
        for i in resolver.entities.indices {
            // An entity written for an earlier cable takes its name and id from the cache.
            EntityNameCache.key(type: resolver.entities[i].type, canonical: resolver.entities[i].canonical,
                                generic: resolver.entities[i].generic, country: resolver.entities[i].country,
                                surface: resolver.entities[i].surface, into: &key)
            // (No closure making the name: it would capture copies of the extractor and the resolver.)
            let made: (name: String, id: String)
            if let cached = key.withUnsafeBufferPointer({ cache.nameAndID($0) }) {
                made = cached
            } else {
                let name = displayName(resolver.entities[i])
                made = (name, EntityResolver.concatenate([resolver.entities[i].type.rawValue, ":", NameText.slug(name)]))
                key.withUnsafeBufferPointer { cache.store($0, name: made.name, id: made.id) }
            }
            names.append(made.name)
            ids.append(made.id)
        }
        // Each paragraph's mentions as (byte start, byte end, attachment) sorted as plain integers (the
        // attachment order breaks ties, as the stable sort of the mentions did), then made in that order.
        var order = Array(repeating: [(start: Int, end: Int, index: Int)](), count: cable.paragraphs.count)
        for (index, (_, place)) in resolver.attached.enumerated() {
            let list = tokens[place.paragraph]
            order[place.paragraph].append((list[place.first].start, list[place.end - 1].end, index))
        }
        for p in cable.paragraphs.indices {
            guard !order[p].isEmpty else { cable.paragraphs[p].entities = []; continue }
            order[p].sort { ($0.start, $0.end, $0.index) < ($1.start, $1.end, $1.index) }
            let list = tokens[p]
            var mentions: [Cable.EntityMention] = []
            mentions.reserveCapacity(order[p].count)
            // Byte offsets turned into scalar offsets by counting from one mention to the next.
            var cursor = TokenList.ScalarCursor()
            for (start, end, index) in order[p] {
                let (entity, place) = resolver.attached[index]
                let surface = place.end - place.first == 1 ? list.text(place.first) : list.string(start, end)
                let scalarStart = cursor.offset(start, in: list)
                mentions.append(.init(id: ids[entity], type: resolver.entities[entity].type.rawValue, surface: surface,
                                      start: scalarStart, end: cursor.offset(end, in: list)))
            }
            cable.paragraphs[p].entities = mentions
        }
        // Entities with the same id become one summary, in order of first appearance.
        var summaryOfID = ByteKeyTable()
        var summaries: [Cable.EntitySummary] = []
        for i in resolver.entities.indices {
            var id = Array(ids[i].utf8)
            ByteKeyTable.canonical(&id)
            if let known = id.withUnsafeBufferPointer({ summaryOfID.value($0) }) {
                summaries[known].mentions += resolver.entities[i].mentions
            } else {
                id.withUnsafeBufferPointer { summaryOfID.set($0, summaries.count) }
                summaries.append(.init(id: ids[i], name: names[i], type: resolver.entities[i].type.rawValue,
                                       mentions: resolver.entities[i].mentions))
            }
        }
        cable.entities = summaries.sorted {
            $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.name < $1.name
        }
    }

    private func displayName(_ e: EntityResolver.Entity) -> String {
        if let canonical = e.canonical {
            if e.generic, let code = e.country, let country = gazetteer.country(code: code) {
                return "\(canonical) (\(country.name))"
            }
            return canonical
        }
        // A byte search when ASCII: Foundation's `contains` costs thousands of instructions a call.
        let hasSpace = e.surface.utf8.allSatisfy { $0 < 0x80 } ? e.surface.utf8.contains(0x20) : e.surface.contains(" ")
        let isAcronym = e.type == .organization && !hasSpace && Gazetteer.looksLikeAcronym(e.surface)
        return isAcronym ? e.surface : NameText.displayName(e.surface)
    }
}
