import CZlib
import Foundation

/// A gzip (level 1) compressor that keeps its zlib stream between inputs: one per thread.
///
/// Setting up a deflate stream allocates and clears ~270 KB of tables; for a cable's few kilobytes
/// that cost as much as the compression itself (a 9 KB text compressed 50–57 MB/s with a new stream
/// each time, 86 MB/s after `deflateReset`, with byte-identical output). Import workers compress two
/// texts per cable, so each keeps one of these.
final class GzipCompressor {
    // zlib's state points back at its z_stream, so the stream must not move: heap-allocated once.
    private let stream: UnsafeMutablePointer<z_stream>

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // windowBits 15 + 16: gzip framing; level 1: the importer is CPU-bound, not disk-bound.
        guard deflateInit2_(stream, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            fatalError("zlib deflateInit2 failed: out of memory")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `bytes` into a single gzip member.
    func compress(_ bytes: UnsafeRawBufferPointer) -> Data {
        precondition(deflateReset(stream) == Z_OK, "zlib deflateReset failed on a valid stream")
        let bound = Int(deflateBound(stream, UInt(bytes.count)))
        var output = Data(count: bound)
        let produced = output.withUnsafeMutableBytes { out -> Int in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(bytes.count)
            stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(out.count)
            // With deflateBound room, one Z_FINISH call always completes.
            let rc = deflate(stream, Z_FINISH)
            precondition(rc == Z_STREAM_END, "deflate with deflateBound output did not finish: \(rc)")
            return out.count - Int(stream.pointee.avail_out)
        }
        output.count = produced
        return output
    }

    func compress(_ data: Data) -> Data { data.withUnsafeBytes { compress($0) } }

    func compress(_ string: String) -> Data {
        var copy = string
        return copy.withUTF8 { compress(UnsafeRawBufferPointer($0)) }
    }
}
