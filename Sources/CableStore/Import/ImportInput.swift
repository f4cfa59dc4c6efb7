import CableParser
import Foundation

/// The layout of an import input.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// The Cablegate `cables.csv` dialect.
    case csv
    /// One JSON object per line: `{"text": ..., "id"?: ...}`.
    case ndjson
    /// The whole input is one cable.
    case text

    /// The format a file name implies (after removing `.gz`): `.csv`, `.ndjson`/`.jsonl`, else text.
    public static func guess(fromName name: String) -> ImportFormat {
        var lower = name.lowercased()
        if lower.hasSuffix(".gz") { lower.removeLast(3) }
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        return .text
    }

    /// The format the first bytes of a (decompressed) stream suggest: `"` → CSV, `{` → NDJSON.
    static func sniff(_ bytes: [UInt8]) -> ImportFormat {
        guard let first = bytes.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) else {
            return .text
        }
        if first == UInt8(ascii: "\"") { return .csv }
        if first == UInt8(ascii: "{") { return .ndjson }
        return .text
    }
}

/// One thing to import: a path (file or directory), stdin, or bytes from a request.
public enum ImportInput: Sendable {
    /// A file (format from its name; `.gz` decompressed) or a directory (every `.txt`, `.txt.gz`,
    /// `.csv`, `.csv.gz`, `.ndjson`, `.jsonl` file below it, in path order). `-` is stdin.
    case path(String)
    /// Bytes in memory; format sniffed when nil; gzip detected by its magic bytes.
    case data(Data, format: ImportFormat?, name: String)

    /// The files a path expands to (a directory recursively, sorted), or the path itself.
    static func expand(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard path != "-" else { return ["-"] }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportInputError.io(path: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw ImportInputError.io(path: path, reason: "cannot list the directory")
        }
        let suffixes = [".txt", ".txt.gz", ".csv", ".csv.gz", ".ndjson", ".ndjson.gz", ".jsonl", ".jsonl.gz"]
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let lower = relative.lowercased()
            guard suffixes.contains(where: { lower.hasSuffix($0) }) else { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { files.append(full) }
        }
        return files.sorted()
    }

    /// The cable id a file name spells (`…/07ASTANA3153.txt` → `07ASTANA3153`), if it is one.
    static func idFromFileName(_ path: String) -> String? {
        var name = (path as NSString).lastPathComponent
        for suffix in [".gz", ".txt"] where name.lowercased().hasSuffix(suffix) { name.removeLast(suffix.count) }
        return CableID.canonicalize(name)
    }

    /// Opens a byte stream with gzip removed, and a record reader for its format.
    static func open(source: any ByteSource, name: String, format: ImportFormat?) throws -> any RecordReader {
        var prefixed = PrefixedByteSource(prefix: [], base: source)
        var head = [UInt8](repeating: 0, count: 2)
        var got = 0
        while got < 2 {
            let count = try head.withUnsafeMutableBytes { try prefixed.base.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[got...])) }
            if count == 0 { break }
            got += count
        }
        prefixed.prefix = Array(head[..<got])
        var stream: any ByteSource = prefixed
        if got == 2 && head[0] == 0x1F && head[1] == 0x8B {
            stream = try GzipByteSource(prefixed, name: name)
        }
        let resolved: ImportFormat
        if let format {
            resolved = format
        } else {
            var sniffed = [UInt8](repeating: 0, count: 64)
            let count = try sniffed.withUnsafeMutableBytes { try stream.read(into: $0) }
            resolved = ImportFormat.sniff(Array(sniffed[..<count]))
            stream = PrefixedByteSource(prefix: Array(sniffed[..<count]), base: stream)
        }
        switch resolved {
        case .csv: return CSVRecordReader(stream, name: name)
        case .ndjson: return NDJSONRecordReader(stream, name: name)
        case .text: return TextRecordReader(stream, name: name, knownID: idFromFileName(name))
        }
    }
}
