import CZlib
import Foundation

/// gzip for stored texts: raw cable text and encoded JSON are kept gzip-compressed (level 1), which
/// roughly halves the database and the bytes an import writes, and lets the API send a stored JSON
/// document as-is to a client that accepts `Content-Encoding: gzip`.
enum Gzip {
    /// Decompresses a gzip member whose decompressed size is `size`; throws on corrupt data.
    static func decompress(_ data: Data, size: Int) throws(StoreError) -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var output = Data(count: size)
        let rc = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = UInt32(out.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard rc == Z_STREAM_END, Int(stream.total_out) == size else {
            throw .corrupt("stored compressed text is damaged (zlib \(rc))")
        }
        return output
    }
}
