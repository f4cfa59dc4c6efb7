import CableParser

/// What the API needs from storage, in its own terms.
///
/// The API is written against this protocol rather than the store's concrete types so each side can
/// change without the other, and so the mapping of store errors to problems sits in one adapter
/// (`StoreRepository`). Reads run on the event-loop thread that owns the reader; writes may block.
public protocol CableRepository: Sendable {
    /// True once the database is open and migrated.
    func isReady() -> Bool
    /// Number of cables stored.
    func cableCount() throws -> Int
    /// The stored JSON encoding of a cable and its content hash.
    func cable(id: String) throws -> StoredCable?
    /// The text exactly as imported.
    func rawText(id: String) throws -> String?
    /// Earlier texts kept by re-imports, newest first; `nil` when the cable is unknown.
    func versions(id: String) throws -> [CableVersion]?
    /// Cites / cited-by of a cable; `nil` when the cable is unknown.
    func references(id: String) throws -> CableReferences?
    /// One page of cables matching the filter, with the exact total.
    func listCables(_ filter: CableFilter, limit: Int, cursor: String?) throws -> Page<CableSummary>
    /// Counts per value of each requested facet, for the same filter.
    func facets(_ filter: CableFilter, names: [String]) throws -> [String: [FacetCount]]
    /// Every matching cable's stored JSON, in id order, one call per cable (constant memory).
    func exportCables(_ filter: CableFilter, _ body: ([UInt8]) throws -> Void) throws
    /// Paragraph-level full-text search.
    func searchParagraphs(q: String, classifications: [String], limit: Int, cursor: String?) throws -> Page<ParagraphHit>
    /// Entities by name prefix and type.
    func listEntities(q: String?, type: String?, limit: Int, cursor: String?) throws -> Page<EntityInfo>
    /// One entity with aliases; `nil` when unknown.
    func entity(id: String) throws -> EntityDetail?
    /// Cables mentioning an entity; `nil` when the entity is unknown.
    func entityCables(id: String, limit: Int, cursor: String?) throws -> Page<CableSummary>?
    /// Every TAGS code in the store with its count and meaning.
    func tags() throws -> [TagCount]
    /// Counts by classification, year and origin.
    func stats() throws -> CorpusStats

    /// Stores one cable durably; says whether it was new, changed or identical.
    func put(raw: String, cable: Cable) throws -> PutOutcome
    /// Deletes a cable; false when it did not exist.
    func delete(id: String) throws -> Bool
    /// Imports a batch body (already decompressed) in the given format.
    func importBatch(_ body: [UInt8], format: ImportFormat) throws -> ImportReport
}

/// A cable's stored JSON encoding with its content hash (the ETag).
public struct StoredCable: Sendable {
    public var id: String
    public var json: [UInt8]
    public var hash: String
    public init(id: String, json: [UInt8], hash: String) { self.id = id; self.json = json; self.hash = hash }
}

/// An earlier text of a cable, kept when a re-import changed it.
public struct CableVersion: Sendable, Codable {
    public var version: Int
    public var importedAt: String
    public var hash: String
    public var raw: String
    public init(version: Int, importedAt: String, hash: String, raw: String) {
        self.version = version; self.importedAt = importedAt; self.hash = hash; self.raw = raw
    }
}

/// Which cables cite a cable and which it cites.
public struct CableReferences: Sendable, Codable {
    public var cites: [String]
    public var citedBy: [String]
    /// Cited ids that are not in the store.
    public var missing: [String]
    public init(cites: [String], citedBy: [String], missing: [String]) {
        self.cites = cites; self.citedBy = citedBy; self.missing = missing
    }
}

/// The filters of `GET /v1/cables`.
public struct CableFilter: Sendable, Equatable {
    public enum Sort: String, Sendable { case date, dateDescending = "-date", relevance }
    public var q: String?
    public var origin: String?
    public var classifications: [String] = []
    public var tags: [String] = []
    public var entity: String?
    public var from: String?
    public var to: String?
    public var sort: Sort = .date
    public init() {}
}

