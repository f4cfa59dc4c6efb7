import CableParser
import Foundation
import Gzip

/// A parsed cable ready to store: the raw text, the cable, its JSON encoded once, and both hashes.
///
/// Preparing is the CPU-heavy part of a write (JSON encoding, hashing), so importers build these on
/// every core and hand them to the single writer.
public struct PreparedCable: Sendable {
    /// The raw text exactly as imported.
    public let raw: String
    /// SHA-256 of the raw text (hex): decides whether a re-import changed the cable.
    public let rawHash: String
    /// `raw` (UTF-8) gzip-compressed, as stored.
    let rawGzip: Data
    let rawSize: Int
    /// The cable, its JSON, hash and gzip, and its entity rows.
    let encoded: EncodedCable

    /// The parsed cable.
    public var cable: Cable { encoded.cable }
    /// `cable` as JSON: the bytes `Cable.makeJSONEncoder()` would give.
    public var json: Data { encoded.json }
    /// SHA-256 of `json` (hex): the ETag of the stored document.
    public var jsonHash: String { encoded.jsonHash }
    /// `json` gzip-compressed, as stored.
    var jsonGzip: Data { encoded.jsonGzip }
    /// The cable's entities and mentions grouped for the writer (see `EntityRows`).
    var entityRows: EntityRows { encoded.entityRows }

    /// Encodes, hashes and compresses `cable`. It no longer throws (the JSON is written by
    /// `CableJSONWriter`, the same bytes as `JSONEncoder`); `throws` stays for source compatibility.
    public init(raw: String, cable: Cable) throws {
        self.init(raw: raw, cable: cable, compressor: StoredGzip.makeDeflater())
    }

    /// As `init(raw:cable:)`, compressing with the caller's (thread's) `compressor`.
    init(raw: String, cable: Cable, compressor: GzipDeflater) {
        self.raw = raw
        self.rawHash = SHA256.hex(raw)
        self.rawGzip = compressor.compressToData(raw)
        self.rawSize = raw.utf8.count
        self.encoded = EncodedCable(cable: cable, compressor: compressor)
    }

    /// The `YYYY-MM-DD…` date the cable sorts by ("" when unknown).
    var sortDate: String { cable.date ?? "" }

    /// The year of `date`, when it starts with four digits.
    var year: Int? {
        guard let date = cable.date, date.utf8.count >= 4 else { return nil }
        return Int(date.prefix(4))
    }
}

/// What `put` did with a cable.
public enum PutOutcome: String, Sendable, Codable {
    /// The id was new.
    case inserted
    /// The id existed with a different raw text; the old text was kept as a version.
    case updated
    /// The id existed with the same raw text (derived data is refreshed if the parse changed).
    case unchanged
}
