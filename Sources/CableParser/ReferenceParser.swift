import Foundation

/// Splits a `REF:` block into items and recognises the cables they cite.
///
/// Lettered lists (`A. 07ASTANA 1234 B. STATE 5678`, `(A)05 CHENNAI 0121`, `¶B. MADRID 1096`) give one
/// item per letter; otherwise items are separated by semicolons. One item may cite several cables
/// (`BRASILIA 2799 AND 2764`); items that cite none (e-mails, telcons, meetings) are kept as text.
struct ReferenceParser {
    /// Two-digit year given to references written without one (the citing cable's year).
    let cableYear: String

    func parse(_ block: String) -> [Cable.Reference] {
        let text = Preamble.squeeze(block.blanking("\u{B6}"))
        // `Ref: None` (e-mail exports), `REF: N/A`: no references at all.
        guard !text.isEmpty, !["NONE", "N/A", "NA", "-"].contains(text.uppercased()) else { return [] }
        let items = Self.letteredItems(text) ?? text.split(separator: ";").map { (nil as String?, $0.trimmingBlanks()) }
        var references: [Cable.Reference] = []
        for (label, written) in items {
            let item = written.trimmingTrailing(";, ").trimmingBlanks()
            guard !item.isEmpty else { continue }
            let ids = citedIDs(item)
            if ids.isEmpty {
                references.append(Cable.Reference(label: label, id: nil, text: item))
            } else {
                for id in ids { references.append(Cable.Reference(label: label, id: id, text: item)) }
            }
        }
        return references
    }

