import Foundation

/// The metadata rules' Foundation string calls, answered from the bytes when the text is ASCII (where the
/// byte answer is Foundation's: no ASCII text holds a character that folds into another's case or a
/// non-ASCII space), and by Foundation otherwise. Each Foundation call costs thousands of instructions.
extension CableEvidence {
    /// `text.trimmingCharacters(in: .whitespaces)`: spaces and tabs are the only ASCII members of that set.
    static func trimmingWhitespace<S: StringProtocol>(_ text: S) -> String {
        let answer: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        if let answer, let answer { return answer }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// `text.replacingOccurrences(of: " AND ", with: ",", options: .caseInsensitive)`.
    static func replacingAnd<S: StringProtocol>(in text: S) -> String {
        let answer: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var k = 0
            while k < bytes.count {
                if k + 5 <= bytes.count, bytes[k] == 0x20, bytes[k + 1] | 0x20 == 0x61, bytes[k + 2] | 0x20 == 0x6E,
                   bytes[k + 3] | 0x20 == 0x64, bytes[k + 4] == 0x20 {
                    out.append(0x2C)
                    k += 5
                } else {
                    out.append(bytes[k])
                    k += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        if let answer, let answer { return answer }
        return text.replacingOccurrences(of: " AND ", with: ",", options: .caseInsensitive)
    }

    /// `text.uppercased()`, which maps each scalar by its `uppercaseMapping`, made here the same way but
    /// with an ASCII scalar mapped as a byte: for a line with a few non-ASCII letters the standard library
    /// took ~30,000 instructions (its per-scalar path for the whole line).
    static func uppercased(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let b = UInt8(truncatingIfNeeded: scalar.value)
                out.append(b &- 0x61 < 26 ? b - 0x20 : b)
            } else {
                out.append(contentsOf: scalar.properties.uppercaseMapping.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `code.hasPrefix("OVIP")`: from the bytes when the code is ASCII (where a byte is a `Character`).
    static func isVIPCode(_ code: String) -> Bool {
        let answer: Bool?? = code.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return bytes.count >= 4 && bytes[0] == 0x4F && bytes[1] == 0x56 && bytes[2] == 0x49 && bytes[3] == 0x50
        }
        if let answer, let answer { return answer }
        return code.hasPrefix("OVIP")
    }

    /// `full.components(separatedBy: " (")[0].trimmingCharacters(in: .whitespaces)`, the name before a
    /// catalogue note (`Serbia (TAGS usage after 2006; FIPS RI)`): `range(of:)` and `trimmingWhitespace`
    /// answer from the bytes when the text is ASCII (a Foundation split cost ~34,000 instructions).
    static func nameBeforeNote(_ full: String) -> String {
        guard let note = range(of: " (", in: full) else { return trimmingWhitespace(full) }
        return trimmingWhitespace(full[..<note.lowerBound])
    }

    /// The signature's names, trimmed: its parts between `/`, `,` and line feeds (`Character`s, so a
    /// `\r\n` is not a line feed). From the bytes when the signature is ASCII without a `\r` (where a
    /// byte is a `Character`); by the `Character` split otherwise (`characterPath: true` always).
    static func signatureNames(_ signature: String, characterPath: Bool = false) -> [String] {
        if !characterPath {
            let answer: [String]?? = signature.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
                guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
                var out: [String] = []
                var start = 0
                for k in 0...bytes.count where k == bytes.count || bytes[k] == 0x2F || bytes[k] == 0x2C || bytes[k] == 0x0A {
                    // `split` omits empty parts (before trimming: a part of spaces is kept, as "").
                    if k > start {
                        var from = start, to = k
                        while from < to, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
                        while to > from, bytes[to - 1] == 0x20 || bytes[to - 1] == 0x09 { to -= 1 }
                        out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self))
                    }
                    start = k + 1
                }
                return out
            }
            if let answer, let answer { return answer }
        }
        return signature.split(whereSeparator: { $0 == "/" || $0 == "," || $0 == "\n" }).map { trimmingWhitespace($0) }
    }

    /// The text after the last ` FOR ` (any case), as `text.range(of: " FOR ", options: [.caseInsensitive,
    /// .backwards])` finds it; nil when there is none.
    static func afterLastFor(in text: String) -> Substring? {
        // Closure: .some(nil) when the text is not ASCII (Foundation answers), nil when no ` FOR `.
        let found: Int??? = text.utf8.withContiguousStorageIfAvailable { bytes -> Int?? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return .some(nil) }
            guard bytes.count >= 5 else { return nil }
            for k in stride(from: bytes.count - 5, through: 0, by: -1)
            where bytes[k] == 0x20 && bytes[k + 1] | 0x20 == 0x66 && bytes[k + 2] | 0x20 == 0x6F
                && bytes[k + 3] | 0x20 == 0x72 && bytes[k + 4] == 0x20 {
                return k + 5
            }
            return nil
        }
        switch found {
        case .some(.some(.some(let end))): return text[text.utf8.index(text.utf8.startIndex, offsetBy: end)...]
        case .some(.none): return nil
        default:
            guard let range = text.range(of: " FOR ", options: [.caseInsensitive, .backwards]) else { return nil }
            return text[range.upperBound...]
        }
    }

