import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A stream of bytes read in chunks: a file, stdin, a request body, or a decompressor over another.
///
/// Importers only ever pull fixed-size chunks, so memory stays flat whatever the input size.
public protocol ByteSource {
    /// Fills up to `buffer.count` bytes from the start of `buffer`; returns how many, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Bytes consumed from the underlying input so far (compressed bytes for a decompressor), for
    /// progress reporting.
    var consumed: Int { get }
}

/// Why reading an input failed.
public enum ImportInputError: Error, CustomStringConvertible, Sendable {
    /// A file could not be opened or read.
    case io(path: String, reason: String)
    /// Compressed data was corrupt or cut short.
    case gzip(source: String, reason: String)
    /// The input's structure is broken (unterminated CSV quote, wrong field count).
    case malformed(source: String, record: Int, reason: String)

    public var description: String {
        switch self {
        case let .io(path, reason): return "\(path): \(reason)"
        case let .gzip(source, reason): return "\(source): gzip data is corrupt: \(reason)"
        case let .malformed(source, record, reason): return "\(source), record \(record): \(reason)"
        }
    }
}

/// Reads a file descriptor (a file opened by path, or stdin) with `read(2)`, retrying EINTR.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Path for messages (`-` for stdin).
    public let path: String
    public private(set) var consumed = 0

    /// Opens `path` for reading.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ImportInputError.io(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
        ownsDescriptor = true
        self.path = path
    }

    /// Reads standard input.
    public init(standardInput: ()) {
        descriptor = STDIN_FILENO
        ownsDescriptor = false
        path = "-"
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { consumed += count; return count }
            if errno == EINTR { continue }
            throw ImportInputError.io(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Reads bytes already in memory (a request body).
public struct DataByteSource: ByteSource {
    private let data: Data
    public private(set) var consumed = 0

    public init(_ data: Data) { self.data = data }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, data.count - consumed)
        guard count > 0 else { return 0 }
        let start = data.startIndex + consumed
        data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<(start + count))
        consumed += count
        return count
    }
}

/// Puts back bytes already read (for format sniffing) in front of another source.
struct PrefixedByteSource: ByteSource {
    var prefix: [UInt8]
    var base: any ByteSource
    var consumed: Int { base.consumed }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !prefix.isEmpty {
            let count = min(buffer.count, prefix.count)
            prefix.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            prefix.removeFirst(count)
            return count
        }
        return try base.read(into: buffer)
    }
}
