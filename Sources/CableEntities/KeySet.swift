import Foundation

/// A set of word keys for the recogniser's hot lookups (stopwords, given names, the English lexicon...).
///
/// `Set<String>` hashes every probe with SipHash through `Hasher`, a few hundred instructions for a short
/// word, and the recogniser asks several such questions per capitalised word. Keys are almost always
/// ASCII, so this table hashes the UTF-8 bytes with FNV-1a and probes an open-addressing table; any
/// non-ASCII probe goes to an ordinary `Set<String>`, which keeps `String`'s canonical equivalence.
/// Membership is exactly that of `Set<String>` over the same keys.
struct KeySet: Sendable, ExpressibleByArrayLiteral {
    /// ASCII keys (and the ASCII canonical forms of non-ASCII keys), for the fast path.
    private var keys: [String] = []
    private var hashes: [UInt64] = []
    /// Index + 1 into `keys`; 0 marks an empty slot. The count is a power of two, at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 16)
    /// Every key as given, for non-ASCII probes.
    private var all: Set<String> = []

    init() {}

    init<S: Sequence>(_ keys: S) where S.Element == String {
        for key in keys { insert(key) }
    }

    init(arrayLiteral keys: String...) {
        self.init(keys)
    }

    var count: Int { all.count }
    /// Every key as inserted.
    var elements: Set<String> { all }
    var isEmpty: Bool { all.isEmpty }

    mutating func insert(_ key: String) {
        all.insert(key)
        if let hash = Self.asciiHash(key) {
            add(key, hash)
        } else {
            // "K" (Kelvin sign) equals "K" as a String: an ASCII probe must find it.
            let composed = key.precomposedStringWithCanonicalMapping
            if let hash = Self.asciiHash(composed) { add(composed, hash) }
        }
    }

    func contains(_ key: String) -> Bool {
        guard let hash = Self.asciiHash(key) else { return all.contains(key) }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return false }
            if hashes[entry - 1] == hash, keys[entry - 1] == key { return true }
            slot = (slot + 1) & mask
        }
    }

    /// `contains` of an ASCII key given as bytes: a `String` is made only when a key with its hash is stored.
    func contains(ascii key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let hash = Self.fnv(key), mayContain(hash: hash) else { return false }
        return contains(String(decoding: key, as: UTF8.self))
    }

    /// False when no ASCII key with FNV-1a `hash` (as `asciiHash`) is in the set; true when one may be.
    func mayContain(hash: UInt64) -> Bool {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return false }
            if hashes[entry - 1] == hash { return true }
            slot = (slot + 1) & mask
        }
    }

    private mutating func add(_ key: String, _ hash: UInt64) {
        if contains(key) { return }
        keys.append(key)
        hashes.append(hash)
        if keys.count * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            for index in keys.indices { place(index) }
        } else {
            place(keys.count - 1)
        }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        let hash = hashes[index]
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    /// FNV-1a over the UTF-8 bytes; nil when a byte is not ASCII.
    @inline(__always)
    static func asciiHash(_ key: String) -> UInt64? {
        if let hash = key.utf8.withContiguousStorageIfAvailable({ fnv($0) }) { return hash }
        return fnv(Array(key.utf8))
    }

    @inline(__always)
    private static func fnv<C: Collection>(_ bytes: C) -> UInt64? where C.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            if byte >= 0x80 { return nil }
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
