import CZlib

/// gzip request bodies (`Content-Encoding: gzip` imports), on the system zlib. (Responses are
/// compressed by the HTTP server.)
///
/// Inflation stops as soon as the output passes the limit, so a small "zip bomb" costs at most
/// `limit` bytes of memory before it is refused with 413.
enum Gzip {
    /// Why a gzip body could not be used.
    enum Failure: Error, Equatable {
        case tooLarge
        case corrupt(String)
    }

    /// Decompresses a gzip stream (concatenated members allowed) into at most `limit` bytes.
    static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header and trailer rather than raw zlib.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        var offset = 0
        while true {
            let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
                chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_in = inBuf.baseAddress.map { $0 + offset }
                    stream.avail_in = UInt32(inBuf.count - offset)
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = UInt32(outBuf.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    offset = inBuf.count - Int(stream.avail_in)
                    return status
                }
            }
            let produced = chunk.count - Int(stream.avail_out)
            if output.count + produced > limit { throw .tooLarge }
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow (`cat a.gz b.gz`); anything else after the end is an error.
                if offset == input.count { return output }
                guard inflateReset(&stream) == Z_OK else { throw .corrupt("zlib could not restart") }
            case Z_OK:
                if produced == 0 && offset == input.count { throw .corrupt("the gzip stream ends early") }
            case Z_BUF_ERROR:
                if offset == input.count { throw .corrupt("the gzip stream ends early") }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .corrupt(message)
            }
        }
    }
}