/// One page of a keyset-paginated list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?
    public var total: Int
    public init(items: [Item], nextCursor: String?, total: Int) {
        self.items = items; self.nextCursor = nextCursor; self.total = total
    }
}

/// A cable as shown in lists.
public struct CableSummary: Sendable, Codable, Equatable {
    public var id: String
    public var date: String?
    public var origin: String?
    public var classification: String?
    public var subject: String?
    public var tags: [String]
    /// Highlighted match when the list was a full-text query.
    public var snippet: String?
    public init(id: String, date: String?, origin: String?, classification: String?, subject: String?,
                tags: [String], snippet: String? = nil) {
        self.id = id; self.date = date; self.origin = origin; self.classification = classification
        self.subject = subject; self.tags = tags; self.snippet = snippet
    }
}

/// One facet bucket.
public struct FacetCount: Sendable, Codable, Equatable {
    public var value: String
    public var count: Int
    public init(value: String, count: Int) { self.value = value; self.count = count }
}

/// One paragraph matched by `/v1/paragraphs`.
public struct ParagraphHit: Sendable, Codable {
    public var cableId: String
    public var number: Int
    public var classification: String?
    public var snippet: String
    public init(cableId: String, number: Int, classification: String?, snippet: String) {
        self.cableId = cableId; self.number = number; self.classification = classification; self.snippet = snippet
    }
}

/// An entity in lists.
public struct EntityInfo: Sendable, Codable {
    public var id: String
    public var name: String
    public var type: String
    public var mentions: Int
    public var cables: Int
    public init(id: String, name: String, type: String, mentions: Int, cables: Int) {
        self.id = id; self.name = name; self.type = type; self.mentions = mentions; self.cables = cables
    }
}

/// An entity with its aliases and co-occurring entities.
public struct EntityDetail: Sendable, Codable {
    public var id: String
    public var name: String
    public var type: String
    public var aliases: [String]
    public var mentions: Int
    public var cables: Int
    public var related: [EntityInfo]
    public init(id: String, name: String, type: String, aliases: [String], mentions: Int, cables: Int, related: [EntityInfo]) {
        self.id = id; self.name = name; self.type = type; self.aliases = aliases
        self.mentions = mentions; self.cables = cables; self.related = related
    }
}

/// A TAGS code with its use count.
public struct TagCount: Sendable, Codable {
    public var code: String
    public var kind: String?
    public var meaning: String?
    public var count: Int
    public init(code: String, kind: String?, meaning: String?, count: Int) {
        self.code = code; self.kind = kind; self.meaning = meaning; self.count = count
    }
}

/// Corpus counts.
public struct CorpusStats: Sendable, Codable {
    public var cables: Int
    public var byClassification: [FacetCount]
    public var byYear: [FacetCount]
    public var byOrigin: [FacetCount]
    public init(cables: Int, byClassification: [FacetCount], byYear: [FacetCount], byOrigin: [FacetCount]) {
        self.cables = cables; self.byClassification = byClassification; self.byYear = byYear; self.byOrigin = byOrigin
    }
}

/// Result of storing one cable.
public enum PutOutcome: Sendable { case inserted, updated, unchanged }

/// A batch format of `/v1/imports`.
public enum ImportFormat: String, Sendable { case csv, ndjson }

/// Counts of one batch import (the contract's pinned shape).
public struct ImportReport: Sendable, Codable {
    public struct Failure: Sendable, Codable {
        public var record: Int
        public var error: String
        public init(record: Int, error: String) { self.record = record; self.error = error }
    }
    public var imported: Int
    public var updated: Int
    public var unchanged: Int
    public var failed: [Failure]
    public init(imported: Int, updated: Int, unchanged: Int, failed: [Failure]) {
        self.imported = imported; self.updated = updated; self.unchanged = unchanged; self.failed = failed
    }
}