    /// Items of a lettered list, or `nil` when the block does not start with label `A`.
    static func letteredItems(_ text: String) -> [(String?, String)]? {
        let chars = Array(text.unicodeScalars)
        var starts: [(label: Unicode.Scalar, labelStart: Int, textStart: Int)] = []
        var expected: Unicode.Scalar = "A"
        var index = 0
        while index < chars.count {
            if let length = labelLength(chars, index, expected) {
                starts.append((expected, index, index + length))
                expected = Unicode.Scalar(UInt8(expected.value + 1))
                index += length
                continue
            }
            if starts.isEmpty, index > 0 { return nil }
            index += 1
        }
        guard starts.count >= 1, starts[0].labelStart == 0 else { return nil }
        var items: [(String?, String)] = []
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].labelStart : chars.count
            var item = String.UnicodeScalarView()
            item.append(contentsOf: chars[start.textStart..<end])
            items.append((String(start.label), String(item).trimmingBlanks()))
        }
        return items
    }

    /// Length of a label `A.`, `A)`, `(A)` at `index` (at a word start, followed by a blank or digit).
    private static func labelLength(_ chars: [Unicode.Scalar], _ index: Int, _ letter: Unicode.Scalar) -> Int? {
        guard index == 0 || chars[index - 1] == " " else { return nil }
        var cursor = index
        let parenthesised = chars[cursor] == "("
        if parenthesised { cursor += 1 }
        guard cursor + 1 < chars.count, chars[cursor] == letter else { return nil }
        let close = chars[cursor + 1]
        guard close == ")" || (!parenthesised && close == ".") else { return nil }
        cursor += 2
        guard cursor == chars.count || chars[cursor] == " " || ("0"..."9").contains(chars[cursor]) else { return nil }
        return cursor - index
    }

    /// Canonical ids of the cables `item` cites.
    func citedIDs(_ item: String) -> [String] {
        let bytes = Array(item.utf8)
        let words = ByteScan.words(bytes, 0..<bytes.count).map { word -> String in
            var range = word
            // `,` `.` `;` `:` `(` `)` around a word are not part of it.
            func isPunctuation(_ byte: UInt8) -> Bool {
                byte == 0x2C || byte == 0x2E || byte == 0x3B || byte == 0x3A || byte == 0x28 || byte == 0x29
            }
            while !range.isEmpty, isPunctuation(bytes[range.lowerBound]) { range = (range.lowerBound + 1)..<range.upperBound }
            while !range.isEmpty, isPunctuation(bytes[range.upperBound - 1]) { range = range.lowerBound..<(range.upperBound - 1) }
            return String(decoding: bytes[range], as: UTF8.self)
        }
        var ids: [String] = []
        var index = 0
        var lastCited: (year: String, station: String)?
        while index < words.count {
            let word = words[index]
            if Self.isSerial(word) {
                if let (year, station) = stationBefore(words, index) {
                    ids.append(CableID.make(year: year, station: station, serial: Int(word) ?? 0))
                    lastCited = (year, station)
                } else if let lastCited, index > 0, Self.isConjunction(words[index - 1]) || words[index - 1].isEmpty {
                    ids.append(CableID.make(year: lastCited.year, station: lastCited.station, serial: Int(word) ?? 0))
                } else {
                    lastCited = nil
                }
            } else if !Self.isConjunction(word), !word.isEmpty {
                if !Self.isStationWord(word) && !Self.hasYearPrefix(word) { lastCited = nil }
            }
            index += 1
        }
        var unique: [String] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        return unique
    }

    /// The station (and year) written just before the serial at `index`.
    private func stationBefore(_ words: [String], _ index: Int) -> (String, String)? {
        var start = index
        var year: String?
        while start > 0, index - start < 3 {
            let word = words[start - 1]
            if Self.hasYearPrefix(word) {
                year = String(word.prefix(2))
                start -= 1
                let station = ([String(word.dropFirst(2))] + words[(start + 1)..<index]).joined(separator: " ")
                return (year!, CableID.canonicalStation(station))
            }
            // `09 Tripoli 753`: a capitalised station counts when a two-digit year stands before it.
            let yearBefore = start >= 2 && words[start - 2].utf8.count == 2 && words[start - 2].utf8.allSatisfy(ByteScan.isDigit)
            guard Self.isStationWord(word) || (index - start == 0 && yearBefore && Self.isCapitalised(word)) else { break }
            start -= 1
        }
        guard start < index else { return nil }
        if start > 0, words[start - 1].allSatisfy(\.isNumber) {
            // `07 ASTANA 1234` or `2006 MADRID 3104`.
            let written = words[start - 1]
            if written.count == 2 { year = written }
            if written.count == 4, written.hasPrefix("19") || written.hasPrefix("20") { year = String(written.suffix(2)) }
        }
        let station = words[start..<index].joined(separator: " ")
        return (year ?? cableYear, CableID.canonicalStation(station))
    }

    /// `07ASTANA` (a year glued to the station).
    private static func hasYearPrefix(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 4, scalars[0].properties.numericType != nil, scalars[1].properties.numericType != nil else {
            return false
        }
        return scalars.dropFirst(2).allSatisfy { ("A"..."Z").contains($0) }
    }

    private static func isSerial(_ word: String) -> Bool {
        (1...7).contains(word.utf8.count) && word.utf8.allSatisfy(ByteScan.isDigit)
    }

    /// `Tripoli`: an upper-case letter, then lower-case letters.
    private static func isCapitalised(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard bytes.count >= 3, bytes[0] >= 0x41, bytes[0] <= 0x5A else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }

    /// `AND`, `and`, `&`: joins serials of one station (`BRASILIA 2799 AND 2764`).
    private static func isConjunction(_ word: String) -> Bool {
        word == "&" || word.utf8.count == 3 && word.uppercased() == "AND"
    }

    /// An upper-case word that can be part of a station name (not a month, not a common word).
    private static func isStationWord(_ word: String) -> Bool {
        guard word.utf8.count >= 2, word.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return false }
        return !stopWords.contains(word)
    }

    private static let stopWords: Set<String> = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC",
        "JANUARY", "FEBRUARY", "MARCH", "APRIL", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
        "NOVEMBER", "DECEMBER", "AND", "OF", "NO", "PARA", "PARAS", "PARAGRAPH", "REF", "REFTEL", "REFS",
        "TELCON", "EMAIL", "MEMCON", "SEPTEL", "PAGE", "SECTION", "CA", "IIR", "DTG", "ON", "AT", "IN",
        "TO", "FOR", "BY", "ITEM", "NUMBER", "FAX", "USC", "ARTICLE", "CHAPTER", "RES", "UNSCR",
        "RESOLUTION", "LAW", "DECREE", "ROOM", "DATED", "OR", "AS", "FROM", "ALSO", "SEE", "PL", "HR",
        "THE", "LETTER", "MEETING", "CIRCULAR", "TDX", "TD", "INFO", "ACTION", "NOTAL", "EO", "OADR",
        "FY", "CODEL", "STAFFDEL", "PART", "PARTS", "VOL", "TAB", "ANNEX", "UNGA", "UNSC", "TAGS",
    ]
}
