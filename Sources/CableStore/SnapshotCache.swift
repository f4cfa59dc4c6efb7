/// Per-reader memory of answers that depend on the whole database, valid for one
/// `PRAGMA data_version` only: any commit by another connection may change them, so every entry is
/// dropped when the version moves. Bounded: past `capacity` entries the oldest stored is dropped first.
///
/// Holds the document counts of full-text expressions (`DocumentCountCache`) and the related-entity
/// lists of entities in many cables (`CableReader.relatedEntities`).
struct SnapshotCache<Key: Hashable, Value> {
    /// Most entries kept.
    var capacity: Int
    /// The `PRAGMA data_version` the entries were computed at.
    private(set) var dataVersion: Int?
    private var entries: [Key: Value] = [:]
    /// Keys in the order they were stored, for eviction; `head` is the oldest still kept.
    private var order: [Key] = []
    private var head = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// Number of entries kept.
    var count: Int { entries.count }

    /// The value of `key` at `version`, forgetting everything first when the version is not the one
    /// the entries were computed at.
    mutating func value(for key: Key, at version: Int) -> Value? {
        if dataVersion != version { removeAll(version: version) }
        return entries[key]
    }

    /// Keeps `value` for `key`, computed at `version`.
    mutating func store(_ value: Value, for key: Key, at version: Int) {
        if dataVersion != version { removeAll(version: version) }
        guard entries.updateValue(value, forKey: key) == nil else { return }
        order.append(key)
        while entries.count > max(1, capacity) {
            entries[order[head]] = nil
            head += 1
        }
        // Compact the eviction queue once its dead prefix is as long as the live part.
        if head > 0, head >= order.count - head {
            order.removeFirst(head)
            head = 0
        }
    }

    /// Forgets every entry; the next ones belong to `version`.
    mutating func removeAll(version: Int? = nil) {
        entries.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        head = 0
        dataVersion = version
    }
}
