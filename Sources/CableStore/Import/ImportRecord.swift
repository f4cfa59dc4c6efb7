/// One cable to import, as bytes straight from the input (decoded by the parser's text decoding).
public struct ImportRecord: Sendable {
    /// 1-based record number within the whole import batch.
    public var number: Int
    /// Where it came from (file path, `-` for stdin, or the API's label).
    public var source: String
    /// The cable text as bytes: UTF-8, or Windows-1252 when it is not valid UTF-8.
    public var bytes: [UInt8]
    /// The id the input gives for it (CSV `refid`, NDJSON `id`), if any.
    public var knownID: String?

    public init(number: Int, source: String, bytes: [UInt8], knownID: String? = nil) {
        self.number = number; self.source = source; self.bytes = bytes; self.knownID = knownID
    }
}

/// Something that yields import records one at a time.
public protocol RecordReader {
    /// The next record, nil at the end. A record that cannot be read as a record at all (broken
    /// quoting, invalid JSON line) is returned as `.failure` so the batch can go on where possible.
    mutating func next() throws -> RecordResult?
    /// Bytes consumed from the underlying input (for progress).
    var consumed: Int { get }
}

/// A record read from an input, or the reason a record could not be read.
public enum RecordResult: Sendable {
    /// Cable bytes with an optional known id.
    case record(bytes: [UInt8], knownID: String?)
    /// The input holds a record here but it is unreadable.
    case failure(String)
}

/// Buffered byte access over a `ByteSource`, refilled 256 KiB at a time.
struct ByteStream {
    var source: any ByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false
    static let chunkSize = 256 * 1024

    init(_ source: any ByteSource) { self.source = source }

    var consumed: Int { source.consumed }

    /// The next byte, nil at the end.
    @inline(__always)
    mutating func next() throws -> UInt8? {
        if position == buffer.count {
            guard try refill() else { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }

    /// The next byte without consuming it.
    mutating func peek() throws -> UInt8? {
        if position == buffer.count {
            guard try refill() else { return nil }
        }
        return buffer[position]
    }

    /// Appends bytes up to (not including) the first byte in `stops` to `output`; returns that byte
    /// (consumed), or nil at the end.
    mutating func copy(until stop1: UInt8, _ stop2: UInt8, into output: inout [UInt8]) throws -> UInt8? {
        while true {
            if position == buffer.count {
                guard try refill() else { return nil }
            }
            let start = position
            var index = position
            let end = buffer.count
            while index < end {
                let byte = buffer[index]
                if byte == stop1 || byte == stop2 {
                    output.append(contentsOf: buffer[start..<index])
                    position = index + 1
                    return byte
                }
                index += 1
            }
            output.append(contentsOf: buffer[start..<end])
            position = end
        }
    }

    private mutating func refill() throws -> Bool {
        guard !ended else { return false }
        if buffer.count != Self.chunkSize { buffer = [UInt8](repeating: 0, count: Self.chunkSize) }
        let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { ended = true; buffer.removeAll(); position = 0; return false }
        if count < Self.chunkSize { buffer.removeSubrange(count...) }
        position = 0
        return true
    }
}
