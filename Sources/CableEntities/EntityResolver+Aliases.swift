/// The alias pass's side of the resolver: the lone words each entity can be called by, and the mentions
/// found by them.
extension EntityResolver {
    /// Fills `aliases`: the lone words each entity can be called by (surnames of people, acronyms of
    /// organisations), keyed by the words' canonical bytes (as `TokenList.canonicalKey` gives them); a
    /// word that names two entities maps to -1 (ambiguous: no alias). The outcome does not depend on the
    /// order of the words put.
    mutating func buildAliases() {
        aliases.removeAll()
        var bytes: [UInt8] = []
        swap(&bytes, &key)
        defer { swap(&bytes, &key) }
        for id in entities.indices {
            switch entities[id].type {
            case .person:
                let words = entities[id].words
                if !words.isEmpty, text.characterCount(words.last) >= 3, !text.isMember(words.last, of: gazetteer.stopwords) {
                    putAlias(words.last, id, &bytes)
                }
            case .organization:
                if entities[id].canonical < 0, entities[id].words.count == 1 { putAlias(Int(entities[id].words.start), id, &bytes) }
            case .location:
                break
            }
        }
        for (id, word) in acronyms where entities[id].type == .organization { putAlias(word, id, &bytes) }
    }

    private mutating func putAlias(_ w: Int, _ id: Int, _ bytes: inout [UInt8]) {
        canonicalKey(w, into: &bytes)
        bytes.withUnsafeBufferPointer { key in
            if let other = aliases.value(key) {
                if other != id { aliases.set(key, -1) }
            } else {
                aliases.set(key, id)
            }
        }
    }

    /// Adds a mention found by the alias pass.
    mutating func attachAlias(entity: Int, place: Place) {
        entities[entity].mentions += 1
        attached.append((entity, place))
    }
}
