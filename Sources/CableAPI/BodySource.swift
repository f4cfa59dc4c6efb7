import CableStore
import HTTPServer

/// A request body read incrementally on a worker thread (the server's `RequestBodyStream`).
public protocol StreamedBody: Sendable {
    /// The next run of bytes, nil at the end.
    func read() throws -> [UInt8]?
}

/// The server's streamed body, its failures turned into problems.
struct ServerStreamedBody: StreamedBody {
    let stream: RequestBodyStream

    func read() throws -> [UInt8]? {
        do {
            return try stream.read()
        } catch {
            switch error {
            case .tooLarge(let limit): throw Problem.tooLarge(limit: limit)
            case .malformed(let why): throw Problem.badBody("the request body is malformed: \(why)")
            case .connectionClosed: throw Problem.badBody("the client closed the connection before the body ended")
            }
        }
    }
}

/// The import body as a `ByteSource` for the store's record readers: either bytes already in memory
/// or a stream, gzip-decoded on the fly with the decompressed size counted against `limit`.
///
/// Streaming keeps a 256 MiB import at a few hundred KiB of memory; a gzip body is recognised by
/// `Content-Encoding: gzip` or, without one, by its magic bytes.
final class ImportBodySource: ByteSource {
    private var pending: [UInt8] = []
    private var offset = 0
    private var ended = false
    private var sniffed = false
    private var gzip: GzipDecoder?
    private let next: () throws -> [UInt8]?
    private let limit: Int
    private var delivered = 0
    private(set) var consumed = 0
    /// Whether any byte other than whitespace has been delivered (an all-blank batch is "empty").
    private(set) var sawContent = false

    init(limit: Int, gzip declared: Bool, next: @escaping () throws -> [UInt8]?) {
        self.limit = limit
        self.next = next
        if declared { gzip = GzipDecoder(limit: limit) }
        sniffed = declared
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while offset == pending.count {
            guard !ended else { return 0 }
            try refill()
        }
        let count = min(buffer.count, pending.count - offset)
        pending.withUnsafeBytes { bytes in
            buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    private func refill() throws {
        pending = []
        offset = 0
        guard let chunk = try next() else {
            ended = true
            if let gzip {
                do { try gzip.finish() } catch { throw Problem.badBody("the gzip body cannot be decompressed: \(error.detail)") }
            }
            return
        }
        consumed += chunk.count
        if !sniffed {
            sniffed = true
            if chunk.count >= 2 && chunk[0] == 0x1F && chunk[1] == 0x8B { gzip = GzipDecoder(limit: limit) }
        }
        if let gzip {
            do {
                pending = try gzip.decompress(chunk)
            } catch {
                if error.status == .contentTooLarge { throw Problem.tooLarge(limit: limit) }
                throw Problem.badBody("the gzip body cannot be decompressed: \(error.detail)")
            }
        } else {
            pending = chunk
        }
        delivered += pending.count
        if delivered > limit { throw Problem.tooLarge(limit: limit) }
        if !sawContent { sawContent = pending.contains { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } }
    }
}
