/// The tokens of one text and the UTF-8 bytes their text and keys are read from. Indexing gives the
/// `Token`s, whose offsets are byte offsets.
struct TokenList: RandomAccessCollection, Sendable {
    var items: [Token]
    /// The UTF-8 bytes of the text the offsets count.
    let bytes: [UInt8]
    /// Every byte is ASCII: byte offsets are also scalar offsets.
    let isASCII: Bool

    /// Comparison key of each token (`NameText.key`); the number as written for numbers, empty for marks.
    /// Made when asked: most tokens' keys never are, and an array of a `String` per token cost more to
    /// fill and to free than the rules' questions.
    var keys: Keys { Keys(items: items, bytes: bytes) }

    /// The tokens' keys, by token index.
    struct Keys {
        let items: [Token]
        let bytes: [UInt8]

        subscript(i: Int) -> String {
            let token = items[i]
            if token.kind == .punct { return "" }
            let count = token.end - token.start
            return bytes.withUnsafeBufferPointer { bytes in
                let word = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
                guard token.isASCII else {
                    let text = String(decoding: word, as: UTF8.self)
                    return token.kind == .word ? NameText.key(text) : text
                }
                // The bytes in capitals (a number has none: its text).
                return String(unsafeUninitializedCapacity: count) { buffer in
                    for k in 0..<count {
                        let v = word[k]
                        buffer[k] = v >= 0x61 && v <= 0x7A ? v - 0x20 : v
                    }
                    return count
                }
            }
        }
    }

    /// `keys[i] == key` without making the key: the token's bytes in capitals against `key`'s bytes when
    /// both are ASCII (where byte equality is `String` equality); the `String`s otherwise.
    func key(_ i: Int, is key: String) -> Bool {
        let token = items[i]
        if token.kind == .punct { return key.isEmpty }
        guard token.isASCII else { return keys[i] == key }
        let start = token.start, count = token.end - token.start
        let answer: Bool? = key.utf8.withContiguousStorageIfAvailable { k in
            guard k.count == count else { return k.contains { $0 >= 0x80 } ? nil : false }
            return bytes.withUnsafeBufferPointer { bytes in
                for n in 0..<count {
                    let v = bytes[start + n]
                    let folded = v >= 0x61 && v <= 0x7A ? v - 0x20 : v
                    if folded != k[n] { return k.contains { $0 >= 0x80 } ? nil : false }
                }
                return true
            }
        } ?? nil
        return answer ?? (keys[i] == key)
    }

    /// The bytes of `keys[i]` as `ByteKeyTable` wants them, written into `out` (no `String` for ASCII words).
    func canonicalKey(_ i: Int, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        let token = items[i]
        guard token.isASCII, token.kind != .punct else {
            out.append(contentsOf: keys[i].utf8)
            ByteKeyTable.canonical(&out)
            return
        }
        for k in token.start..<token.end {
            let v = bytes[k]
            out.append(v >= 0x61 && v <= 0x7A ? v - 0x20 : v)
        }
    }

