import CZlib
import Foundation

/// gzip (RFC 1952) compression over zlib's deflate, for whole inputs or a stream of parts.
///
/// The zlib stream is kept between inputs and reset, not rebuilt: setting one up allocates and clears
/// ~270 KB of tables, which for a few kilobytes of input costs as much as the compression itself
/// (Docs/benchmarks.md, "One zlib stream per worker"). So keep one per thread; an instance is not
/// safe to share between threads.
public final class GzipDeflater {
    private let stream: ZStream
    private var scratch = [UInt8](repeating: 0, count: 16 * 1024)

    /// A deflater at `level` (0 none, 1 fastest … 9 smallest; -1 zlib's default, 6); a level outside
    /// -1...9 is taken as the nearest one. Stops the process if zlib cannot allocate its state (out of
    /// memory, like any allocation).
    public init(level: Int32) {
        let level = min(max(level, -1), 9)
        // windowBits 15 + 16: the largest window, with the gzip wrapper; memLevel 8 is zlib's default.
        guard let stream = ZStream(.deflate, setUp: {
            deflateInit2_($0, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                          Int32(MemoryLayout<z_stream>.size))
        }) else {
            fatalError("zlib could not set up a deflate stream: out of memory")
        }
        self.stream = stream
    }

    /// `bytes` as one complete gzip member.
    public func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        let bound = prepare(bytes)
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            count = finish(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// `bytes` as one complete gzip member, as `Data` (what SQLite blobs are bound from).
    public func compressToData(_ bytes: UnsafeRawBufferPointer) -> Data {
        var output = Data(count: prepare(bytes))
        let produced = output.withUnsafeMutableBytes { finish(into: $0) }
        output.count = produced
        return output
    }

    public func compress(_ bytes: [UInt8]) -> [UInt8] { bytes.withUnsafeBytes { compress($0) } }

    public func compressToData(_ data: Data) -> Data { data.withUnsafeBytes { compressToData($0) } }

    public func compressToData(_ string: String) -> Data {
        var copy = string
        return copy.withUTF8 { compressToData(UnsafeRawBufferPointer($0)) }
    }

    /// Starts a new member over `bytes`; returns the most it can compress to.
    private func prepare(_ bytes: UnsafeRawBufferPointer) -> Int {
        let z = stream.pointer
        precondition(deflateReset(z) == Z_OK, "zlib deflateReset failed on a valid stream")
        z.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
        z.pointee.avail_in = UInt32(bytes.count)
        return Int(deflateBound(z, UInt(bytes.count)))
    }

    private func finish(into output: UnsafeMutableRawBufferPointer) -> Int {
        let z = stream.pointer
        z.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        z.pointee.avail_out = UInt32(output.count)
        // With deflateBound's room, one Z_FINISH call always completes the member.
        let status = deflate(z, Z_FINISH)
        precondition(status == Z_STREAM_END, "deflate with deflateBound's room did not finish: \(status)")
        z.pointee.next_in = nil
        return output.count - Int(z.pointee.avail_out)
    }

    /// Starts a streamed member: the parts given to `append(_:finish:to:)` until one with `finish`.
    public func beginStream() {
        precondition(deflateReset(stream.pointer) == Z_OK, "zlib deflateReset failed on a valid stream")
    }

    /// Compresses the next part of a streamed member and appends what deflate produced to `output`;
    /// with `finish`, also the member's end. Deflate may hold input back until a later part.
    /// - Returns: false if zlib refused the part (a part after the member was finished, without a
    ///   `beginStream()` in between); what was appended before that stays.
    @discardableResult
    public func append(_ input: [UInt8], finish: Bool, to output: inout [UInt8]) -> Bool {
        let z = stream.pointer
        var refused = false
        input.withUnsafeBufferPointer { source in
            z.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            z.pointee.avail_in = UInt32(source.count)
            // Until deflate has taken all the input (and, when finishing, written the trailer) and
            // left room in the scratch buffer, which says it has nothing more to give.
            while true {
                let (status, produced) = scratch.withUnsafeMutableBufferPointer { buffer in
                    z.pointee.next_out = buffer.baseAddress
                    z.pointee.avail_out = UInt32(buffer.count)
                    let status = deflate(z, finish ? Z_FINISH : Z_NO_FLUSH)
                    let produced = buffer.count - Int(z.pointee.avail_out)
                    output.append(contentsOf: buffer[0..<produced])
                    return (status, produced)
                }
                if status == Z_STREAM_ERROR { refused = true; break }
                if finish ? status == Z_STREAM_END : (z.pointee.avail_out != 0 && z.pointee.avail_in == 0) { break }
                if status == Z_BUF_ERROR && produced == 0 { break }  // no progress possible: all taken
            }
            z.pointee.next_in = nil
        }
        return !refused
    }
}
