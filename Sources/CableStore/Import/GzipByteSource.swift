import CZlib
import Foundation

/// Decompresses gzip (or zlib) data streamed from another source through zlib's inflate.
///
/// Concatenated gzip members (what `cat a.gz b.gz` or pigz produce) are read as one stream.
public final class GzipByteSource: ByteSource {
    private var base: any ByteSource
    private let name: String
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var memberEnded = false
    private var initialised = false

    public var consumed: Int { base.consumed }

    /// Wraps `base`; `name` names the input in error messages.
    public init(_ base: any ByteSource, name: String) throws {
        self.base = base
        self.name = name
        self.input = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        // 15 + 32: largest window, detect gzip or zlib header automatically.
        let rc = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else {
            input.deallocate()
            throw ImportInputError.gzip(source: name, reason: "inflateInit2 failed (\(rc))")
        }
        initialised = true
    }

    deinit {
        if initialised { inflateEnd(&stream) }
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            if stream.avail_in == 0 && !inputEnded {
                let count = try base.read(into: input)
                if count == 0 { inputEnded = true }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = UInt32(count)
            }
            if memberEnded {
                // Another member follows only if there are more bytes.
                guard stream.avail_in > 0 else { return 0 }
                inflateReset(&stream)
                memberEnded = false
            }
            if stream.avail_in == 0 && inputEnded {
                throw ImportInputError.gzip(source: name, reason: "the data ends before the end of the compressed stream")
            }
            stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = UInt32(buffer.count)
            let rc = inflate(&stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.avail_out)
            switch rc {
            case Z_STREAM_END:
                memberEnded = true
                if stream.avail_in == 0 && !inputEnded {
                    let count = try base.read(into: input)
                    if count == 0 { inputEnded = true }
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = UInt32(count)
                }
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "inflate error \(rc)"
                throw ImportInputError.gzip(source: name, reason: message)
            }
            if produced > 0 { return produced }
        }
    }
}
