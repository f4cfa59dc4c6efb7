import Gzip

/// Inflates a gzip-encoded request body (`Content-Encoding: gzip`) chunk by chunk, counting the
/// decompressed size against a limit and stopping there: a 1 MB bomb that expands to 10 GB is
/// refused (413) after `limit` bytes, never expanded in full. Corrupt data is a 400.
public final class GzipDecoder {
    private let inflater: GzipInflater?
    private var finished = false
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    /// Largest decompressed size accepted.
    public let limit: Int
    /// Decompressed bytes produced so far.
    public private(set) var produced = 0

    /// Creates a decoder refusing more than `limit` decompressed bytes.
    public init(limit: Int) {
        self.limit = limit
        inflater = try? GzipInflater(framing: .gzip)
    }

    /// Decompresses the next part of the body.
    /// - Returns: the decompressed bytes (possibly empty).
    /// - Throws: 413 past the limit, 400 for data that is not gzip or continues past its end.
    public func decompress(_ input: [UInt8]) throws(HTTPParseError) -> [UInt8] {
        guard let inflater else { throw HTTPParseError(.badRequest, "gzip decoder could not start") }
        guard !input.isEmpty else { return [] }
        guard !finished else { throw HTTPParseError(.badRequest, "data after the end of the gzip stream") }
        var output: [UInt8] = []
        var offset = 0
        do {
            // Until the input is used up, or the member ends, or a round makes no progress (zlib
            // wants input it does not have yet).
            while offset < input.count || !finished {
                let progress = try input.withUnsafeBufferPointer { source throws(GzipError) in
                    try scratch.withUnsafeMutableBufferPointer { buffer throws(GzipError) in
                        try inflater.inflate(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: source[offset...])),
                                             into: UnsafeMutableRawBufferPointer(buffer))
                    }
                }
                offset += progress.consumed
                if produced + progress.produced > limit {
                    throw HTTPParseError(.contentTooLarge, "decompressed request body larger than the limit of \(limit) bytes")
                }
                produced += progress.produced
                output.append(contentsOf: scratch[0..<progress.produced])
                if progress.ended {
                    finished = true
                    if offset < input.count { throw HTTPParseError(.badRequest, "data after the end of the gzip stream") }
                    break
                }
                if progress.consumed == 0 && progress.produced == 0 { break }
            }
        } catch let error as HTTPParseError {
            throw error
        } catch {
            throw HTTPParseError(.badRequest, "request body is not valid gzip (\(error))")
        }
        return output
    }

    /// Confirms the stream ended properly; call after the last chunk.
    public func finish() throws(HTTPParseError) {
        guard finished else { throw HTTPParseError(.badRequest, "gzip request body is truncated") }
    }
}
