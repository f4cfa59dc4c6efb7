/// Phrase matching over plain values: most phrases listed under a capitalised word's key fail on their
/// length, their case rules or the hash of their second word, and those are read here from one flat
/// array of `PhraseShape`s and one of word hashes; only a phrase that passes them all is compared word by
/// word (`Gazetteer.phraseMatches`). Answers are `Gazetteer.longestPhraseIndex`'s.
extension Lexicon {
    /// What the matcher needs of a `Gazetteer.Phrase` before reading its strings.
    struct PhraseShape {
        /// Number of words (keys).
        var words: Int32
        /// Index in `phraseWordHashes` of the hash of word 0.
        var firstWord: Int32
        var wordLike: Bool
        /// A title matches in any case; other phrases of mixed text start at a capitalised word.
        var isTitle: Bool
        /// `Gazetteer.Phrase.capsOnly`: a one-word phrase without it matches its key's token outright.
        var capsOnly: Bool

        init(_ phrase: Gazetteer.Phrase, firstWord: Int) {
            words = Int32(phrase.keys.count)
            self.firstWord = Int32(firstWord)
            wordLike = phrase.wordLike
            isTitle = phrase.payload == .title
            capsOnly = phrase.capsOnly
        }
    }

    /// `gazetteer.longestPhraseIndex(phraseLists[list], in: tokens, at: i, capsText: capsText)`: the
    /// longest phrase of list `list` (the phrases of token `i`'s key, longest first) at token `i`.
    func longestPhraseIndex(list: Int, in tokens: TokenList, at i: Int, capsText: Bool) -> (index: Int, length: Int)? {
        let first = tokens[i]
        let from = Int(phraseShapeStart[list]), to = Int(phraseShapeStart[list + 1])
        // The phrases of two words or more are skipped together when the next token's hash rules out
        // every second word (the test below would reject each): "The" before a lower-case word, a name
        // before a verb.
        var skip = 0
        if i + 1 < tokens.count, phraseMultiWordCount[list] > 0 {
            // (`keyHash`: a lower-case word's hash is made here, the tokeniser leaves it unmade.)
            let next = tokens[i + 1], hash = tokens.keyHash(i + 1)
            if next.kind != .punct, next.isASCII, hash != 0,
               phraseSecondWordMask[list] & (1 << Self.secondWordBucket(hash)) == 0 {
                skip = Int(phraseMultiWordCount[list])
            }
        }
        return phraseShapes.withUnsafeBufferPointer { shapes in
            phraseWordHashes.withUnsafeBufferPointer { hashes in
                tokens.items.withUnsafeBufferPointer { items in
                    for p in skip..<(to - from) {
                        let shape = shapes[from + p]
                        let count = Int(shape.words)
                        guard i + count <= items.count else { continue }
                        if count == 0 { return (p, 0) }
                        if capsText && shape.wordLike { continue }
                        if !capsText, !shape.isTitle, !first.isCapitalized { continue }
                        // One word, token i's key: `phraseMatches` would test only the capitals rule (most
                        // phrases tried are these, and a call copied the phrase and retained its strings).
                        if count == 1, !shape.capsOnly || first.isAllCaps { return (p, 1) }
                        // Cheap rejections first: a possessive inside, an ASCII word whose hash is not the key's.
                        var possible = !(count > 1 && first.possessive)
                        var k = 1
                        while possible && k < count {
                            let token = items[i + k]
                            let hash = hashes[Int(shape.firstWord) + k]
                            if token.kind != .punct, token.isASCII, hash != 0, tokens.keyHash(i + k) != hash { possible = false }
                            if k + 1 < count, token.possessive { possible = false }
                            k += 1
                        }
                        if possible, Gazetteer.phraseMatches(phraseLists[list][p], in: tokens, at: i) { return (p, count) }
                    }
                    return nil
                }
            }
        }
    }

    /// The bucket (0-63) of a second word's hash in `phraseSecondWordMask`.
    @inline(__always)
    static func secondWordBucket(_ hash: UInt64) -> UInt64 { hash >> 58 }
}