    /// `keys[i] == key` for a literal: its bytes are at hand and it is known to be ASCII, so a length and
    /// byte comparison answers with no `String` work.
    @inline(__always)
    func keyIs(_ i: Int, _ key: StaticString) -> Bool {
        let token = items[i]
        guard key.isASCII, token.isASCII, token.kind != .punct else { return self.key(i, is: key.description) }
        let count = token.end - token.start
        guard count == key.utf8CodeUnitCount else { return false }
        let literal = key.utf8Start
        return bytes.withUnsafeBufferPointer { bytes in
            for n in 0..<count {
                let v = bytes[token.start + n]
                if (v >= 0x61 && v <= 0x7A ? v - 0x20 : v) != literal[n] { return false }
            }
            return true
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { items.count }
    subscript(i: Int) -> Token { items[i] }

    /// The token as written, made only when a rule or a mention needs it.
    func text(_ i: Int) -> String {
        let token = items[i]
        if token.kind == .punct, token.markValue < 0x80 { return Self.asciiStrings[Int(token.markValue)] }
        return string(token.start, token.end)
    }

    /// The text of bytes `start..<end` (whole scalars).
    func string(_ start: Int, _ end: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// At most one scalar lies between tokens `a` and `b` (`a` before `b`).
    func gapIsAtMostOneScalar(_ a: Int, _ b: Int) -> Bool {
        let from = items[a].end, to = items[b].start
        if to - from <= 1 { return true }
        guard !isASCII, to - from <= 4 else { return false }
        return bytes.withUnsafeBufferPointer { Tokenizer.decode($0, from).1 == to - from }
    }

    /// One-character strings for the ASCII scalars, made once: punctuation tokens are a fifth of all tokens.
    private static let asciiStrings: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }
}

/// Character-level questions about a token's text, answered from the bytes when the token is ASCII
/// (where bytes are Characters) and from the `String` otherwise, so that both give the same answers.
extension TokenList {
    /// `text(i).count`.
    func characterCount(_ i: Int) -> Int {
        items[i].isASCII ? items[i].end - items[i].start : text(i).count
    }

    /// Alphabetic scalars of the token.
    func letterCount(_ i: Int) -> Int {
        if items[i].isASCII {
            var n = 0
            for k in items[i].start..<items[i].end where (bytes[k] | 0x20) >= 0x61 && (bytes[k] | 0x20) <= 0x7A { n += 1 }
            return n
        }
        return text(i).unicodeScalars.filter { $0.properties.isAlphabetic }.count
    }

    /// `Go` + capitals (`GoA`, `GoK`): the form of some government acronyms.
    @inline(__always)
    func isGoForm(_ i: Int) -> Bool {
        let token = items[i]
        guard token.isASCII else {
            let text = text(i)
            return text.utf8.starts(with: [0x47, 0x6F]) && text.dropFirst(2).allSatisfy(\.isUppercase)
        }
        guard token.end - token.start >= 2, bytes[token.start] == 0x47, bytes[token.start + 1] == 0x6F else { return false }
        return bytes[(token.start + 2)..<token.end].allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// The key of an ASCII token starts with `GO` (its first two bytes in capitals).
    func startsWithGO(_ i: Int) -> Bool {
        let token = items[i]
        guard token.end - token.start >= 2 else { return false }
        return bytes[token.start] | 0x20 == 0x67 && bytes[token.start + 1] | 0x20 == 0x6F
    }

    /// `ParagraphRecognizer.isRedaction` of the token's key (`XXXXXXXXXXXX`), from the bytes when ASCII.
    func isRedaction(_ i: Int) -> Bool {
        let token = items[i]
        guard token.isASCII else { return ParagraphRecognizer.isRedaction(keys[i]) }
        guard token.kind != .punct, token.end - token.start >= 3 else { return false }
        return bytes[token.start..<token.end].allSatisfy { $0 | 0x20 == 0x78 }
    }

    /// `MEPs`, `NGOs`: capitals and a plural s.
    @inline(__always)
    func isPluralAcronym(_ i: Int) -> Bool {
        let token = items[i]
        guard token.isASCII else { return ParagraphRecognizer.isPluralAcronym(text(i)) }
        guard token.end - token.start >= 3, bytes[token.end - 1] == 0x73 else { return false }
        return bytes[token.start..<(token.end - 1)].allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// `Token.entry` of token `i`, probing the lexicon now for a word the tokeniser left unprobed (-3).
    @inline(__always)
    func lexiconEntry(_ i: Int, in lexicon: Lexicon) -> Int32 {
        let token = items[i]
        guard token.entry == -3 else { return token.entry }
        return bytes.withUnsafeBufferPointer { bytes in
            lexicon.entry(folding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), hash: keyHash(i))
                .map { Int32($0) } ?? -2
        }
    }

    /// The FNV-1a of token `i`'s key (as `KeySet.asciiHash`) for an ASCII word or number; 0 for a mark or a
    /// non-ASCII token. `Token.hash` when the tokeniser made it; made now for a plain lower-case word, which
    /// the tokeniser leaves unhashed (few of them are ever asked about).
    @inline(__always)
    func keyHash(_ i: Int) -> UInt64 {
        let hash = items[i].hash
        return hash != 0 ? hash : unmadeKeyHash(i)
    }

    /// `keyHash` of a token without `Token.hash`, out of line: inlined, it made every rule that asks
    /// `has` larger and slower.
    @inline(never)
    private func unmadeKeyHash(_ i: Int) -> UInt64 {
        let token = items[i]
        guard token.isASCII, token.kind != .punct else { return 0 }
        return bytes.withUnsafeBufferPointer { Self.foldedHash(UnsafeBufferPointer(rebasing: $0[token.start..<token.end])) }
    }

    /// FNV-1a over ASCII `bytes` in capitals: `KeySet.asciiHash` of the key they spell.
    static func foldedHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b &- 0x61 < 26 ? b &- 0x20 : b)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// One character and a period (`M.`), before the list-label check of `ParagraphRecognizer.isInitial`.
    @inline(__always)
    func isInitialShape(_ i: Int) -> Bool {
        let token = items[i]
        guard token.end > token.start, bytes[token.end - 1] == 0x2E else { return false }
        if token.isASCII { return token.end - token.start == 2 }
        let text = text(i)
        return NameText.characterCount(text) == 2 && text.hasSuffix(".")
    }
}
