import Synchronization

/// Display names and ids of the entities an extractor has written, kept across cables.
///
/// A name and its id (`person:antonio-guterres`) depend only on the entity's type, its gazetteer name
/// (with the country of a generic body) or else its fullest surface, so an entity met again in a later
/// cable reuses them instead of casing, slugging and joining strings again. Over the 1,126 dev cables,
/// 39,168 cable summaries hold 14,359 distinct names. Keys are the exact bytes of those fields (no
/// Unicode normalisation): equal keys give equal output, so the cache never changes what is written.
///
/// One extractor may serve several threads: lookups and inserts take a lock, and the names are made
/// outside it. The cache stops growing at `capacity` entries (memory stays bounded on a full import).
final class EntityNameCache: Sendable {
    private struct State {
        var table = ByteKeyTable()
        var names: [String] = []
        var ids: [String] = []
        /// `ByteKeyTable.hash` of each id's UTF-8, for the writer's table of a cable's ids.
        var idHashes: [UInt64] = []
    }

    private let state = Mutex(State())

    /// Entries kept at most (~150 bytes each with their strings).
    static let capacity = 100_000

    init() {}

    /// The cached name, id and id hash of `key`, if any.
    func nameAndID(_ key: UnsafeBufferPointer<UInt8>) -> (name: String, id: String, idHash: UInt64)? {
        state.withLock { state in
            state.table.value(key).map { (state.names[$0], state.ids[$0], state.idHashes[$0]) }
        }
    }

    /// Keeps the name and id made for `key`, while there is room (and unless another thread just did).
    /// `idHash`: `ByteKeyTable.hash` of the id's UTF-8.
    func store(_ key: UnsafeBufferPointer<UInt8>, name: String, id: String, idHash: UInt64) {
        state.withLock { state in
            guard state.names.count < Self.capacity, state.table.value(key) == nil else { return }
            state.table.set(key, state.names.count)
            state.names.append(name)
            state.ids.append(id)
            state.idHashes.append(idHash)
        }
    }

    /// The cache key of a resolved entity: its type, then its gazetteer name and (for a generic body)
    /// country, or its surface, written into `bytes`.
    static func key(type: EntityType, canonical: String?, generic: Bool, country: String?, surface: UnsafeBufferPointer<UInt8>,
                    into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
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

    /// The UTF-8 of `string` in one copy when its bytes are contiguous.
    @inline(__always)
    private static func append(_ string: String, to bytes: inout [UInt8]) {
        if string.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: string.utf8)
        }
    }
}
