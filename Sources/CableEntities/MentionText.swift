/// The word keys and surfaces of one cable's pending mentions, end to end in two byte buffers that are
/// kept (with their capacity) from cable to cable.
///
/// A mention used to carry a `[String]` of keys and a `String` surface: an array and up to a string
/// allocated, copied into the resolver's entities and freed, per mention. Here a mention holds two
/// `Span`s, and the resolver compares, hashes and joins the bytes in place. A key's bytes are exactly its
/// `String`'s UTF-8 (`TokenList.keys`), so a comparison of ASCII keys by bytes is their `String`
/// comparison; a key with any other byte is compared, counted and looked up as a `String`.
struct MentionText: ~Copyable {
    /// A range of words (in `words`) or of bytes (in the surface buffer).
    struct Span {
        var start: Int32
        var count: Int32
        init(start: Int, count: Int) {
            self.start = Int32(truncatingIfNeeded: start)
            self.count = Int32(truncatingIfNeeded: count)
        }
        var isEmpty: Bool { count == 0 }
        /// Index of the last element (`start - 1` when empty).
        var last: Int { Int(start) + Int(count) - 1 }
    }

    /// One word key: its bytes in `keyBytes`, and for an ASCII key their FNV-1a hash (`KeySet`'s), which
    /// rejects most unequal pairs and most set lookups at once.
    struct Word {
        var start: Int32
        var count: Int32
        var isASCII: Bool
        var hash: UInt64
    }

    /// The keys' bytes, end to end (written a byte at a time: a `ByteBuffer`, not an array).
    private(set) var keyBytes = ByteBuffer()
    private(set) var words: [Word] = []
    private(set) var surfaceBytes: [UInt8] = []

    /// Empties the buffers, keeping their capacity for the next cable.
    mutating func removeAll() {
        keyBytes.removeAll()
        words.removeAll(keepingCapacity: true)
        surfaceBytes.removeAll(keepingCapacity: true)
    }

