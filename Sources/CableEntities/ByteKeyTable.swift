import Foundation

/// A map from byte strings to integers for the resolver's per-cable indexes: FNV-1a and open addressing
/// over keys kept end to end in one byte array, instead of a `[String: Int]` that hashes every probe with
/// SipHash and needs each key made as a `String` first.
///
/// Callers give keys as bytes with the meaning of `String` equality: ASCII bytes as they are, anything
/// else in Unicode canonical composition (`ByteKeyTable.canonical`), so that equal strings give equal bytes.
///
/// Noncopyable: its key bytes are a `ByteBuffer` (a stored key is one copy with no array checks).
struct ByteKeyTable: ~Copyable {
    private struct Slot {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var count: Int32 = -1  // -1: empty
        var value: Int = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 64)
    private var bytes = ByteBuffer()
    private var used = 0

    init() {}

    /// Forgets every key. The slots are kept (emptied) unless a large cable grew them past 1,024, so that
    /// one table serves cable after cable without allocating.
    mutating func removeAll() {
        guard used > 0 else { return }
        if slots.count > 1024 {
            slots = [Slot](repeating: Slot(), count: 64)
        } else {
            slots.withUnsafeMutableBufferPointer { slots in
                for k in slots.indices { slots[k].count = -1 }
            }
        }
        bytes.removeAll()
        used = 0
    }

    /// No key stored.
    var isEmpty: Bool { used == 0 }

    /// Keys stored.
    var count: Int { used }

    /// The value stored for `key`, nil when none is.
    @inline(__always)
    func value(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        value(hash: Self.hash(key)) { Self.same(key, $0) }
    }

    /// The value stored for the key whose FNV-1a hash (`ByteKeyTable.hash`) is `hash` and whose stored
    /// bytes `matches` accepts: a lookup for a caller that hashes and compares its key where it lies,
    /// without copying it into one buffer first.
    @inline(__always)
    func value(hash: UInt64, matches: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int? {
        var index = Self.start(hash, slots.count)
        return slots.withUnsafeBufferPointer { slots in
            do {
                let stored = bytes.bytes
                let mask = slots.count - 1
                while slots[index].count >= 0 {
                    if slots[index].hash == hash,
                       matches(UnsafeBufferPointer(rebasing: stored[Int(slots[index].start)..<Int(slots[index].start + slots[index].count)])) {
                        return slots[index].value
                    }
                    index = (index + 1) & mask
                }
                return nil
            }
        }
    }

    /// False when no stored key has FNV-1a `hash` (as the tokeniser computes for ASCII words).
    func mayContain(hash: UInt64) -> Bool {
        var index = Self.start(hash, slots.count)
        let mask = slots.count - 1
        while slots[index].count >= 0 {
            if slots[index].hash == hash { return true }
            index = (index + 1) & mask
        }
        return false
    }

    /// Stores `value` for `key`, replacing what was there.
    mutating func set(_ key: UnsafeBufferPointer<UInt8>, _ value: Int) {
        set(key, hash: Self.hash(key), value)
    }

    /// `set(key, value)` for a caller that has the key's hash (`ByteKeyTable.hash(key)`) already.
    mutating func set(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, _ value: Int) {
        var index = Self.start(hash, slots.count)
        let mask = slots.count - 1
        while slots[index].count >= 0 {
            if slots[index].hash == hash, Self.equal(key, bytes.bytes, slots[index]) {
                slots[index].value = value
                return
            }
            index = (index + 1) & mask
        }
        let start = bytes.count
        bytes.append(contentsOf: key)
        slots[index] = Slot(hash: hash, start: Int32(start), count: Int32(key.count), value: value)
        used += 1
        if used * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.count >= 0 {
            var index = Self.start(slot.hash, slots.count)
            while slots[index].count >= 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    @inline(__always)
    private static func start(_ hash: UInt64, _ count: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (count - 1)
    }

    @inline(__always)
    private static func equal(_ key: UnsafeBufferPointer<UInt8>, _ stored: UnsafeBufferPointer<UInt8>, _ slot: Slot) -> Bool {
        guard Int(slot.count) == key.count else { return false }
        return sameBytes(key, 0, stored, Int(slot.start), count: key.count)
    }

    /// FNV-1a of `key`: `hashStart`, then `hash(_:byte:)` for each byte.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = hashStart
        for b in key { hash = Self.hash(hash, byte: b) }
        return hash
    }

    /// The two byte strings are equal.
    @inline(__always)
    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return sameBytes(a, 0, b, 0, count: a.count)
    }

    /// Bytes `i..<i + count` of `a` equal bytes `j..<j + count` of `b` (both in bounds): compared eight at a
    /// time (a byte loop costs six instructions a byte; names and keys run to 20-30 bytes).
    @inline(__always)
    static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ b: UnsafeBufferPointer<UInt8>, _ j: Int, count: Int) -> Bool {
        guard count > 0 else { return true }
        let x = UnsafeRawPointer(a.baseAddress! + i), y = UnsafeRawPointer(b.baseAddress! + j)
        var k = 0
        while k + 8 <= count {
            if x.loadUnaligned(fromByteOffset: k, as: UInt64.self) != y.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
            k += 8
        }
        while k < count {
            if x.load(fromByteOffset: k, as: UInt8.self) != y.load(fromByteOffset: k, as: UInt8.self) { return false }
            k += 1
        }
        return true
    }

    /// The FNV-1a offset basis: the hash of no bytes.
    @inline(__always)
    static var hashStart: UInt64 { 0xcbf2_9ce4_8422_2325 }

    /// `hash` followed by `byte`.
    @inline(__always)
    static func hash(_ hash: UInt64, byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }

    /// Makes `bytes` (UTF-8) canonical for `String` equality: unchanged when ASCII, else the bytes of their
    /// canonical composition (two strings are equal exactly when those are).
    static func canonical(_ bytes: inout [UInt8]) {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return }
        bytes = Array(String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
    }
}
