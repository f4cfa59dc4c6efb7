import CableParser
import Foundation
import Gzip

/// A cable with what the store keeps of it made in advance: its JSON, the JSON's SHA-256 and gzip, and
/// its entity rows. Making these is the CPU-heavy part of a write (compressing the JSON alone was a
/// quarter of a reindex writer's time), so importers and `EntityReindex` make them on their worker
/// threads and the single writer only writes. `PreparedCable` adds the raw text.
struct EncodedCable: Sendable {
    let cable: Cable
    /// `cable` as JSON: the bytes `Cable.makeJSONEncoder()` would give.
    let json: Data
    /// SHA-256 of `json` (hex): the ETag of the stored document.
    let jsonHash: String
    /// `json` gzip-compressed, as stored.
    let jsonGzip: Data
    /// The cable's entities and mentions grouped for the writer (see `EntityRows`).
    let entityRows: EntityRows

    init(cable: Cable, compressor: GzipDeflater) {
        self.cable = cable
        self.json = Data(CableJSONWriter.encode(cable))
        self.jsonHash = SHA256.hex(json)
        self.jsonGzip = compressor.compressToData(json)
        self.entityRows = EntityRows(cable: cable)
    }
}