    /// `text.contains(mark)` for a one-byte ASCII mark (` `, `/`), Foundation's search answered from the
    /// bytes where they settle it: no such byte, no match (nothing else is equivalent to an ASCII mark);
    /// the byte between ASCII bytes (or the text's ends) is a whole Character there, a match. A mark next
    /// to a non-ASCII byte (a combining or prepended scalar could join it) asks `foundation`.
    static func contains<S: StringProtocol>(_ text: S, mark: UInt8, foundation: () -> Bool) -> Bool {
        // Over the contiguous UTF-8 where there is one (a loop over `utf8` costs ~10 instructions a byte).
        let fromBuffer: Bool?? = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            var before: UInt8 = 0, atMark = false, afterASCII = false
            for b in bytes {
                if atMark { return afterASCII && b < 0x80 ? true : nil }
                atMark = b == mark
                afterASCII = before < 0x80
                before = b
            }
            return atMark ? (afterASCII ? true : nil) : false
        }
        if let fromBuffer { return fromBuffer ?? foundation() }
        var before: UInt8 = 0, atMark = false, afterASCII = false
        for b in text.utf8 {
            if atMark { return afterASCII && b < 0x80 ? true : foundation() }
            atMark = b == mark
            afterASCII = before < 0x80
            before = b
        }
        return atMark ? (afterASCII ? true : foundation()) : false
    }

    /// The names of a `FOR` line's addressee list, as the `Character` rules of `personsAfterCues` cut
    /// them from `names` (the text after the last ` FOR `): split at `,` and `;`, ` AND ` (any case) as a
    /// comma, office symbols (`EUR/WE`, a lone word of at most four letters) left out. From the bytes when
    /// `names` is ASCII (where a byte is a `Character`: the text holds no line feed, so no `\r\n`); nil
    /// otherwise, and the caller takes the `Character` path.
    static func addresseeNames(_ names: Substring) -> [String]? {
        let answer: [String]?? = names.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0A }) else { return nil }
            var out: [String] = []
            var start = 0
            // Parts run between a `,`, a `;` or an ` AND ` and the next; empty parts are skipped, as
            // `split` omits empty pieces.
            var k = 0
            while k <= bytes.count {
                let cut: Int
                if k == bytes.count || bytes[k] == 0x2C || bytes[k] == 0x3B {
                    cut = 1
                } else if k + 5 <= bytes.count, bytes[k] == 0x20, bytes[k + 1] | 0x20 == 0x61, bytes[k + 2] | 0x20 == 0x6E,
                          bytes[k + 3] | 0x20 == 0x64, bytes[k + 4] == 0x20 {
                    cut = 5
                } else {
                    k += 1
                    continue
                }
                if k > start, let name = addressee(UnsafeBufferPointer(rebasing: bytes[start..<k])) { out.append(name) }
                k += cut
                start = k
            }
            return out
        }
        return answer ?? nil
    }

    /// The part as a name, or nil for an office symbol: a `/`, or one word of at most four bytes.
    private static func addressee(_ part: UnsafeBufferPointer<UInt8>) -> String? {
        if part.contains(0x2F) { return nil }
        var words = 0, firstLength = 0, inWord = false
        for b in part {
            if b == 0x20 {
                inWord = false
            } else {
                if !inWord { inWord = true; words += 1 }
                if words == 1 { firstLength += 1 }
            }
        }
        if words == 1 && firstLength <= 4 { return nil }
        return String(decoding: part, as: UTF8.self)
    }
}
