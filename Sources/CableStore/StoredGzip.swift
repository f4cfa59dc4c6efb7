import Foundation
import Gzip

/// gzip for stored texts: raw cable text and encoded JSON are kept gzip-compressed, which roughly
/// halves the database and the bytes an import writes, and lets the API send a stored JSON document
/// as-is to a client that accepts `Content-Encoding: gzip`.
enum StoredGzip {
    /// Level 1: the importer is CPU-bound, not disk-bound.
    static let level: Int32 = 1

    /// A deflater for stored texts; one per thread (it keeps its zlib stream between texts).
    static func makeDeflater() -> GzipDeflater { GzipDeflater(level: level) }

    /// Inflates a stored text whose inflated size is `size`.
    /// - Throws: `StoreError.corrupt` when the stored bytes are damaged.
    static func inflate(_ data: Data, size: Int) throws(StoreError) -> Data {
        do {
            return try GzipInflater.inflate(data, size: size)
        } catch {
            throw .corrupt("stored compressed text is damaged (\(error.description))")
        }
    }
}