    /// Appends the keys (`tokens.keys[k]`) of a candidate's tokens `first..<end`: every word of a longer
    /// span, the one token of a one-token span. An ASCII word's or number's key is its bytes in capitals,
    /// written here in one pass over the token and byte buffers; any other key is its `String`'s bytes.
    mutating func appendKeys(of tokens: TokenList, from first: Int, to end: Int) {
        let single = end - first == 1
        tokens.items.withUnsafeBufferPointer { items in
            tokens.bytes.withUnsafeBufferPointer { bytes in
                for k in first..<end {
                    let token = items[k]
                    guard single || token.kind == .word else { continue }
                    guard token.isASCII, token.kind != .punct else {
                        appendKey(tokens.keys[k])
                        continue
                    }
                    let start = keyBytes.count
                    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                    keyBytes.reserve(token.end - token.start)
                    for n in token.start..<token.end {
                        let v = bytes[n]
                        let upper = v &- 0x61 < 26 ? v - 0x20 : v
                        keyBytes.appendReserved(upper)
                        hash = (hash ^ UInt64(upper)) &* 0x0000_0100_0000_01b3
                    }
                    words.append(Word(start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: token.end - token.start),
                                      isASCII: true, hash: hash))
                }
            }
        }
    }

    /// Appends a key given as a `String` (metadata mentions, defined acronyms, non-ASCII words).
    mutating func appendKey(_ key: String) {
        let start = keyBytes.count
        var key = key
        key.withUTF8 { keyBytes.append(contentsOf: $0) }
        var ascii = true
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let bytes = keyBytes.bytes
        for k in start..<bytes.count {
            if bytes[k] >= 0x80 { ascii = false; break }
            hash = (hash ^ UInt64(bytes[k])) &* 0x0000_0100_0000_01b3
        }
        words.append(Word(start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: keyBytes.count - start),
                          isASCII: ascii, hash: ascii ? hash : 0))
    }

    /// Appends a surface given as a `String`.
    mutating func appendSurface(_ surface: String) -> Span {
        let at = surfaceBytes.count
        Self.append(surface, to: &surfaceBytes)
        return Span(start: at, count: surfaceBytes.count - at)
    }

    /// Words appended so far (the index the next word gets).
    var wordCount: Int { words.count }

    /// The key of word `w` as a `String`.
    func string(_ w: Int) -> String {
        withKey(w) { String(decoding: $0, as: UTF8.self) }
    }

    /// The key's bytes.
    @inline(__always)
    func withKey<R>(_ w: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let word = words[w]
        return body(UnsafeBufferPointer(rebasing: keyBytes.bytes[Int(word.start)..<Int(word.start + word.count)]))
    }

    /// Appends the key's bytes to `bytes`.
    func appendKey(_ w: Int, to bytes: inout [UInt8]) {
        withKey(w) { bytes.append(contentsOf: $0) }
    }

    /// Appends the keys of `span`'s words, `separator` between them, in one pass over the key bytes.
    func appendKeys(_ span: Span, separator: UInt8, to bytes: inout ByteBuffer) {
        guard span.count > 0 else { return }
        let keys = keyBytes.bytes
        words.withUnsafeBufferPointer { words in
            for w in Int(span.start)...span.last {
                let word = words[w]
                bytes.reserve(Int(word.count) + 1)
                if w > Int(span.start) { bytes.appendReserved(separator) }
                for n in Int(word.start)..<Int(word.start + word.count) { bytes.appendReserved(keys[n]) }
            }
        }
    }

    /// `appendKeys(_:separator:to:)` into an array.
    func appendKeys(_ span: Span, separator: UInt8, to bytes: inout [UInt8]) {
        guard span.count > 0 else { return }
        let keys = keyBytes.bytes
        words.withUnsafeBufferPointer { words in
            for w in Int(span.start)...span.last {
                if w > Int(span.start) { bytes.append(separator) }
                let word = words[w]
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: keys[Int(word.start)..<Int(word.start + word.count)]))
            }
        }
    }

    /// The two keys are equal `String`s.
    @inline(__always)
    func equal(_ a: Int, _ b: Int) -> Bool {
        let x = words[a], y = words[b]
        guard x.isASCII, y.isASCII else { return string(a) == string(b) }
        guard x.hash == y.hash, x.count == y.count else { return false }
        let bytes = keyBytes.bytes
        return ByteKeyTable.sameBytes(bytes, Int(x.start), bytes, Int(y.start), count: Int(x.count))
    }

    /// `string(w).count` (Characters; a key of an ASCII word holds no `\r`, so its bytes are Characters).
    func characterCount(_ w: Int) -> Int {
        words[w].isASCII ? Int(words[w].count) : string(w).count
    }

    /// `string(b).hasPrefix(string(a).prefix(1))`.
    func hasFirstCharacter(_ b: Int, of a: Int) -> Bool {
        let x = words[a], y = words[b]
        guard x.isASCII, y.isASCII else { return string(b).hasPrefix(string(a).prefix(1)) }
        if x.count == 0 { return true }
        return y.count > 0 && keyBytes.bytes[Int(x.start)] == keyBytes.bytes[Int(y.start)]
    }

    /// `set.contains(string(w))`, with no `String` made for an ASCII key whose hash the set lacks.
    func isMember(_ w: Int, of set: KeySet) -> Bool {
        if words[w].isASCII, !set.mayContain(hash: words[w].hash) { return false }
        return set.contains(string(w))
    }

    /// The surface's bytes.
    @inline(__always)
    func withSurface<R>(_ span: Span, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        surfaceBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(span.start)..<Int(span.start + span.count)])) }
    }

    /// The surface as a `String` (made only for a name not found in the name cache).
    func surface(_ span: Span) -> String {
        withSurface(span) { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 of `string`, appended to `bytes`.
    @inline(__always)
    static func append(_ string: String, to bytes: inout ByteBuffer) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The UTF-8 of `string`, in one copy when its bytes are contiguous.
    @inline(__always)
    static func append(_ string: String, to bytes: inout [UInt8]) {
        if string.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: string.utf8)
        }
    }
}
