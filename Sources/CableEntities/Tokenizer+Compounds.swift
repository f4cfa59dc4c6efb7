/// Hyphenated compounds in cables often join names that must be found one by one
/// (`Turkey-brokered`, `U.S.-Czech`, `Russia-NATO`); names like `Thompson-Jones` or `al-Megrahi` must not be cut.
extension Tokenizer {
    /// Splits a hyphenated word when one part is a known one-word name or an ordinary lower-case word.
    static func splitCompounds(_ tokens: [Token], gazetteer: Gazetteer) -> [Token] {
        // Most paragraphs split nothing: the token array is only copied from the first split on.
        var out: [Token]? = nil
        for index in tokens.indices {
            guard tokens[index].kind == .word, tokens[index].hasHyphen,
                  let (scalars, parts) = compoundParts(tokens[index], gazetteer: gazetteer) else {
                out?.append(tokens[index])
                continue
            }
            if out == nil {
                out = Array(tokens[..<index])
                out!.reserveCapacity(tokens.count + 8)
            }
            let token = tokens[index]
            for (n, range) in parts.enumerated() {
                if n > 0 {
                    let at = token.start + range.lowerBound - 1
                    out!.append(Token(kind: .punct, start: at, end: at + 1, text: "-", key: "", isCapitalized: false,
                                      isAllCaps: false, sentenceStart: false, possessive: false))
                }
                guard !range.isEmpty else { continue }
                out!.append(word(scalars[range], start: token.start + range.lowerBound,
                                 sentenceStart: n == 0 && token.sentenceStart,
                                 possessive: n == parts.count - 1 && token.possessive))
            }
        }
        return out ?? tokens
    }

    /// The scalars of a hyphenated word and its parts, when it should be split; nil to keep it whole.
    private static func compoundParts(_ token: Token, gazetteer: Gazetteer) -> ([Unicode.Scalar], [Range<Int>])? {
        guard gazetteer.phrases[token.key] == nil else { return nil }
        let scalars = Array(token.text.unicodeScalars)
        var parts: [Range<Int>] = []
        var start = 0
        for (k, s) in scalars.enumerated() where s == "-" {
            parts.append(start..<k)
            start = k + 1
        }
        parts.append(start..<scalars.count)
        let prefixed = parts.contains { Gazetteer.prefixes.contains(NameText.key(NameText.string(scalars[$0]))) }
        let split = !prefixed && parts.contains { range in
            let part = NameText.string(scalars[range])
            let key = NameText.key(part)
            if gazetteer.connectors.contains(key) { return false }
            if let first = part.unicodeScalars.first, first.properties.isLowercase {
                return part.count >= 4 && gazetteer.isEnglish(key)
            }
            return gazetteer.countryOfWord[key] != nil
                || gazetteer.phrases[key]?.contains { $0.keys.count == 1 && $0.payload != .title } == true
        }
        return split ? (scalars, parts) : nil
    }
}
