import CZlib

/// Inflates a gzip-encoded request body (`Content-Encoding: gzip`) chunk by chunk, counting the
/// decompressed size against a limit and stopping there: a 1 MB bomb that expands to 10 GB is
/// refused (413) after `limit` bytes, never expanded in full. Corrupt data is a 400.
public final class GzipDecoder {
    private var stream = z_stream()
    private var ready = false
    private var finished = false
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    /// Largest decompressed size accepted.
    public let limit: Int
    /// Decompressed bytes produced so far.
    public private(set) var produced = 0

    /// Creates a decoder refusing more than `limit` decompressed bytes.
    public init(limit: Int) {
        self.limit = limit
        ready = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ready { inflateEnd(&stream) }
    }

    /// Decompresses the next part of the body.
    /// - Returns: the decompressed bytes (possibly empty).
    /// - Throws: 413 past the limit, 400 for data that is not gzip or continues past its end.
    public func decompress(_ input: [UInt8]) throws(HTTPParseError) -> [UInt8] {
        guard ready else { throw HTTPParseError(.badRequest, "gzip decoder could not start") }
        guard !input.isEmpty else { return [] }
        guard !finished else { throw HTTPParseError(.badRequest, "data after the end of the gzip stream") }
        var output: [UInt8] = []
        var status = Z_OK
        var overLimit = false
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            repeat {
                scratch.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    let count = buffer.count - Int(stream.avail_out)
                    if produced + count > limit {
                        overLimit = true
                    } else {
                        produced += count
                        output.append(contentsOf: buffer[0..<count])
                    }
                }
            } while status == Z_OK && !overLimit && (stream.avail_in > 0 || stream.avail_out == 0)
            stream.next_in = nil
        }
        if overLimit {
            throw HTTPParseError(.contentTooLarge, "decompressed request body larger than the limit of \(limit) bytes")
        }
        switch status {
        case Z_STREAM_END:
            finished = true
            if stream.avail_in > 0 { throw HTTPParseError(.badRequest, "data after the end of the gzip stream") }
        case Z_OK, Z_BUF_ERROR:
            break
        default:
            throw HTTPParseError(.badRequest, "request body is not valid gzip (zlib status \(status))")
        }
        return output
    }

    /// Confirms the stream ended properly; call after the last chunk.
    public func finish() throws(HTTPParseError) {
        guard finished else { throw HTTPParseError(.badRequest, "gzip request body is truncated") }
    }
}
