/// Looking a mention up in the resolver's `index` without building its key.
///
/// The index holds `indexKey` bytes (`type|=Canonical|country` or `type|KEY KEY`, canonical). Every
/// mention is looked up and only the ones that start an entity are stored, so the lookup is the hot
/// side: for a key that is ASCII (then its bytes are already canonical) the FNV-1a hash is taken, and
/// the stored key compared, straight from the word keys in `text` or the gazetteer strings. A key with
/// any other byte is built and made canonical as `indexKey` does. Both give the table the same hash
/// for the same bytes, so the two paths find each other's keys.
extension EntityResolver {
    /// The entity stored under `indexKey(mention)`, if any; `scratch` is a buffer for keys that must be
    /// built. `hash` is set to the key's hash when the key is ASCII (nil otherwise), for `create`.
    mutating func indexedEntity(_ mention: Int, scratch: inout ByteBuffer, hash: inout UInt64?) -> Int? {
        hash = nil
        let m = pending[mention]
        let typeByte = Self.typeByte(m.type)
        if m.canonical >= 0 {
            let found: Int?? = names.withUnsafeBufferPointer { names -> Int?? in
                let country = m.generic && m.country >= 0 ? names[Int(m.country)] : ""
                return names[Int(m.canonical)].utf8.withContiguousStorageIfAvailable { name -> Int?? in
                    let countryFound: Int??? = country.utf8.withContiguousStorageIfAvailable { code -> Int?? in
                        canonicalLookup(typeByte, name, code, hash: &hash)
                    }
                    return countryFound ?? .some(nil)
                } ?? .some(nil)
            }
            if let found { return found }
        } else {
            var count = Int(m.words.count)
            if m.type == .location, count > 1, text.isMember(m.words.last, of: gazetteer.locationHeads) { count -= 1 }
            if let found = wordsLookup(typeByte, Span(start: Int(m.words.start), count: count), hash: &hash) { return found }
        }
        indexKey(mention, into: &scratch)
        return index.value(scratch.bytes)
    }

    /// The lookup of `type|=name|code` when both are ASCII: .some(entity or nil); nil when not ASCII.
    private mutating func canonicalLookup(_ typeByte: UInt8, _ name: UnsafeBufferPointer<UInt8>, _ code: UnsafeBufferPointer<UInt8>,
                                 hash keyHash: inout UInt64?) -> Int?? {
        var hash = ByteKeyTable.hash(ByteKeyTable.hash(ByteKeyTable.hash(ByteKeyTable.hashStart, byte: typeByte), byte: 0x7C), byte: 0x3D)
        var high: UInt8 = 0
        for b in name { high |= b; hash = ByteKeyTable.hash(hash, byte: b) }
        hash = ByteKeyTable.hash(hash, byte: 0x7C)
        for b in code { high |= b; hash = ByteKeyTable.hash(hash, byte: b) }
        guard high < 0x80 else { return nil }
        keyHash = hash
        let length = 4 + name.count + code.count
        return .some(index.value(hash: hash) { stored in
            guard stored.count == length, stored[0] == typeByte, stored[1] == 0x7C, stored[2] == 0x3D,
                  stored[3 + name.count] == 0x7C else { return false }
            return ByteKeyTable.sameBytes(stored, 3, name, 0, count: name.count)
                && ByteKeyTable.sameBytes(stored, 4 + name.count, code, 0, count: code.count)
        })
    }

    /// The lookup of `type|KEY KEY` over the words of `span` when they are all ASCII: .some(entity or
    /// nil); nil when a word is not ASCII.
    private mutating func wordsLookup(_ typeByte: UInt8, _ span: Span, hash keyHash: inout UInt64?) -> Int?? {
        let keys = text.keyBytes.bytes
        return text.words.withUnsafeBufferPointer { words -> Int?? in
            let first = Int(span.start), end = first + Int(span.count)
            var hash = ByteKeyTable.hash(ByteKeyTable.hash(ByteKeyTable.hashStart, byte: typeByte), byte: 0x7C)
            var length = 2
            for w in first..<end {
                let word = words[w]
                guard word.isASCII else { return nil }
                if w > first { hash = ByteKeyTable.hash(hash, byte: 0x20); length += 1 }
                for n in Int(word.start)..<Int(word.start + word.count) { hash = ByteKeyTable.hash(hash, byte: keys[n]) }
                length += Int(word.count)
            }
            keyHash = hash
            return .some(index.value(hash: hash) { stored in
                guard stored.count == length, stored[0] == typeByte, stored[1] == 0x7C else { return false }
                var at = 2
                for w in first..<end {
                    if w > first {
                        guard stored[at] == 0x20 else { return false }
                        at += 1
                    }
                    let word = words[w]
                    guard ByteKeyTable.sameBytes(stored, at, keys, Int(word.start), count: Int(word.count)) else { return false }
                    at += Int(word.count)
                }
                return true
            })
        }
    }
}
