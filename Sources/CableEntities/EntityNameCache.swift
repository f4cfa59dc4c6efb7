import Synchronization

/// Display names and ids of the entities an extractor has written, kept across cables.
///
/// A name and its id (`person:antonio-guterres`) depend only on the entity's type, its gazetteer name
/// (with the country of a generic body) or else its fullest surface, so an entity met again in a later
/// cable reuses them instead of casing, slugging and joining strings again. Over the 1,126 dev cables,
/// 39,168 cable summaries hold 14,359 distinct names. Keys are the exact bytes of those fields (no
/// Unicode normalisation): equal keys give equal output, so the cache never changes what is written.
///
/// Each entry also carries what the writer would otherwise work out per cable: the id's number (one per
/// distinct id, so that a cable's entities with one id are merged by an integer) and the first eight
/// bytes of an ASCII name (the summaries' sort key).
///
/// One extractor may serve several threads: a cable's lookups take the lock once, its new entries once,
/// and the names are made outside it. The cache stops growing at `capacity` entries (memory stays
/// bounded on a full import).
final class EntityNameCache: Sendable {
    /// What is kept for one key.
    struct Entry {
        var name: String
        var id: String
        /// Number of the id among the distinct ids stored (equal ids, equal numbers).
        var idNumber: Int32
        /// `SortPrefix` of the name.
        var prefix: SortPrefix
    }

    private struct State: ~Copyable {
        var table = ByteKeyTable()
        var entries: [Entry] = []
        /// Number of each distinct id (its UTF-8).
        var idNumbers = ByteKeyTable()
    }

    private let state = Mutex(State())
    /// Entries kept at most (~150 bytes each with their strings).
    let capacity: Int
    static let defaultCapacity = 100_000

    init(capacity: Int = defaultCapacity) { self.capacity = capacity }

    /// Looks up keys `0..<ends.count` of `keys` (key `k` ends at byte `ends[k]`, starts where key `k - 1`
    /// ends), one lock for all: `found[k]` is its entry, or nil.
    func lookUp(keys: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, into found: inout [Entry?]) {
        found.removeAll(keepingCapacity: true)
        state.withLock { state in
            var start = 0
            for end in ends {
                let key = UnsafeBufferPointer(rebasing: keys[start..<end])
                found.append(state.table.value(key).map { state.entries[$0] })
                start = end
            }
        }
    }

    /// Keeps the names and ids made for the keys `missing` (indices into the keys as `lookUp` reads them)
    /// while there is room (and unless another thread just did), and fills in their `found` entries;
    /// an entry not kept gets id number -1.
    func store(keys: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, missing: [Int], names: [String], ids: [String],
               into found: inout [Entry?]) {
        state.withLock { state in
            for (n, k) in missing.enumerated() {
                let key = UnsafeBufferPointer(rebasing: keys[(k == 0 ? 0 : ends[k - 1])..<ends[k]])
                if let known = state.table.value(key) {
                    found[k] = state.entries[known]
                    continue
                }
                var entry = Entry(name: names[n], id: ids[n], idNumber: -1, prefix: SortPrefix(names[n]))
                guard state.entries.count < capacity else {
                    found[k] = entry
                    continue
                }
                var id = ids[n]
                entry.idNumber = id.withUTF8 { id in
                    let hash = ByteKeyTable.hash(id)
                    if let number = state.idNumbers.value(hash: hash, matches: { ByteKeyTable.same($0, id) }) { return Int32(number) }
                    let number = state.idNumbers.count
                    state.idNumbers.set(id, hash: hash, number)
                    return Int32(number)
                }
                state.table.set(key, state.entries.count)
                state.entries.append(entry)
                found[k] = entry
            }
        }
    }

    /// Distinct ids stored (the id numbers are `0..<idCount`).
    var idCount: Int { state.withLock { $0.idNumbers.count } }

    /// The cache key of a resolved entity: its type, then its gazetteer name and (for a generic body)
    /// country, or its surface, appended to `bytes`.
    static func appendKey(type: EntityType, canonical: String?, generic: Bool, country: String?, surface: UnsafeBufferPointer<UInt8>,
                          to bytes: inout ByteBuffer) {
        switch type {
        case .person: bytes.append(0x70)
        case .organization: bytes.append(0x6F)
        case .location: bytes.append(0x6C)
        }
        if let canonical {
            bytes.append(0x01)
            append(canonical, to: &bytes)
            if generic, let country {
                bytes.append(0x00)
                append(country, to: &bytes)
            }
        } else {
            bytes.append(0x02)
            bytes.append(contentsOf: surface)
        }
    }

    @inline(__always)
    private static func append(_ string: String, to bytes: inout ByteBuffer) {
        MentionText.append(string, to: &bytes)
    }
}

/// The first eight bytes of an ASCII name as one integer (zero-padded): for two ASCII names that differ
/// there, integer order is `String` order. Not ASCII: no prefix, the `String`s decide.
struct SortPrefix: Equatable {
    var value: UInt64
    var ascii: Bool

    init(_ name: String) {
        var name = name
        let prefix: UInt64? = name.withUTF8 { bytes -> UInt64? in
            var prefix: UInt64 = 0, high: UInt8 = 0
            for b in bytes { high |= b }
            guard high < 0x80 else { return nil }
            for k in 0..<8 { prefix = prefix << 8 | UInt64(k < bytes.count ? bytes[k] : 0) }
            return prefix
        }
        value = prefix ?? 0
        ascii = prefix != nil
    }
}
