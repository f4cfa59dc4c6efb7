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
    /// Buffers for the steps after the recognisers, reused from call to call (one per concurrent call).
    let workspaces = ExtractionWorkspace.Pool()

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
        let workspace = workspaces.take(gazetteer: gazetteer)
        defer { workspaces.give(workspace) }
        annotate(&cable, rawText: rawText, in: workspace)
    }

    /// `annotate(_:rawText:)` in the buffers of `workspace`, which must be empty (as `Pool.take` gives it).
    func annotate(_ cable: inout Cable, rawText: String?, in workspace: ExtractionWorkspace) {
        if let loadError { cable.warnings.append("entities: \(loadError.description)") }
        let context = CableContext(gazetteer: gazetteer, cable: cable)
        let env = ParagraphRecognizer.Environment(gazetteer: gazetteer, context: context)
        var paragraphTokens: [TokenList] = []
        var paragraphCaps: [Bool] = []

        for (p, paragraph) in cable.paragraphs.enumerated() {
            let tokens = Tokenizer.splitCompounds(Tokenizer.tokenize(paragraph.text, lexicon: gazetteer.lexicon), gazetteer: gazetteer)
            var recognizer = ParagraphRecognizer(env: env, tokens: tokens)
            for c in recognizer.run() {
                workspace.resolver.add(c, tokens: tokens, place: .init(paragraph: p, first: c.first, end: c.end))
            }
            paragraphTokens.append(tokens)
            paragraphCaps.append(recognizer.caps)
        }
        if let subject = cable.subject {
            let tokens = Tokenizer.splitCompounds(Tokenizer.tokenize(subject, lexicon: gazetteer.lexicon), gazetteer: gazetteer)
            var recognizer = ParagraphRecognizer(env: env, tokens: tokens)
            for c in recognizer.run() { workspace.resolver.add(c, tokens: tokens, place: nil) }
        }
        for m in CableEvidence(env: env).collect(cable, rawText: rawText) { workspace.resolver.add(m) }

        workspace.resolver.resolve()
        aliasPass(workspace, tokens: paragraphTokens, caps: paragraphCaps)
        write(workspace, into: &cable, tokens: paragraphTokens)
    }

    /// Second look at every paragraph: lone surnames and acronyms of entities found elsewhere in the cable.
    private func aliasPass(_ workspace: ExtractionWorkspace, tokens: [TokenList], caps: [Bool]) {
        workspace.resolver.buildAliases()
        guard !workspace.resolver.aliases.isEmpty else { return }
        // Tokens already in a mention, all paragraphs in one array (the workspace's).
        var firstOfParagraph: [Int] = [], covered: [Bool] = [], candidates: [Int] = [], key: [UInt8] = []
        swap(&firstOfParagraph, &workspace.firstOfParagraph)
        swap(&covered, &workspace.covered)
        swap(&candidates, &workspace.aliasCandidates)
        swap(&key, &workspace.key)
        defer {
            swap(&firstOfParagraph, &workspace.firstOfParagraph)
            swap(&covered, &workspace.covered)
            swap(&candidates, &workspace.aliasCandidates)
            swap(&key, &workspace.key)
        }
        firstOfParagraph.removeAll(keepingCapacity: true)
        var total = 0
        for list in tokens { firstOfParagraph.append(total); total += list.count }
        covered.removeAll(keepingCapacity: true)
        covered.append(contentsOf: repeatElement(false, count: total))
        for (_, place) in workspace.resolver.attached {
            for k in place.first..<place.end { covered[firstOfParagraph[place.paragraph] + k] = true }
        }
        // (A copy that shares the table: attaching aliases changes the resolver's mentions, not its aliases.)
        let aliases = workspace.resolver.aliases
        for (p, list) in tokens.enumerated() {
            // The candidates first, over the plain token values: most words are lower case, or rejected by
            // the tokeniser's hash of an ASCII key (the table's hash) alone.
            candidates.removeAll(keepingCapacity: true)
            let capsText = caps[p], first = firstOfParagraph[p]
            list.items.withUnsafeBufferPointer { items in
                covered.withUnsafeBufferPointer { covered in
                    for k in items.indices {
                        let token = items[k]
                        guard token.kind == .word, capsText || token.isCapitalized, !covered[first + k],
                              token.hash == 0 || aliases.mayContain(hash: token.hash) else { continue }
                        candidates.append(k)
                    }
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
                workspace.resolver.attachAlias(entity: entity, place: .init(paragraph: p, first: k, end: k + 1))
            }
        }
    }

    /// Turns resolved entities into the model's mentions and summaries.
    private func write(_ workspace: ExtractionWorkspace, into cable: inout Cable, tokens: [TokenList]) {
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
        // Entities with the same id become one summary, in order of first appearance (ids are ASCII slugs:
        // their bytes are their canonical bytes).
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

    /// `Gazetteer.looksLikeAcronym` from the bytes of an ASCII surface (ASCII letters are the alphabetic
    /// scalars there, capitals the upper-case ones), without its Unicode property lookups.
    static func looksLikeAcronym(_ surface: String) -> Bool {
        let answer: Bool?? = surface.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            var letters = 0, upper = 0
            for b in bytes {
                if b >= 0x80 { return nil }
                if b == 0x20 { return false }
                if b &- 0x41 < 26 { letters += 1; upper += 1 } else if b &- 0x61 < 26 { letters += 1 }
            }
            return letters > 0 && letters <= 6 && upper * 2 > letters
        }
        if let answer, let answer { return answer }
        return Gazetteer.looksLikeAcronym(surface)
    }

    private func displayName(_ e: EntityResolver.Entity, surface: String) -> String {
        if let canonical = e.canonical {
            if e.generic, let code = e.country, let country = gazetteer.country(code: code) {
                return "\(canonical) (\(country.name))"
            }
            return canonical
        }
        // A byte search where the bytes settle it: Foundation's `contains` costs thousands of instructions a call.
        let hasSpace = CableEvidence.contains(surface, mark: 0x20, foundation: { surface.contains(" ") })
        let isAcronym = e.type == .organization && !hasSpace && Self.looksLikeAcronym(surface)
        return isAcronym ? surface : NameText.displayName(surface)
    }
}
