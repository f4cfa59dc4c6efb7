import Foundation

/// Finds the values of named members in the JSON bytes of a stored cable without decoding them.
///
/// Decoding a whole cable with `JSONDecoder` is slow where it is not needed: 41 % of a stored cable's
/// bytes are its paragraphs' entity mentions (~120 objects of five keys each), which a migration or a
/// reindex either ignores or replaces. Strings are skipped whole (with their escapes), so a key or
/// bracket inside a string value is never taken for structure.
enum JSONMemberScanner {
    /// The byte ranges of the values of the members named `name` whose value is an array or an object,
    /// in document order. `depth` limits the search to members of objects at that nesting depth
    /// (1: the top-level object); nil searches every depth. Members inside a found value are not
    /// searched. `first` stops at the first one found. Nil when the bytes end inside a string or with a
    /// bracket unclosed, or close more than they open: not JSON this store wrote.
    static func valueRanges(of name: String, depth wanted: Int? = nil, first: Bool = false,
                            in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        let key = Array(name.utf8)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        func skipSpace(from start: Int) -> Int {
            var next = start
            while next < bytes.count, [0x20, 0x0A, 0x09, 0x0D].contains(bytes[next]) { next += 1 }
            return next
        }
        var ranges: [Range<Int>] = []
        var depth = 0, index = 0
        // The value being skipped and the depth outside it.
        var valueStart: Int?, valueDepth = 0
        while index < bytes.count {
            switch bytes[index] {
            case quote:
                let start = index + 1
                index = start
                while index < bytes.count, bytes[index] != quote {
                    index += bytes[index] == backslash ? 2 : 1
                }
                guard index < bytes.count else { return nil }
                if valueStart == nil, wanted == nil || depth == wanted, index - start == key.count,
                   bytes[start..<index].elementsEqual(key) {
                    var next = skipSpace(from: index + 1)
                    guard next < bytes.count, bytes[next] == UInt8(ascii: ":") else { break }
                    next = skipSpace(from: next + 1)
                    // Only an array or object value is measured by the bracket count below.
                    if next < bytes.count, bytes[next] == UInt8(ascii: "[") || bytes[next] == UInt8(ascii: "{") {
                        valueStart = next
                        valueDepth = depth
                    }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                guard depth >= 0 else { return nil }
                if let start = valueStart, depth == valueDepth {
                    ranges.append(start..<(index + 1))
                    valueStart = nil
                    if first { return ranges }
                }
            default:
                break
            }
            index += 1
        }
        return depth == 0 ? ranges : nil
    }

    /// `json` with the value of every member named `name` (an array or object, at any depth) replaced
    /// by `replacement`; nil when the bytes are not well-formed enough to tell (see `valueRanges`).
    static func replacingValues(of name: String, with replacement: String, in json: Data) -> Data? {
        json.withUnsafeBytes { raw -> Data? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let ranges = valueRanges(of: name, in: bytes) else { return nil }
            guard !ranges.isEmpty else { return json }
            var result = Data()
            result.reserveCapacity(bytes.count)
            var copied = 0
            for range in ranges {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<range.lowerBound]))
                result.append(contentsOf: replacement.utf8)
                copied = range.upperBound
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return result
        }
    }
}
