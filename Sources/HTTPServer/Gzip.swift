import CZlib

/// A gzip (RFC 1952) encoder over zlib's deflate, usable for one whole body or chunk by chunk for a
/// streamed body. One per loop is reused for whole bodies (reset, not reallocated).
final class GzipEncoder {
    private var stream = z_stream()
    private var ready = false
    private var scratch = [UInt8](repeating: 0, count: 16 * 1024)

    init(level: Int32) {
        // windowBits 15 + 16 selects the gzip wrapper; memLevel 8 is zlib's default.
        ready = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                              ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ready { deflateEnd(&stream) }
    }

    /// Compresses a whole body; nil if zlib failed (the caller then sends it uncompressed).
    func compress(_ input: [UInt8]) -> [UInt8]? {
        guard ready, deflateReset(&stream) == Z_OK else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 3 + 64)
        return feed(input, finish: true, into: &output) ? output : nil
    }

    /// Compresses the next part of a stream, `finish` on the last; appends to `output`.
    func feed(_ input: [UInt8], finish: Bool, into output: inout [UInt8]) -> Bool {
        guard ready else { return false }
        var failed = false
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                var status = Z_OK
                var produced = 0
                scratch.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    status = deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    produced = buffer.count - Int(stream.avail_out)
                    output.append(contentsOf: buffer[0..<produced])
                }
                if status == Z_STREAM_ERROR || (status == Z_BUF_ERROR && produced == 0 && stream.avail_in > 0) {
                    failed = true
                    break
                }
                if finish ? status == Z_STREAM_END : stream.avail_out != 0 { break }
                if status == Z_BUF_ERROR && produced == 0 { break }
            }
            stream.next_in = nil
        }
        return !failed
    }

    /// Whether `acceptEncoding` (an `Accept-Encoding` value) allows gzip: listed with a non-zero q.
    static func accepts(_ acceptEncoding: String) -> Bool {
        for item in acceptEncoding.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let coding = parts.first?.trimmingSpaces.lowercased(), coding == "gzip" || coding == "x-gzip" || coding == "*" else {
                continue
            }
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingSpaces
                if pair.lowercased().hasPrefix("q="), let q = Double(pair.dropFirst(2)), q <= 0 { return false }
            }
            return true
        }
        return false
    }
}
