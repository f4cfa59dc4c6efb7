import CableParser

/// The alias pass: lone surnames and acronyms of entities found elsewhere in the cable.
extension EntityExtractor {
    /// Second look at every paragraph: lone surnames and acronyms of entities found elsewhere in the cable.
    func aliasPass(_ workspace: ExtractionWorkspace, _ resolver: inout EntityResolver, tokens: [TokenList], caps: [Bool]) {
        resolver.buildAliases()
        guard !resolver.aliases.isEmpty else { return }
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
        covered.withUnsafeMutableBufferPointer { covered in
            for (_, place) in resolver.attached {
                for k in place.first..<place.end { covered[firstOfParagraph[place.paragraph] + k] = true }
            }
        }
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
                              token.hash == 0 || resolver.aliases.mayContain(hash: token.hash) else { continue }
                        candidates.append(k)
                    }
                }
            }
            for k in candidates {
                let token = list[k]
                list.canonicalKey(k, into: &key)
                guard let entity = key.withUnsafeBufferPointer({ resolver.aliases.value($0) }), entity >= 0 else { continue }
                if caps[p] {
                    if gazetteer.isEnglish(list.keys[k]) { continue }
                } else if !token.isCapitalized {
                    continue
                }
                resolver.attachAlias(entity: entity, place: .init(paragraph: p, first: k, end: k + 1))
            }
        }
    }
}
