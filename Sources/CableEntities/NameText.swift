import Foundation

/// Text helpers shared by the gazetteer and the recogniser: lookup keys, display names and slugs.
///
/// A *key* is the form used for every comparison: upper case, diacritics folded, curly apostrophes
/// straightened. Keys make `GUTERRES`, `Guterres` and `Gutérres` the same name.
enum NameText {
    /// The text of a run of scalars. `String(String.UnicodeScalarView(slice))` goes through a generic
    /// append that costs thousands of instructions per call; this writes the UTF-8 bytes directly.
    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        var bytes = 0
        for s in scalars { bytes += UTF8.width(s) }
        return String(unsafeUninitializedCapacity: bytes) { buffer in
            var k = 0
            for s in scalars {
                let v = s.value
                if v < 0x80 {
                    buffer[k] = UInt8(truncatingIfNeeded: v); k += 1
                } else {
                    for byte in UTF8.encode(s)! { buffer[k] = byte; k += 1 }
                }
            }
            return k
        }
    }

    /// `text.count` without the grapheme walk for ASCII text (where bytes are Characters, "\r\n" aside).
    static func characterCount(_ text: String) -> Int {
        var ascii = true
        for b in text.utf8 where b >= 0x80 || b == 0x0D {
            ascii = false
            break
        }
        return ascii ? text.utf8.count : text.count
    }

    /// Letters (alphabetic scalars) and scalars of a text; ASCII text is counted byte by byte.
    static func letterAndScalarCounts(_ text: String) -> (letters: Int, scalars: Int) {
        var letters = 0
        for b in text.utf8 {
            if b >= 0x80 {
                return (text.unicodeScalars.filter { $0.properties.isAlphabetic }.count, text.unicodeScalars.count)
            }
            if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) { letters += 1 }
        }
        return (letters, text.utf8.count)
    }

    /// The comparison key of one word.
    static func key<S: StringProtocol>(_ word: S) -> String {
        var ascii = true
        for scalar in word.unicodeScalars where scalar.value >= 0x80 {
            ascii = false
            break
        }
        if ascii { return word.uppercased() }
        // ASCII but for curly apostrophes (`Kazakhstan’s`, `O’Mara`): those become `'` and nothing is left
        // to fold, so the bytes in capitals are the key (Foundation's replacing and folding cost ~20,000
        // instructions a word).
        if word.unicodeScalars.allSatisfy({ $0.value < 0x80 || $0 == "\u{2019}" || $0 == "\u{2018}" }) {
            var bytes: [UInt8] = []
            for scalar in word.unicodeScalars {
                let v = scalar.value < 0x80 ? UInt8(scalar.value) : 0x27
                bytes.append(v &- 0x61 < 26 ? v &- 0x20 : v)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = String(word)
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "'")
            .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        return folded.uppercased()
    }

    /// A readable name from a surface form: ALL-CAPS words become name case (`MCCORMICK` → `McCormick`,
    /// `O'MARA` → `O'Mara`); words already in mixed case are kept as written.
    static func displayName(_ surface: String) -> String {
        // Most names are already mixed case on one line: nothing to do.
        let kept: Bool? = surface.utf8.withContiguousStorageIfAvailable { bytes in
            var lower = false
            for b in bytes {
                if b == 0x0A || b == 0x0D || b == 0x09 { return false }
                if b >= 0x61 && b <= 0x7A { lower = true }
            }
            return lower
        }
        if kept ?? (!surface.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
                    && surface.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A })) {
            return surface
        }
        if let ascii = asciiDisplayName(surface) { return ascii }
        return surface.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map { word -> String in
            if let ascii = asciiNameCaseIfAllCaps(word) { return ascii }
            let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic }
            let isAllCaps = !letters.isEmpty && letters.allSatisfy { !$0.properties.isLowercase }
            guard isAllCaps, letters.count > 1 || word.hasSuffix(".") else { return String(word) }
            return nameCase(String(word))
        }.joined(separator: " ")
    }

    /// `displayName` of an ASCII surface without `\r` (where bytes are Characters), written straight into
    /// the result: the words (runs between spaces, newlines and tabs) name-cased by the per-word rules and
    /// joined by single spaces, never longer than the surface. Nil for any other surface or no contiguous buffer.
    private static func asciiDisplayName(_ surface: String) -> String? {
        let made: String?? = surface.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            for b in bytes where b >= 0x80 || b == 0x0D { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var k = 0, start = 0
                while start < bytes.count {
                    while start < bytes.count, isSeparator(bytes[start]) { start += 1 }
                    guard start < bytes.count else { break }
                    var end = start
                    while end < bytes.count, !isSeparator(bytes[end]) { end += 1 }
                    if k > 0 { out[k] = 0x20; k += 1 }
                    k = appendNameCase(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: out, at: k)
                    start = end
                }
                return k
            }
        }
        return made ?? nil
    }

    @inline(__always)
    private static func isSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 }

    /// One ASCII word as `asciiNameCaseIfAllCaps` gives it, written at `k`; returns the end.
    private static func appendNameCase(_ word: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, at k: Int) -> Int {
        var letters = 0, lower = 0
        for b in word {
            if b >= 0x61 && b <= 0x7A { letters += 1; lower += 1 } else if b >= 0x41 && b <= 0x5A { letters += 1 }
        }
        var k = k
        guard letters > 0, lower == 0, letters > 1 || word.last == 0x2E else {
            for b in word { out[k] = b; k += 1 }
            return k
        }
        let start = k
        for b in word { out[k] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b; k += 1 }
        let lowered = UnsafeMutableBufferPointer(rebasing: out[start..<k])
        if isConnector(UnsafeBufferPointer(lowered)) { return k }
        // The rules of `asciiNameCase`, over the lower-cased bytes in place.
        var capitalizeNext = true
        for n in lowered.indices {
            let b = lowered[n]
            if capitalizeNext, b >= 0x61 && b <= 0x7A {
                lowered[n] = b - 0x20
                capitalizeNext = false
            }
            if b == 0x2D || b == 0x27 || b == 0x2E || b == 0x2F { capitalizeNext = true }
            if n == 1, word.count >= 2, lowerByte(word[0]) == 0x6D, lowerByte(word[1]) == 0x63 { capitalizeNext = true }
            if n == 2, word.count > 5, lowerByte(word[0]) == 0x6D, lowerByte(word[1]) == 0x61, lowerByte(word[2]) == 0x63 {
                capitalizeNext = true
            }
        }
        return k
    }

    @inline(__always)
    private static func lowerByte(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    /// `connectorsLowercase.contains` for lower-case ASCII bytes, by value (no `String`, no SipHash).
    private static func isConnector(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !word.isEmpty, word.count <= 5 else { return false }
        var v: UInt64 = 0
        for b in word { v = v << 8 | UInt64(b) }
        switch v {
        // de del della da das do dos du la
        case 0x6465, 0x64656C, 0x64656C6C61, 0x6461, 0x646173, 0x646F, 0x646F73, 0x6475, 0x6C61: return true
        // van von bin ibn al el y
        case 0x76616E, 0x766F6E, 0x62696E, 0x69626E, 0x616C, 0x656C, 0x79: return true
        default: return false
        }
    }

    /// `displayName`'s per-word step for a word of ASCII bytes, without Unicode property lookups or
    /// Character iteration (the same rules, byte by byte); nil for other words.
    private static func asciiNameCaseIfAllCaps(_ word: Substring) -> String? {
        var letters = 0, lower = 0
        for b in word.utf8 {
            if b >= 0x80 || b == 0x0D { return nil }
            if b >= 0x61 && b <= 0x7A { letters += 1; lower += 1 } else if b >= 0x41 && b <= 0x5A { letters += 1 }
        }
        guard letters > 0, lower == 0, letters > 1 || word.utf8.last == 0x2E else { return String(word) }
        return asciiNameCase(Array(word.utf8))
    }

    /// `nameCase` for ASCII bytes without carriage returns (so that bytes and Characters coincide).
    private static func asciiNameCase(_ word: [UInt8]) -> String {
        let lower = word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let lowerString = String(decoding: lower, as: UTF8.self)
        if connectorsLowercase.contains(lowerString) { return lowerString }
        var out: [UInt8] = []
        out.reserveCapacity(lower.count)
        var capitalizeNext = true
        for (k, b) in lower.enumerated() {
            if capitalizeNext, b >= 0x61 && b <= 0x7A {
                out.append(b - 0x20)
                capitalizeNext = false
            } else {
                out.append(b)
            }
            if b == 0x2D || b == 0x27 || b == 0x2E || b == 0x2F { capitalizeNext = true }
            // Mc/Mac prefixes, as in nameCase: "mc" as the first two letters, "mac" as the first three of a long word.
            if k == 1, lower[0] == 0x6D, lower[1] == 0x63 { capitalizeNext = true }
            if k == 2, lower.count > 5, lower[0] == 0x6D, lower[1] == 0x61, lower[2] == 0x63 { capitalizeNext = true }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Name case for one all-caps word, keeping acronyms-with-periods (`U.S.`) and particles sensible.
    static func nameCase(_ word: String) -> String {
        let lower = word.lowercased()
        if connectorsLowercase.contains(lower) { return lower }
        var out = ""
        var capitalizeNext = true
        var previous = ""
        for ch in lower {
            if capitalizeNext, ch.isLetter {
                out.append(contentsOf: ch.uppercased())
                capitalizeNext = false
            } else {
                out.append(ch)
            }
            if ch == "-" || ch == "'" || ch == "." || ch == "/" { capitalizeNext = true }
            previous.append(ch)
            // Mc/Mac prefixes: capitalise the letter after them (McCormick, MacArthur).
            if previous == "mc" || (previous == "mac" && lower.count > 5) { capitalizeNext = true }
        }
        return out
    }

    /// Slug for an entity id: lower-case letters and digits separated by single hyphens. Latin letters
    /// are spelled in ASCII (`Zürich` -> `zurich`, `Łódź` -> `lodz`); letters of other scripts are kept,
    /// lower-cased (`Marat Тажин` -> `marat-тажин`): dropping them gave `Marat Тажин`
    /// the id of every other `Marat`, and all-Cyrillic names one shared `unnamed`.
    static func slug(_ name: String) -> String {
        var name = name
        name.makeContiguousUTF8()  // a native string already is: no copy
        let ascii: String? = name.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: max(bytes.count, 7)) { writeASCIISlug(bytes, into: $0, at: 0) }
        } ?? nil
        if let ascii { return ascii }
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            // ASCII letters and digits by value: the property lookup costs hundreds of instructions a scalar.
            let v = scalar.value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" || scalar == "." {
                continue  // O'Mara -> omara, U.S. -> us
            } else if let ascii = latinLettersWithoutMarks[scalar] {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out += ascii
            } else if v >= 0x80, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out += scalar.properties.lowercaseMapping
            } else {
                pendingHyphen = true
            }
        }
        // Composed (NFC): the store compares ids as bytes, and so does the summary table of `write`.
        return out.isEmpty ? "unnamed" : out.precomposedStringWithCanonicalMapping
    }

    /// Latin letters that are not a base letter plus a mark, so diacritic folding leaves them as they
    /// are: spelled in ASCII as their languages transliterate them (`Diyarbakır` -> `diyarbakir`).
    private static let latinLettersWithoutMarks: [Unicode.Scalar: String] = [
        "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ŀ": "l", "ƒ": "f",
        "æ": "ae", "œ": "oe", "þ": "th", "ĸ": "q", "ŋ": "ng",
    ]

    /// `type:slug(name)`, the id of an entity. For an ASCII name the slug is written straight after the
    /// type in one string (no slug string, no array of parts joined).
    static func id(type: String, name: String) -> String {
        let id: String?? = name.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            type.utf8.withContiguousStorageIfAvailable { prefix -> String? in
                guard !bytes.contains(where: { $0 >= 0x80 }), !prefix.contains(where: { $0 >= 0x80 }) else { return nil }
                return String(unsafeUninitializedCapacity: prefix.count + 1 + max(bytes.count, 7)) { out in
                    for k in prefix.indices { out[k] = prefix[k] }
                    out[prefix.count] = 0x3A
                    return writeASCIISlug(bytes, into: out, at: prefix.count + 1)
                }
            } ?? nil
        }
        if let id, let id { return id }
        return EntityResolver.concatenate([type, ":", slug(name)])
    }

    /// Writes the slug of the ASCII `bytes` into `out` from `start` (`unnamed` when they hold no letter or
    /// digit) and returns where it ends. `out` needs room for `max(bytes.count, 7)` bytes from `start`: a
    /// slug is never longer than its name.
    private static func writeASCIISlug(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>,
                                       at start: Int) -> Int {
        var k = start
        var pendingHyphen = false
        for b in bytes {
            let lower = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingHyphen, k > start { out[k] = 0x2D; k += 1 }
                pendingHyphen = false
                out[k] = lower
                k += 1
            } else if lower != 0x27 && lower != 0x2E {  // O'Mara -> omara, U.S. -> us
                pendingHyphen = true
            }
        }
        if k == start {
            for b in "unnamed".utf8 { out[k] = b; k += 1 }
        }
        return k
    }

    private static let connectorsLowercase: Set<String> = ["de", "del", "della", "da", "das", "do", "dos", "du", "la", "van", "von", "bin", "ibn", "al", "el", "y"]
}
