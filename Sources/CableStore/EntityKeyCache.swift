/// What the import writer knows of the stored entity rows: entity id → (pk, stored name), and the
/// (entity pk, alias) pairs already stored.
///
/// Without it the writer looked every entity of every cable up by id and re-inserted every alias
/// (`INSERT OR IGNORE`) although a corpus names the same few thousand entities over and over: the
/// full-size corpus has 14,254 entities and 18,041 aliases for 251,287 cables.
///
/// Correctness rests on three rules, kept by `CableWriter`:
/// * a rollback (the connection's rollback hook, and `forgetRolledBackRows()` after `ROLLBACK TO` a
///   savepoint) empties it, so no pk of a rolled-back insert is ever used again;
/// * each `insertMentions` compares `PRAGMA data_version` with the one it last saw and empties the
///   cache when another connection has committed since (it may have added, renamed or re-keyed rows);
/// * keys compare by bytes (`ExactText`), as SQLite's unique indexes do.
///
/// Memory is bounded by `capacity` entries (entities plus aliases, ~100-150 bytes each): when full it
/// is emptied and refills with what the next cables name.
final class EntityKeyCache {
    /// An entity as stored.
    struct Stored {
        var pk: Int64
        var name: String
    }

    private var entities: [ExactText: Stored] = [:]
    private var aliases: Set<AliasPair> = []
    /// `PRAGMA data_version` of the writer connection when the cache was last checked against it.
    var dataVersion: Int?
    /// Most entries (entities + aliases) kept before the cache is emptied.
    let capacity: Int
    /// How many times the cache was emptied (rollback, another connection's write, capacity): for
    /// tests and measurements.
    private(set) var clears = 0
    /// Lookups answered from memory and lookups that went to the database: for tests and measurements.
    private(set) var hits = 0, misses = 0

    static let defaultCapacity = 1 << 17

    init(capacity: Int = EntityKeyCache.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    var count: Int { entities.count + aliases.count }

    /// The stored pk and name of entity `id`, when known.
    func entity(_ id: String) -> Stored? {
        let found = entities[ExactText(text: id)]
        if found == nil { misses += 1 } else { hits += 1 }
        return found
    }

    /// Records entity `id` as stored with `pk` and `name` (after a lookup, insert or rename).
    func remember(id: String, pk: Int64, name: String) {
        makeRoom()
        entities[ExactText(text: id)] = Stored(pk: pk, name: name)
    }

    /// True when the pair was stored earlier (in a committed or the open transaction).
    func hasAlias(entity pk: Int64, _ alias: String) -> Bool {
        aliases.contains(AliasPair(entity: pk, alias: ExactText(text: alias)))
    }

    /// Records the pair as stored.
    func rememberAlias(entity pk: Int64, _ alias: String) {
        makeRoom()
        aliases.insert(AliasPair(entity: pk, alias: ExactText(text: alias)))
    }

    /// Forgets everything (a rollback, another connection's write).
    func removeAll() {
        guard count > 0 else { return }
        entities.removeAll()
        aliases.removeAll()
        clears += 1
    }

    private func makeRoom() {
        if count >= capacity { removeAll() }
    }

    private struct AliasPair: Hashable {
        var entity: Int64
        var alias: ExactText
    }
}
