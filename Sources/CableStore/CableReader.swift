import CableParser
import Foundation

/// Read-only access to the store over one connection. Not thread-safe: one per thread.
///
/// Every query is a cached prepared statement; user values are only ever bound as parameters.
public final class CableReader {
    let connection: Connection
    /// Paragraph-to-cable map for full-text listings, rebuilt when another connection has written.
    var paragraphOwners: ParagraphOwners?
    /// Most matching paragraphs (and, separately, subjects) a `.relevance` cable listing scores; a
    /// query with more ranks only the most recently stored ones (see `RelevanceCoverage`). bm25 costs
    /// ~1.3 µs per match, so the default keeps ranking near 15 ms.
    public var relevanceBound = 10_000
    /// Up to this many matching cables are looked up by pk; more are found by walking an index in
    /// order and testing membership, which meets a dense match set's next page within a few rows.
    var seekLimit = 5_000
    /// A query matching up to this many paragraphs finds their cables by pk when the map is out of
    /// date (~2 µs each) rather than rereading the whole map.
    var ownerLookupLimit = 20_000
    /// Set once `cablegate_bm25` is registered on this connection.
    var bm25Registered = false
    /// Whether relevance queries keep their phrases' document counts between queries (see
    /// `DocumentCountCache`). Off, every query counts them again, as FTS5's `rank` does: for
    /// measurements and tests.
    public var cachesDocumentCounts = true
    /// Document counts of recent full-text expressions, valid for one database version.
    var documentCountCache = DocumentCountCache()
    /// Related-entity lists that were counted from at least `relatedCacheRows` rows (entities in many
    /// cables), valid for one database version.
    var relatedCache = SnapshotCache<RelatedKey, [RelatedEntity]>(capacity: 32)
    /// Rows a related-entity count must read to be kept in `relatedCache`: 100,000 is an entity in
    /// ~3,000 cables, ~10 ms of counting; only the few entities in far more cables cost enough to keep.
    var relatedCacheRows = 100_000

    init(connection: Connection) {
        self.connection = connection
    }

    /// The stored JSON of one cable and its SHA-256 (the ETag), or nil when the id is unknown.
    public func cableJSON(id: String) throws -> StoredJSON? {
        guard let stored = try cableJSONGzip(id: id) else { return nil }
        return StoredJSON(json: try StoredGzip.inflate(stored.gzip, size: stored.size), hash: stored.hash)
    }

    /// The stored JSON still gzip-compressed (send it as-is with `Content-Encoding: gzip`), its
    /// decompressed size and its SHA-256; nil when the id is unknown.
    public func cableJSONGzip(id: String) throws -> StoredGzipJSON? {
        let statement = try connection.prepare("SELECT json_gz, json_size, json_hash FROM cables WHERE id = ?")
        try statement.bind(id)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return StoredGzipJSON(gzip: statement.data(0), size: statement.int(1), hash: statement.text(2) ?? "")
    }

    /// The raw text exactly as imported, or nil when the id is unknown.
    public func rawText(id: String) throws -> String? {
        let statement = try connection.prepare("SELECT raw_gz, raw_size FROM cables WHERE id = ?")
        try statement.bind(id)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return String(decoding: try StoredGzip.inflate(statement.data(0), size: statement.int(1)), as: UTF8.self)
    }

    /// True when a cable with this id is stored.
    public func contains(id: String) throws -> Bool {
        try connection.scalarInt("SELECT 1 FROM cables WHERE id = ?", id) != nil
    }

    /// Number of stored cables.
    public func count() throws -> Int {
        try connection.scalarInt("SELECT count(*) FROM cables") ?? 0
    }

    /// The paragraphs of a cable in order, with their entity mentions; nil when the id is unknown.
    public func paragraphs(id: String) throws -> [Cable.Paragraph]? {
        guard let pk = try connection.scalarInt("SELECT pk FROM cables WHERE id = ?", id) else { return nil }
        let statement = try connection.prepare(
            "SELECT number, classification, text FROM paragraphs WHERE cable_pk = ? ORDER BY position")
        try statement.bind(pk)
        defer { statement.reset() }
        var paragraphs: [Cable.Paragraph] = []
        while try statement.step() {
            paragraphs.append(Cable.Paragraph(number: statement.int(0), classification: statement.text(1), text: statement.text(2) ?? ""))
        }
        let mentions = try self.mentions(cablePK: pk, cableID: id)
        var seen = Set<Int>()
        for index in paragraphs.indices where seen.insert(paragraphs[index].number).inserted {
            paragraphs[index].entities = mentions[paragraphs[index].number] ?? []
        }
        return paragraphs
    }

    /// Paragraph number `number` of a cable (the first one when a number repeats); nil when either
    /// the cable or the paragraph is missing.
    public func paragraph(id: String, number: Int) throws -> Cable.Paragraph? {
        try paragraphs(id: id)?.first { $0.number == number }
    }

    /// Every text this id has had: earlier versions oldest first, then the current one (if stored).
    public func versions(id: String) throws -> [CableVersion] {
        var versions: [CableVersion] = []
        let earlier = try connection.prepare(
            "SELECT raw_hash, imported_at, replaced_at FROM cable_versions WHERE id = ? ORDER BY seq")
        try earlier.bind(id)
        while try earlier.step() {
            versions.append(CableVersion(rawHash: earlier.text(0) ?? "", importedAt: earlier.text(1) ?? "",
                                         replacedAt: earlier.text(2), isCurrent: false))
        }
        earlier.reset()
        let current = try connection.prepare("SELECT raw_hash, imported_at FROM cables WHERE id = ?")
        try current.bind(id)
        if try current.step() {
            versions.append(CableVersion(rawHash: current.text(0) ?? "", importedAt: current.text(1) ?? "",
                                         replacedAt: nil, isCurrent: true))
        }
        current.reset()
        return versions
    }

    /// The raw text of a version by its hash (current or earlier), or nil.
    public func versionText(id: String, rawHash: String) throws -> String? {
        let statement = try connection.prepare("""
            SELECT raw_gz, raw_size FROM cables WHERE id = ?1 AND raw_hash = ?2
            UNION ALL SELECT raw_gz, raw_size FROM cable_versions WHERE id = ?1 AND raw_hash = ?2 LIMIT 1
            """)
        try statement.bind(id, rawHash)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return String(decoding: try StoredGzip.inflate(statement.data(0), size: statement.int(1)), as: UTF8.self)
    }
}

/// A cable's stored JSON document and its SHA-256 hex digest (use it as the ETag).
public struct StoredJSON: Sendable, Hashable {
    public var json: Data
    public var hash: String
}

/// A cable's stored JSON as a gzip member, with its decompressed size and SHA-256 (of the JSON).
public struct StoredGzipJSON: Sendable, Hashable {
    public var gzip: Data
    public var size: Int
    public var hash: String
}

/// One text a cable id has had.
public struct CableVersion: Sendable, Hashable, Codable {
    /// SHA-256 of the raw text.
    public var rawHash: String
    /// When this text was imported.
    public var importedAt: String
    /// When it was replaced or deleted; nil for the current text.
    public var replacedAt: String?
    /// True for the text the cable has now.
    public var isCurrent: Bool
}
