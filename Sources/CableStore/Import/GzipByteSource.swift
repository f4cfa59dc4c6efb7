import Foundation
import Gzip

/// Decompresses gzip (or zlib) data streamed from another source.
///
/// Concatenated gzip members (what `cat a.gz b.gz` or pigz produce) are read as one stream.
public final class GzipByteSource: ByteSource {
    private var base: any ByteSource
    private let name: String
    private let inflater: GzipInflater
    /// Compressed bytes read from `base`; `input[start..<end]` not yet inflated.
    private var input: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var inputEnded = false
    private var memberEnded = false

    public var consumed: Int { base.consumed }

    /// Wraps `base`; `name` names the input in error messages.
    public init(_ base: any ByteSource, name: String) throws {
        self.base = base
        self.name = name
        do {
            inflater = try GzipInflater(framing: .gzipOrZlib)
        } catch {
            throw ImportInputError.gzip(source: name, reason: error.description)
        }
        self.input = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
    }

    deinit {
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            if start == end && !inputEnded { try refill() }
            if memberEnded {
                // Another member follows only if there are more bytes.
                guard start < end else { return 0 }
                inflater.reset()
                memberEnded = false
            }
            if start == end && inputEnded {
                throw ImportInputError.gzip(source: name, reason: GzipError.truncated.description)
            }
            let progress: GzipInflater.Progress
            do {
                progress = try inflater.inflate(UnsafeRawBufferPointer(rebasing: input[start..<end]), into: buffer)
            } catch {
                throw ImportInputError.gzip(source: name, reason: error.description)
            }
            start += progress.consumed
            if progress.ended {
                memberEnded = true
                // Whether a member follows is known only once more input has been looked at.
                if start == end && !inputEnded { try refill() }
            }
            if progress.produced > 0 { return progress.produced }
        }
    }

    private func refill() throws {
        let count = try base.read(into: input)
        if count == 0 { inputEnded = true }
        start = 0
        end = count
    }
}
