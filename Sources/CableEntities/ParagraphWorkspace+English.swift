/// `Gazetteer.isEnglish` answers for ASCII keys, kept by a workspace across paragraphs and cables: the
/// same names come back paragraph after paragraph, and each answer costs ~1,000 instructions (a key
/// `String`, a set lookup, suffix and prefix tests) against a probe of a few dozen here.
///
/// Keyed by the token's bytes in capitals (its key) and the tokeniser's FNV-1a of them (`Token.hash`),
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
        let token = tokens[i]
        guard token.isASCII, token.kind != .punct, token.hash != 0 else { return gazetteer.isEnglish(tokens.keys[i]) }
        if lexicon != gazetteer.lexicon.identity || used >= Self.limit { reset(gazetteer.lexicon.identity) }
        let hash = token.hash
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
        let english = gazetteer.isEnglish(tokens.keys[i])
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
