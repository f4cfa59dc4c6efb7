/// Hyphenated compounds in cables often join names that must be found one by one
/// (`Turkey-brokered`, `U.S.-Czech`, `Russia-NATO`); names like `Thompson-Jones` or `al-Megrahi` must not be cut.
extension Tokenizer {
    /// Splits a hyphenated word when one part is a known one-word name or an ordinary lower-case word.
    static func splitCompounds(_ list: TokenList, gazetteer: Gazetteer) -> TokenList {
        // Most paragraphs split nothing: the hyphenated words are found in one pass over the plain token
        // values, and the token array is copied only when one of them splits.
        var splits: [(index: Int, parts: [Range<Int>])] = []
        list.items.withUnsafeBufferPointer { items in
            for index in items.indices where items[index].hasHyphen && items[index].kind == .word {
                if let parts = compoundParts(list, index, gazetteer: gazetteer) { splits.append((index, parts)) }
            }
        }
        return split(list, splits)
    }

    /// `splitCompounds(_:gazetteer:)` of `list`, the text `workspace` tokenised last: the tokeniser noted
    /// its hyphenated words, so only those are looked at.
    static func splitCompounds(_ list: TokenList, gazetteer: Gazetteer, hyphenatedIn workspace: ParagraphWorkspace) -> TokenList {
        precondition(list.count == workspace.tokenizedCount, "splitCompounds: not the text the workspace tokenised last")
        guard workspace.hyphenatedCount > 0 else { return list }
        var splits: [(index: Int, parts: [Range<Int>])] = []
        for k in workspace.hyphenated.slots(workspace.hyphenatedCount) {
            let index = Int(k)
            if let parts = compoundParts(list, index, gazetteer: gazetteer) { splits.append((index, parts)) }
        }
        return split(list, splits)
    }

    /// `list` with each word of `splits` replaced by its parts and `-` marks between them.
    private static func split(_ list: TokenList, _ splits: [(index: Int, parts: [Range<Int>])]) -> TokenList {
        guard !splits.isEmpty else { return list }
        var out: [Token] = []
        out.reserveCapacity(list.count + 8)
        var next = 0
        for (index, parts) in splits {
            out.append(contentsOf: list.items[next..<index])
            next = index + 1
            let token = list[index]
            for (n, range) in parts.enumerated() {
                if n > 0 {
                    out.append(punct("-", at: range.lowerBound - 1))
                }
                guard !range.isEmpty else { continue }
                out.append(word(list.bytes[range], start: range.lowerBound,
                                sentenceStart: n == 0 && token.sentenceStart,
                                possessive: n == parts.count - 1 && token.possessive))
            }
        }
        out.append(contentsOf: list.items[next...])
        return TokenList(items: out, bytes: list.bytes, isASCII: list.isASCII)
    }

    /// The parts of hyphenated word `index` as byte ranges of the text, when it should be split; nil to keep it whole.
    private static func compoundParts(_ list: TokenList, _ index: Int, gazetteer: Gazetteer) -> [Range<Int>]? {
        // The tokeniser's lexicon probe says whether the word starts a phrase (every ASCII phrase key is stored).
        switch list.lexiconEntry(index, in: gazetteer.lexicon) {
        case -2: break
        case -1: guard gazetteer.phrases[list.keys[index]] == nil else { return nil }
        case let entry: guard !gazetteer.lexicon.stored(Int(entry)).flags.contains(.phraseStart) else { return nil }
        }
        let token = list[index]
        var parts: [Range<Int>] = []
        var start = token.start
        list.bytes.withUnsafeBufferPointer { bytes in
            for k in token.start..<token.end where bytes[k] == 0x2D {
                parts.append(start..<k)
                start = k + 1
            }
        }
        parts.append(start..<token.end)
        if token.isASCII, gazetteer.lexicon.isBuilt { return asciiCompoundSplits(list, parts, gazetteer: gazetteer) ? parts : nil }
        let lexicon = gazetteer.lexicon
        let prefixed = parts.contains { Gazetteer.prefixes.contains(NameText.key(list.string($0.lowerBound, $0.upperBound))) }
        let split = !prefixed && parts.contains { range in
            let part = list.string(range.lowerBound, range.upperBound)
            let key = NameText.key(part)
            // One lexicon probe answers the list questions (connector, country word, one-word name).
            let flags = lexicon.flags(key, hash: 0, in: gazetteer)
            if flags.contains(.connector) { return false }
            if let first = part.unicodeScalars.first, first.properties.isLowercase {
                return part.count >= 4 && (flags.contains(.complete) ? flags.contains(.english) : gazetteer.isEnglish(key))
            }
            return flags.contains(.countryWord) || flags.contains(.oneWordName)
        }
        return split ? parts : nil
    }

    /// `compoundParts`' decision for an ASCII word, from the bytes of its parts: each part's key is its
    /// bytes in capitals and its lexicon flags come from one probe of those bytes (as `Lexicon.flags`
    /// answers for the key), with no `String` made for a part the lists need not see (a prefix's key is
    /// made only when the prefix set may hold its hash).
    private static func asciiCompoundSplits(_ list: TokenList, _ parts: [Range<Int>], gazetteer: Gazetteer) -> Bool {
        list.bytes.withUnsafeBufferPointer { bytes in
            func key(_ part: UnsafeBufferPointer<UInt8>) -> String {
                String(unsafeUninitializedCapacity: part.count) { out in
                    for k in part.indices { out[k] = part[k] &- 0x61 < 26 ? part[k] &- 0x20 : part[k] }
                    return part.count
                }
            }
            func hash(_ part: UnsafeBufferPointer<UInt8>) -> UInt64 {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for b in part { hash = (hash ^ UInt64(b &- 0x61 < 26 ? b &- 0x20 : b)) &* 0x0000_0100_0000_01b3 }
                return hash
            }
            for range in parts {
                let part = UnsafeBufferPointer(rebasing: bytes[range])
                if Gazetteer.prefixes.mayContain(hash: hash(part)), Gazetteer.prefixes.contains(key(part)) { return false }
            }
            return parts.contains { range in
                let part = UnsafeBufferPointer(rebasing: bytes[range])
                let flags = gazetteer.lexicon.entry(folding: part, hash: hash(part)).map { gazetteer.lexicon.stored($0).flags } ?? []
                if flags.contains(.connector) { return false }
                if let first = part.first, first &- 0x61 < 26 {
                    return part.count >= 4 && (flags.contains(.complete) ? flags.contains(.english) : gazetteer.isEnglish(key(part)))
                }
                return flags.contains(.countryWord) || flags.contains(.oneWordName)
            }
        }
    }
}
