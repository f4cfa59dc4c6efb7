/// Hyphenated compounds in cables often join names that must be found one by one
/// (`Turkey-brokered`, `U.S.-Czech`, `Russia-NATO`); names like `Thompson-Jones` or `al-Megrahi` must not be cut.
extension Tokenizer {
    /// Splits a hyphenated word when one part is a known one-word name or an ordinary lower-case word.
    static func splitCompounds(_ list: TokenList, gazetteer: Gazetteer) -> TokenList {
        // Most paragraphs split nothing: the hyphenated words are found in one pass over the plain token
        // values, and the token array is copied only when one of them splits.
        var splits: [Int] = []
        list.items.withUnsafeBufferPointer { items in
            for index in items.indices where items[index].hasHyphen && items[index].kind == .word {
                if splitsCompound(list, index, gazetteer: gazetteer) { splits.append(index) }
            }
        }
        return split(list, splits)
    }

    /// `splitCompounds(_:gazetteer:)` of `list`, the text `workspace` tokenised last: the tokeniser noted
    /// its hyphenated words, so only those are looked at.
    static func splitCompounds(_ list: TokenList, gazetteer: Gazetteer, hyphenatedIn workspace: ParagraphWorkspace) -> TokenList {
        precondition(list.count == workspace.tokenizedCount, "splitCompounds: not the text the workspace tokenised last")
        guard workspace.hyphenatedCount > 0 else { return list }
        var splits: [Int] = []
        for k in workspace.hyphenated.slots(workspace.hyphenatedCount) {
            let index = Int(k)
            if splitsCompound(list, index, gazetteer: gazetteer) { splits.append(index) }
        }
        return split(list, splits)
    }

    /// The parts of hyphenated word `token` as byte ranges of the text: between its hyphens (an empty
    /// range where two hyphens meet), made again where they are needed instead of kept per word.
    private static func parts(_ token: Token, in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        var start = token.start
        for k in token.start..<token.end where bytes[k] == 0x2D {
            guard body(start..<k) else { return }
            start = k + 1
        }
        _ = body(start..<token.end)
    }

    /// `list` with each word of `splits` replaced by its parts and `-` marks between them.
    private static func split(_ list: TokenList, _ splits: [Int]) -> TokenList {
        guard !splits.isEmpty else { return list }
        var out: [Token] = []
        out.reserveCapacity(list.count + 8)
        var next = 0
        list.bytes.withUnsafeBufferPointer { bytes in
            for index in splits {
                out.append(contentsOf: list.items[next..<index])
                next = index + 1
                let token = list[index]
                var n = 0
                parts(token, in: bytes) { range in
                    if n > 0 {
                        out.append(punct("-", at: range.lowerBound - 1))
                    }
                    if !range.isEmpty {
                        // The last part is the one that ends where the word ends (a trailing hyphen leaves an
                        // empty last part, which is skipped as before).
                        out.append(word(list.bytes[range], start: range.lowerBound,
                                        sentenceStart: n == 0 && token.sentenceStart,
                                        possessive: range.upperBound == token.end && token.possessive))
                    }
                    n += 1
                    return true
                }
            }
        }
        out.append(contentsOf: list.items[next...])
        return TokenList(items: out, bytes: list.bytes, isASCII: list.isASCII)
    }

    /// Whether hyphenated word `index` should be split (no array of its parts is made for an ASCII word).
    private static func splitsCompound(_ list: TokenList, _ index: Int, gazetteer: Gazetteer) -> Bool {
        // The tokeniser's lexicon probe says whether the word starts a phrase (every ASCII phrase key is stored).
        switch list.lexiconEntry(index, in: gazetteer.lexicon) {
        case -2: break
        case -1: guard gazetteer.phrases[list.keys[index]] == nil else { return false }
        case let entry: guard !gazetteer.lexicon.stored(Int(entry)).flags.contains(.phraseStart) else { return false }
        }
        let token = list[index]
        if token.isASCII, gazetteer.lexicon.isBuilt { return asciiCompoundSplits(list, token, gazetteer: gazetteer) }
        var parts: [Range<Int>] = []
        list.bytes.withUnsafeBufferPointer { bytes in
            Self.parts(token, in: bytes) { parts.append($0); return true }
        }
        let lexicon = gazetteer.lexicon
        let prefixed = parts.contains { Gazetteer.prefixes.contains(NameText.key(list.string($0.lowerBound, $0.upperBound))) }
        return !prefixed && parts.contains { range in
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
    }

    /// `splitsCompound`'s decision for an ASCII word, from the bytes of its parts: each part's key is its
    /// bytes in capitals and its lexicon flags come from one probe of those bytes (as `Lexicon.flags`
    /// answers for the key), with no `String` made for a part the lists need not see (a prefix's key is
    /// made only when the prefix set may hold its hash).
    private static func asciiCompoundSplits(_ list: TokenList, _ token: Token, gazetteer: Gazetteer) -> Bool {
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
            // A prefix part (`anti-`, `pro-`) keeps the word whole, whatever the other parts are.
            var prefixed = false
            parts(token, in: bytes) { range in
                let part = UnsafeBufferPointer(rebasing: bytes[range])
                if Gazetteer.prefixes.mayContain(hash: hash(part)), Gazetteer.prefixes.contains(key(part)) { prefixed = true }
                return !prefixed
            }
            if prefixed { return false }
            var splits = false
            parts(token, in: bytes) { range in
                let part = UnsafeBufferPointer(rebasing: bytes[range])
                let flags = gazetteer.lexicon.entry(folding: part, hash: hash(part)).map { gazetteer.lexicon.stored($0).flags } ?? []
                if flags.contains(.connector) { return true }
                if let first = part.first, first &- 0x61 < 26 {
                    splits = part.count >= 4 && (flags.contains(.complete) ? flags.contains(.english) : gazetteer.isEnglish(key(part)))
                } else {
                    splits = flags.contains(.countryWord) || flags.contains(.oneWordName)
                }
                return !splits
            }
            return splits
        }
    }
}
