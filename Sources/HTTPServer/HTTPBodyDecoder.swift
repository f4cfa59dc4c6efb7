import HTTPTypes

private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")

/// Incremental decoder for a request body (Content-Length or chunked with trailers), resumable at
/// any byte boundary. It hands out body bytes as slices of the input (no copy) and enforces the
/// body limit as bytes arrive, so an oversized body is refused before it is held in memory.
public struct HTTPBodyDecoder: Sendable {
    private enum State: Sendable {
        case fixed(remaining: Int)
        case chunkSize(value: Int, digits: Int)
        case chunkExtension(length: Int)
        case chunkSizeLF
        case chunkData(remaining: Int)
        case chunkDataCR
        case chunkDataLF
        case trailers
        case done
    }

    private var state: State
    private let maxBodyBytes: Int
    private let maxTrailerBytes: Int
    private let maxTrailerCount: Int
    private var trailerBytes: [UInt8] = []
    /// Decoded body bytes so far.
    public private(set) var received = 0
    /// Trailer fields of a chunked body, available once `isComplete`.
    public private(set) var trailerFields = HTTPFields()

    /// Creates a decoder for `framing`, refusing more than `maxBodyBytes` decoded bytes with 413.
    public init(framing: HTTPBodyFraming, maxBodyBytes: Int, limits: HTTPServerLimits = .init()) {
        switch framing {
        case .none: state = .done
        case .length(let count): state = count > 0 ? .fixed(remaining: count) : .done
        case .chunked: state = .chunkSize(value: 0, digits: 0)
        }
        self.maxBodyBytes = maxBodyBytes
        self.maxTrailerBytes = limits.maxHeaderBytes
        self.maxTrailerCount = limits.maxHeaderCount
    }

    /// True once the whole body (and any trailers) has been read.
    public var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// Decodes from the start of `bytes`, calling `sink` with each run of body bytes.
    /// - Returns: how many input bytes were consumed (framing included).
    public mutating func decode(_ bytes: UnsafeRawBufferPointer, _ sink: (UnsafeRawBufferPointer) -> Void) throws(HTTPParseError) -> Int {
        var index = 0
        while index < bytes.count {
            switch state {
            case .done:
                return index
            case .fixed(let remaining):
                let take = min(remaining, bytes.count - index)
                try emit(bytes, index, take, sink)
                index += take
                state = remaining == take ? .done : .fixed(remaining: remaining - take)
            case .chunkSize(let value, let digits):
                let byte = bytes[index]
                index += 1
                if let digit = ByteClass.hexValue(byte) {
                    guard digits < 15 else { throw .bad("chunk size too long") }
                    state = .chunkSize(value: value << 4 | Int(digit), digits: digits + 1)
                } else if digits == 0 {
                    throw .bad("malformed chunk size")
                } else if byte == cr {
                    try checkLimit(adding: value)
                    pendingChunk = value
                    state = .chunkSizeLF
                } else if byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                    try checkLimit(adding: value)
                    pendingChunk = value
                    state = .chunkExtension(length: 0)
                } else {
                    throw .bad("malformed chunk size")
                }
            case .chunkExtension(let length):
                let byte = bytes[index]
                index += 1
                if byte == cr {
                    state = .chunkSizeLF
                } else if byte == lf || byte == 0 || length >= 4096 {
                    throw .bad("malformed or oversized chunk extension")
                } else {
                    state = .chunkExtension(length: length + 1)
                }
            case .chunkSizeLF:
                guard bytes[index] == lf else { throw .bad("bare CR after a chunk size") }
                index += 1
                state = pendingChunk == 0 ? .trailers : .chunkData(remaining: pendingChunk)
            case .chunkData(let remaining):
                let take = min(remaining, bytes.count - index)
                try emit(bytes, index, take, sink)
                index += take
                state = remaining == take ? .chunkDataCR : .chunkData(remaining: remaining - take)
            case .chunkDataCR:
                guard bytes[index] == cr else { throw .bad("chunk data longer than its declared size") }
                index += 1
                state = .chunkDataLF
            case .chunkDataLF:
                guard bytes[index] == lf else { throw .bad("bare CR after chunk data") }
                index += 1
                state = .chunkSize(value: 0, digits: 0)
            case .trailers:
                index += try consumeTrailers(UnsafeRawBufferPointer(rebasing: bytes[index...]))
            }
        }
        return index
    }

    private var pendingChunk = 0

    private mutating func checkLimit(adding count: Int) throws(HTTPParseError) {
        guard count <= maxBodyBytes - received else { throw .bodyTooLarge(maxBodyBytes) }
    }

    private mutating func emit(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int,
                               _ sink: (UnsafeRawBufferPointer) -> Void) throws(HTTPParseError) {
        guard count > 0 else { return }
        try checkLimit(adding: count)
        received += count
        sink(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]))
    }

    /// Collects the trailer section (bounded like a header section) until its empty line.
    private mutating func consumeTrailers(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            trailerBytes.append(byte)
            guard trailerBytes.count <= maxTrailerBytes else {
                throw .headersTooLarge("trailer section larger than \(maxTrailerBytes) bytes")
            }
            guard byte == lf else { continue }
            let count = trailerBytes.count
            guard count >= 2, trailerBytes[count - 2] == cr else { throw .bad("bare LF in the trailer section") }
            if count == 2 || (count >= 4 && trailerBytes[count - 3] == lf) {
                let fieldEnd = count - 2
                let parsed = trailerBytes.withUnsafeBytes { raw in
                    Result { () throws(HTTPParseError) in
                        try HTTPRequestHeadParser.parseFieldLines(raw, from: 0, to: fieldEnd, what: "trailer")
                    }
                }
                trailerFields = try parsed.get()
                guard trailerFields.count <= maxTrailerCount else {
                    throw .headersTooLarge("more than \(maxTrailerCount) trailer fields")
                }
                trailerBytes = []
                state = .done
                return index
            }
        }
        return index
    }
}
