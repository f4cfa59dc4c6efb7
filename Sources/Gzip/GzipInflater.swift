import CZlib
import Foundation

/// Why compressed data could not be inflated.
public enum GzipError: Error, Equatable, Sendable {
    /// The data is not gzip (or zlib, where accepted), or is damaged; zlib's description.
    case corrupt(String)
    /// The data ends before the end of its compressed stream.
    case truncated
    /// A one-shot inflate produced a different size from the one the caller expected.
    case sizeMismatch(expected: Int, actual: Int)
    /// zlib could not set up its state (out of memory).
    case unavailable

    /// A sentence for error messages.
    public var description: String {
        switch self {
        case .corrupt(let reason): "the compressed data is damaged or not gzip (\(reason))"
        case .truncated: "the data ends before the end of the compressed stream"
        case .sizeMismatch(let expected, let actual): "the data inflates to \(actual) bytes, not the expected \(expected)"
        case .unavailable: "zlib could not set up an inflate stream"
        }
    }
}

/// Inflates gzip data (and, optionally, zlib data) part by part, over zlib's inflate.
///
/// The caller owns the input and output buffers: each `inflate(_:into:)` call names them, and zlib keeps
/// no pointer into them between calls. Not safe to share between threads.
public final class GzipInflater {
    /// Which headers are accepted.
    public enum Framing: Sendable {
        /// gzip (RFC 1952) only: HTTP bodies and stored texts.
        case gzip
        /// gzip or zlib (RFC 1950), told apart by the header: import files.
        case gzipOrZlib
    }

    /// What one `inflate(_:into:)` call did.
    public struct Progress: Sendable {
        /// Input bytes taken (the rest must be offered again).
        public var consumed: Int
        /// Output bytes written at the start of the output buffer.
        public var produced: Int
        /// The member's end was reached; input after it belongs to whatever follows.
        public var ended: Bool
    }

    private let stream: ZStream

    /// - Throws: `GzipError.unavailable` when zlib cannot allocate its state.
    public init(framing: Framing = .gzip) throws(GzipError) {
        // windowBits 15 (the largest) + 16: gzip only; + 32: gzip or zlib, detected from the header.
        let windowBits: Int32 = framing == .gzip ? 15 + 16 : 15 + 32
        guard let stream = ZStream(.inflate, setUp: {
            inflateInit2_($0, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        }) else { throw .unavailable }
        self.stream = stream
    }

    /// Inflates from `input` into `output` until one of them is used up or the member ends.
    /// - Throws: `GzipError.corrupt` for data that is not (valid) compressed data.
    public func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(GzipError) -> Progress {
        try run(input, output, flush: Z_NO_FLUSH)
    }

    private func run(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, flush: Int32) throws(GzipError) -> Progress {
        let z = stream.pointer
        z.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        z.pointee.avail_in = UInt32(input.count)
        z.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        z.pointee.avail_out = UInt32(output.count)
        let status = CZlib.inflate(z, flush)
        let progress = Progress(consumed: input.count - Int(z.pointee.avail_in),
                                produced: output.count - Int(z.pointee.avail_out), ended: status == Z_STREAM_END)
        z.pointee.next_in = nil
        z.pointee.next_out = nil
        switch status {
        case Z_OK, Z_STREAM_END: return progress
        // No progress possible: no input offered, or no room; not an error in itself.
        case Z_BUF_ERROR: return progress
        default: throw .corrupt(stream.message(status))
        }
    }

    /// Makes ready for another member (concatenated gzip members, what `cat a.gz b.gz` gives).
    public func reset() {
        precondition(inflateReset(stream.pointer) == Z_OK, "zlib inflateReset failed on a valid stream")
    }

    /// Inflates one complete gzip member whose inflated size the caller knows (a stored text).
    /// - Throws: `GzipError` when the data is damaged, ends early, or inflates to another size.
    public static func inflate(_ data: Data, size: Int) throws(GzipError) -> Data {
        let inflater = try GzipInflater()
        // One byte more than expected tells a larger result from an exact one.
        var output = Data(count: size + 1)
        // Z_FINISH: with the whole input and room for the whole output, zlib inflates straight into
        // `output` without setting up its 32 KB window.
        let progress: Progress
        do {
            // (Data's closures rethrow untyped errors; only a GzipError can come out of this one.)
            progress = try data.withUnsafeBytes { input in
                try output.withUnsafeMutableBytes { out in try inflater.run(input, out, flush: Z_FINISH) }
            }
        } catch let error as GzipError {
            throw error
        } catch {
            throw .corrupt("\(error)")
        }
        guard progress.ended else {
            throw progress.produced > size ? .sizeMismatch(expected: size, actual: progress.produced) : .truncated
        }
        guard progress.produced == size else { throw .sizeMismatch(expected: size, actual: progress.produced) }
        output.count = size
        return output
    }
}
