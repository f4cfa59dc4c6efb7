/// `Gazetteer.isEnglish` answers for ASCII keys, kept by a workspace across paragraphs and cables: the
/// same names come back paragraph after paragraph, and each answer costs ~1,000 instructions (a key
/// `String`, a set lookup, suffix and prefix tests) against a probe of a few dozen here.
///
/// Keyed by the token's bytes in capitals (its key) and the tokeniser's FNV-1a of them (`TokenList.keyHash`),
/// so a lookup makes no `String`. Valid for one lexicon (`Lexicon.identity`): another one empties it.
struct EnglishMemo {
    private struct Slot {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var count: Int32 = -1  // -1: empty
        var english = false
    }

    private var slots: [Slot] = []
    private var bytes: [UInt8] = []
    private var used = 0
    private var lexicon = -1
    /// Keys kept at most before the memo starts over: with a slot and a key a few dozen bytes, a
    /// workspace's memo stays under ~2 MB (its slot table is at most 65,536 × 24 bytes).
    static let limit = 1 << 15

    /// `gazetteer.isEnglish(tokens.keys[i])`.
    mutating func isEnglish(_ tokens: TokenList, _ i: Int, gazetteer: Gazetteer) -> Bool {
        isEnglish(tokens, i, lexicon: gazetteer.lexicon.identity) { tokens, i, ascii in
            ascii ? Self.asciiIsEnglish(tokens, i, gazetteer: gazetteer) : gazetteer.isEnglish(tokens.keys[i])
        }
    }

    /// `env.gazetteer.isEnglish(tokens.keys[i])`, the gazetteer read only for a key not met before (passed
    /// as a value, it was copied at every question).
    mutating func isEnglish(_ tokens: TokenList, _ i: Int, env: ParagraphRecognizer.Environment) -> Bool {
        isEnglish(tokens, i, lexicon: env.lexicon.identity) { tokens, i, ascii in
            ascii ? Self.asciiIsEnglish(tokens, i, gazetteer: env.gazetteer) : env.gazetteer.isEnglish(tokens.keys[i])
        }
    }

    /// The memo's answer for token `i`, else `answer(tokens, i, ascii)`'s, kept for an ASCII key (`ascii`).
    @inline(__always)
    private mutating func isEnglish(_ tokens: TokenList, _ i: Int, lexicon identity: Int,
                                    answer: (TokenList, Int, Bool) -> Bool) -> Bool {
        let token = tokens[i]
        guard token.isASCII, token.kind != .punct else { return answer(tokens, i, false) }
        if lexicon != identity || used >= Self.limit { reset(identity) }
        let hash = tokens.keyHash(i)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        let found: Bool? = tokens.bytes.withUnsafeBufferPointer { text in
            bytes.withUnsafeBufferPointer { stored in
                slots.withUnsafeBufferPointer { slots in
                    while slots[index].count >= 0 {
                        let slot = slots[index]
                        if slot.hash == hash, Int(slot.count) == token.end - token.start {
                            var same = true
                            let start = Int(slot.start)
                            for k in 0..<Int(slot.count) {
                                let v = text[token.start + k]
                                if (v &- 0x61 < 26 ? v &- 0x20 : v) != stored[start + k] { same = false; break }
                            }
                            if same { return slot.english }
                        }
                        index = (index + 1) & mask
                    }
                    return nil
                }
            }
        }
        if let found { return found }
        let english = answer(tokens, i, true)
        // `index` is the empty slot the probe ended at.
        let start = bytes.count
        for k in token.start..<token.end {
            let v = tokens.bytes[k]
            bytes.append(v &- 0x61 < 26 ? v &- 0x20 : v)
        }
        slots[index] = Slot(hash: hash, start: Int32(start), count: Int32(token.end - token.start), english: english)
        used += 1
        if used * 2 > slots.count { grow() }
        return english
    }

    private mutating func reset(_ identity: Int) {
        slots = [Slot](repeating: Slot(), count: 1024)
        bytes.removeAll(keepingCapacity: true)
        used = 0
        lexicon = identity
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.count >= 0 {
            var index = Int(truncatingIfNeeded: slot.hash ^ (slot.hash >> 29)) & mask
            while slots[index].count >= 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}

/// `Gazetteer.isEnglish` for an ASCII word, read from the token's bytes: the answer of a key the memo has
/// not met. The lists are asked by the FNV-1a of a part first (`KeySet.contains(ascii:)`), so a `String` is made
/// only for a part whose hash a list holds; a name, in no list, makes none (it cost ~1,000 instructions
/// through `Gazetteer.isEnglish`, a key `String`, an array of its bytes and a `String` per prefix tried).
extension EnglishMemo {
    /// `gazetteer.isEnglish(tokens.keys[i])`; token `i` is an ASCII word or number.
    static func asciiIsEnglish(_ tokens: TokenList, _ i: Int, gazetteer g: Gazetteer) -> Bool {
        let token = tokens[i]
        let n = token.end - token.start
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(n, 1)) { buffer in
            // The key: the bytes in capitals.
            for k in 0..<n {
                let v = tokens.bytes[token.start + k]
                buffer[k] = v &- 0x61 < 26 ? v &- 0x20 : v
            }
            let key = UnsafeBufferPointer(rebasing: buffer[0..<n])
            if g.englishWords.contains(ascii: key) { return true }
            // "INCOMPREHENSION", "NEGOTIABLE": long words with a word-forming suffix.
            if n >= 8, Gazetteer.wordSuffixBytes.contains(where: { n >= $0.count && key.suffix($0.count).elementsEqual($0) }) { return true }
            // "WON'T", "THEY'LL": contractions of ordinary words.
            if let apostrophe = key.firstIndex(of: 0x27) {
                let tail = UnsafeBufferPointer(rebasing: key[(apostrophe + 1)...])
                if Gazetteer.contractionTailBytes.contains(where: { $0.elementsEqual(tail) }) {
                    let stem = UnsafeBufferPointer(rebasing: key[..<apostrophe])
                    return g.englishWords.contains(ascii: stem) || stem.elementsEqual("CAN".utf8) || stem.elementsEqual("WON".utf8)
                }
            }
            // "UNBANNING", "REELECTED": an ordinary word behind an ordinary prefix.
            for prefix in Gazetteer.wordPrefixBytes where n >= prefix.count + 4 && key.starts(with: prefix) {
                if g.englishWords.contains(ascii: UnsafeBufferPointer(rebasing: key[prefix.count...])) { return true }
            }
            // "ANTI-GUERRILLA", "FIVE-HOUR": every part between hyphens (empty parts skipped, as
            // `split` does) an ordinary word, a compound prefix or digits.
            guard key.contains(0x2D) else { return false }
            var start = 0
            while start <= n {
                var end = start
                while end < n, key[end] != 0x2D { end += 1 }
                if end > start {
                    let part = UnsafeBufferPointer(rebasing: key[start..<end])
                    let ordinary = g.englishWords.contains(ascii: part) || Gazetteer.prefixes.contains(ascii: part)
                        || part.allSatisfy { $0 &- 0x30 < 10 }
                    if !ordinary { return false }
                }
                start = end + 1
            }
            return true
        }
    }
}
