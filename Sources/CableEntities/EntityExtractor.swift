import CableParser

/// Finds the people, organisations and places of a parsed cable.
///
/// `annotate(_:)` fills every paragraph's `entities` with mentions (offsets in Unicode scalars of the
/// paragraph text) and the cable's `entities` with one summary per entity. Ids are readable slugs
/// (`person:antonio-guterres`, `location:kazakhstan`, `organization:government-of-kazakhstan`) derived
/// from the entity's fullest name, so the same name gets the same id in every cable.
///
/// One instance can serve many threads. Its mutable state is a cache of the names and ids of the
/// entities it has written (`EntityNameCache`, behind a lock) and a pool of workspaces (each call takes
/// one for itself and gives it back emptied, see `ExtractionWorkspace`); neither changes any output.
public struct EntityExtractor: Sendable {
    /// The lexicon in use.
    public let gazetteer: Gazetteer
    /// Why the bundled gazetteer failed to load, if it did (the extractor then works without it).
    public let loadError: GazetteerError?
    /// Names and ids made for earlier cables, shared by copies of this extractor.
    let nameCache: EntityNameCache
    /// Buffers for the steps after the recognisers, reused from call to call (one per concurrent call).
    let workspaces = ExtractionWorkspace.Pool()

    /// An extractor over the bundled gazetteer (loaded once per process and shared).
    public init() {
        self.init(nameCacheCapacity: EntityNameCache.defaultCapacity)
    }

    /// An extractor over the bundled gazetteer whose name cache keeps at most `nameCacheCapacity` entries
    /// (tests: a full cache must not change the output).
    init(nameCacheCapacity: Int) {
        switch Self.shared {
        case .success(let g): gazetteer = g; loadError = nil
        case .failure(let error): gazetteer = Gazetteer(); loadError = error
        }
        nameCache = EntityNameCache(capacity: nameCacheCapacity)
    }

    /// An extractor over a given gazetteer (tests, experiments).
    public init(gazetteer: Gazetteer) {
        var gazetteer = gazetteer
        gazetteer.lexicon = Lexicon(gazetteer)  // the lists may have changed since it was built
        self.gazetteer = gazetteer
        self.loadError = nil
        nameCache = EntityNameCache()
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
        workspace.largestCableBytes = max(workspace.largestCableBytes, cable.paragraphs.reduce(0) { $0 + $1.text.utf8.count })
        if let loadError { cable.warnings.append("entities: \(loadError.description)") }
        let context = CableContext(gazetteer: gazetteer, cable: cable)
        let env = ParagraphRecognizer.Environment(gazetteer: gazetteer, context: context)
        var paragraphTokens: [TokenList] = []
        var paragraphCaps: [Bool] = []

        // The resolver is moved out of the workspace for the call (and back at its end): a class's stored
        // property is checked for exclusive access at every use.
        var resolver: EntityResolver
        if let kept = workspace.resolver.take() { resolver = kept } else { resolver = EntityResolver(gazetteer: gazetteer) }

        // The paragraph pass's scratch memory, reused from earlier calls.
        let scratch = workspace.paragraphs
        for (p, paragraph) in cable.paragraphs.enumerated() {
            let tokens = Tokenizer.splitCompounds(Tokenizer.tokenize(paragraph.text, lexicon: gazetteer.lexicon, workspace: scratch),
                                                  gazetteer: gazetteer, hyphenatedIn: scratch)
            var recognizer = ParagraphRecognizer(env: env, tokens: tokens, workspace: scratch)
            recognizer.findCandidates()
            // Read in place, so that no candidate is copied (and its strings retained) on the way.
            recognizer.candidates.withUnsafeBufferPointer { resolver.add($0, tokens: tokens, paragraph: p) }
            paragraphTokens.append(tokens)
            paragraphCaps.append(recognizer.caps)
            recognizer.recycle()
        }
        if let subject = cable.subject {
            let tokens = Tokenizer.splitCompounds(Tokenizer.tokenize(subject, lexicon: gazetteer.lexicon, workspace: scratch),
                                                  gazetteer: gazetteer, hyphenatedIn: scratch)
            var recognizer = ParagraphRecognizer(env: env, tokens: tokens, workspace: scratch)
            recognizer.findCandidates()
            recognizer.candidates.withUnsafeBufferPointer { resolver.add($0, tokens: tokens, paragraph: -1) }
            recognizer.recycle()
        }
        for m in CableEvidence(env: env, memo: workspace.metadata, scratch: scratch).collect(cable, rawText: rawText) {
            resolver.add(m)
        }

        resolver.resolve()
        aliasPass(workspace, &resolver, tokens: paragraphTokens, caps: paragraphCaps)
        write(workspace, resolver, into: &cable, tokens: paragraphTokens)
        workspace.resolver = consume resolver
    }
}
