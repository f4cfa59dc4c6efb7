/// Finding the entity a mention belongs to: by its index key, an acronym, or a person's name forms.
extension EntityResolver {
    /// The canonical bytes of word `w`'s key, into `bytes`.
    mutating func canonicalKey(_ w: Int, into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        text.appendKey(w, to: &bytes)
        if !text.words[w].isASCII { ByteKeyTable.canonical(&bytes) }
    }

    /// The entity whose acronym (as written) is word `w`'s key.
    mutating func acronymEntity(_ w: Int) -> Int? {
        guard !acronymIndex.isEmpty else { return nil }
        if text.words[w].isASCII { return text.withKey(w) { acronymIndex.value($0) } }
        var bytes: [UInt8] = []
        canonicalKey(w, into: &bytes)
        return bytes.withUnsafeBufferPointer { acronymIndex.value($0) }
    }

    /// The entity a mention belongs to, if one exists already (`scratch`: a buffer for its key, if built).
    /// `hash`: the index key's hash when it is ASCII (`indexedEntity`).
    mutating func find(_ mention: Int, scratch: inout ByteBuffer, hash: inout UInt64?) -> Int? {
        if let hit = indexedEntity(mention, scratch: &scratch, hash: &hash) { return hit }
        let words = pending[mention].words, type = pending[mention].type
        switch type {
        case .organization, .location:
            if words.count == 1, let hit = acronymEntity(Int(words.start)) { return hit }
            return nil
        case .person:
            return findPerson(words)
        }
    }

    /// `Guterres` → `Antonio Guterres`; `M. O'Mara` → `Mark O'Mara`; the busiest of several candidates.
    mutating func findPerson(_ words: Span) -> Int? {
        guard !words.isEmpty else { return nil }
        let last = words.last, count = Int(words.count)
        var best: Int? = nil
        let lastHash = text.words[last].hash
        // Over the people only, in order; their first and last words' hashes (0 when not ASCII) reject
        // most of them before their entity or any byte is read.
        return persons.withUnsafeBufferPointer { persons in
        entities.withUnsafeBufferPointer { entities in
        for p in persons {
            guard p.count > 0, Self.mayEqual(p.last, lastHash) || count == 1 && p.count > 1 && Self.mayEqual(p.first, lastHash)
            else { continue }
            let i = Int(p.entity)
            let e = entities[i].words
            let eCount = Int(e.count)
            // "General Sebhat" after "Sebhat Efrem": a lone word may be the first of a name when it is no given name.
            guard Self.mayEqual(p.last, lastHash) && text.equal(e.last, last)
                    || count == 1 && eCount > 1 && Self.mayEqual(p.first, lastHash) && text.equal(Int(e.start), last)
                    && !text.isMember(last, of: gazetteer.firstNames) else { continue }
            let compatible: Bool
            if count == 1 || eCount == 1 {
                compatible = true
            } else {
                let a = Int(words.start), b = Int(e.start)
                compatible = text.equal(a, b)
                    || (text.characterCount(a) <= 2 && text.hasFirstCharacter(b, of: a))
                    || (text.characterCount(b) <= 2 && text.hasFirstCharacter(a, of: b))
                    || eCount > count && suffix(of: e, equals: words)
                    || count > eCount && suffix(of: words, equals: e)
            }
            guard compatible else { continue }
            if best == nil || entities[best!].mentions < entities[i].mentions { best = i }
        }
        return best
        }
        }
    }

    /// Two words' hashes allow them to be equal (a hash of 0 is no ASCII key's: unknown).
    @inline(__always)
    static func mayEqual(_ a: UInt64, _ b: UInt64) -> Bool { a == b || a == 0 || b == 0 }

    /// The last `short.count` words of `long` are those of `short`.
    mutating func suffix(of long: Span, equals short: Span) -> Bool {
        let offset = Int(long.start) + Int(long.count) - Int(short.count)
        for k in 0..<Int(short.count) where !text.equal(offset + k, Int(short.start) + k) { return false }
        return true
    }

    /// A weak lone word that is already an alias of some entity (`Sahlin` after `Mona Sahlin`).
    mutating func findAnyType(_ mention: Int) -> Int? {
        let words = pending[mention].words
        guard words.count == 1 else { return nil }
        if let hit = acronymEntity(Int(words.start)) { return hit }
        return findPerson(words)
    }
}
