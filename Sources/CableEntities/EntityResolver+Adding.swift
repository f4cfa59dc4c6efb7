/// Adding a cable's mentions to the resolver: the recognisers' candidates (read in place, a paragraph
/// at a time) and the metadata's mentions, as plain records over `text`, `lists` and `names`.
extension EntityResolver {
    /// Adds the candidates a recogniser found in `tokens` (a paragraph's, or the subject's when
    /// `paragraph` is -1): for each, its word keys (all of a one-token span, the words of a longer one),
    /// its surface (a span of `tokens`) and its gazetteer name. The candidates are read in place: none is
    /// copied, so none of their strings is retained but the names kept.
    mutating func add(_ found: UnsafeBufferPointer<Candidate>, tokens: TokenList, paragraph: Int) {
        guard !found.isEmpty else { return }
        let list = Int32(truncatingIfNeeded: lists.count)
        lists.append(tokens)
        tokens.items.withUnsafeBufferPointer { items in
            for k in found.indices {
                let first = found[k].first, end = found[k].end
                let firstWord = text.wordCount
                text.appendKeys(of: tokens, from: first, to: end)
                let words = Span(start: firstWord, count: text.wordCount - firstWord)
                let start = items[first].start
                let surface = Surface(list: list, start: Int32(truncatingIfNeeded: start),
                                      count: Int32(truncatingIfNeeded: items[end - 1].end - start))
                var acronym: Int32 = -1
                if let defined = found[k].definedAcronym {
                    acronym = Int32(truncatingIfNeeded: text.wordCount)
                    text.appendKey(defined)
                }
                let place = paragraph >= 0 ? Place(paragraph: paragraph, first: first, end: end) : .nowhere
                pending.append(Pending(type: found[k].type, generic: found[k].generic, evidence: found[k].evidence, words: words,
                                       surface: surface, canonical: name(found[k].canonical), country: name(found[k].country),
                                       acronym: acronym, place: place))
            }
        }
    }

    /// Adds a mention of the metadata (no place in the text), unless its name has no letter or digit: a
    /// damaged origin such as `Embassy ` (no city after the prefix) gave a place named "" with the id
    /// `location:unnamed` (found by Fuzz/CableFuzz).
    mutating func add(_ m: MetadataMention) {
        guard Self.hasLetterOrDigit(m.canonical ?? m.surface) else { return }
        let first = text.wordCount
        for key in m.keys { text.appendKey(key) }
        let words = Span(start: first, count: text.wordCount - first)
        let span = text.appendSurface(m.surface)
        pending.append(Pending(type: m.type, generic: false, evidence: m.evidence, words: words,
                               surface: Surface(list: -1, start: span.start, count: span.count),
                               canonical: name(m.canonical), country: -1, acronym: -1, place: .nowhere))
    }

    /// Whether `name` has a letter or digit (of any script). Asked of every metadata mention: a name
    /// starting with an ASCII letter or digit, nearly all of them, answers without Unicode properties.
    static func hasLetterOrDigit(_ name: String) -> Bool {
        if let first = name.utf8.first, (first | 0x20) &- 0x61 < 26 || first &- 0x30 < 10 { return true }
        return name.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    /// The index of `string` in `names` (appended), -1 for nil.
    private mutating func name(_ string: String?) -> Int32 {
        guard let string else { return -1 }
        names.append(string)
        return Int32(truncatingIfNeeded: names.count - 1)
    }

    /// The surface's bytes.
    @inline(__always)
    func withSurface<R>(_ surface: Surface, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard surface.list >= 0 else { return text.withSurface(Span(start: Int(surface.start), count: Int(surface.count)), body) }
        return lists.withUnsafeBufferPointer { lists in
            lists[Int(surface.list)].bytes.withUnsafeBufferPointer { bytes in
                body(UnsafeBufferPointer(rebasing: bytes[Int(surface.start)..<Int(surface.start + surface.count)]))
            }
        }
    }

    /// The surface as a `String` (made only for a name not found in the name cache).
    func surfaceString(_ surface: Surface) -> String {
        withSurface(surface) { String(decoding: $0, as: UTF8.self) }
    }

    /// The gazetteer name (or country code) kept at `index` (not -1).
    @inline(__always)
    func name(at index: Int32) -> String { names[Int(index)] }
}
