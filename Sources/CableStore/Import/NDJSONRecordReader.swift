import Foundation

/// Reads NDJSON: one JSON object per line, `{"text": "...", "id": "..."}` (`id` optional). Blank
/// lines are skipped; a line that is not such an object is one failed record.
public struct NDJSONRecordReader: RecordReader {
    private var stream: ByteStream
    private let name: String
    private var line = 0
    /// Longest line accepted (a cable is far smaller).
    static let maximumLineBytes = 64 * 1024 * 1024

    public init(_ source: any ByteSource, name: String) {
        stream = ByteStream(source)
        self.name = name
    }

    public var consumed: Int { stream.consumed }

    public mutating func next() throws -> RecordResult? {
        while true {
            var bytes: [UInt8] = []
            let stop = try stream.copy(until: UInt8(ascii: "\n"), UInt8(ascii: "\n"), into: &bytes)
            if stop == nil && bytes.isEmpty { return nil }
            line += 1
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            guard bytes.count <= Self.maximumLineBytes else { return .failure("\(name): line \(line) is too long") }
            struct Line: Decodable { var text: String; var id: String? }
            do {
                let decoded = try JSONDecoder().decode(Line.self, from: Data(bytes))
                return .record(bytes: Array(decoded.text.utf8), knownID: decoded.id)
            } catch {
                return .failure("\(name): line \(line) is not a JSON object with a string \"text\"")
            }
        }
    }
}

/// The whole input is one cable (a `.txt` file, or stdin holding one cable).
public struct TextRecordReader: RecordReader {
    private var stream: ByteStream
    private var done = false
    /// Largest single cable file accepted.
    static let maximumBytes = 16 * 1024 * 1024
    private let name: String
    private let knownID: String?

    /// `knownID`: the id the input's name gives (`07ASTANA3153.txt`), if any.
    public init(_ source: any ByteSource, name: String, knownID: String? = nil) {
        stream = ByteStream(source)
        self.name = name
        self.knownID = knownID
    }

    public var consumed: Int { stream.consumed }

    public mutating func next() throws -> RecordResult? {
        guard !done else { return nil }
        done = true
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try stream.source.read(into: $0) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= Self.maximumBytes else {
                return .failure("\(name): larger than \(Self.maximumBytes / 1024 / 1024) MiB, not a cable")
            }
        }
        return .record(bytes: bytes, knownID: knownID)
    }
}
