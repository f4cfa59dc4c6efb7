extension Body {
    /// The signer's surname(s) on the last line (`Ordway`), or glued to the last sentence of a
    /// paragraph reflowed onto one line (`… trips to Madrid. CHACON`). Removed from the paragraph;
    /// telegram trailers after it (`NNNN`, `End Cable Text`, `...`) are skipped but kept.
    /// Returns whether the last paragraph's text changed.
    @discardableResult
    mutating func takeSignature() -> Bool {
        guard var last = paragraphs.popLast() else { return false }
        defer { if !last.text.isEmpty || last.number > 0 { paragraphs.append(last) } }
        let bytes = Array(last.text.utf8)
        var line = Self.lastLine(bytes, before: bytes.count)
        while !line.isEmpty || line.lowerBound > 0, Self.isTrailer(bytes, line) {
            guard line.lowerBound > 0 else { return false }
            line = Self.lastLine(bytes, before: line.lowerBound - 1)
        }
        guard !line.isEmpty else { return false }
        // Only the line's tail can hold a name: long reflowed lines are cut to their last words.
        let final = String(decoding: bytes[max(line.lowerBound, line.upperBound - 80)..<line.upperBound], as: UTF8.self)
            .trimmingBlanks()
        if line.count <= 48, line.lowerBound > 0 || last.number == 0, let name = Self.signature(final) {
            signature = name
            var kept = Array(bytes[..<line.lowerBound])
            if line.upperBound < bytes.count { kept.append(contentsOf: bytes[(line.upperBound + 1)...]) }
            while let tail = kept.last, tail == 0x0A || ByteScan.isBlank(tail) { kept.removeLast() }
            last.text = String(decoding: kept, as: UTF8.self)
            return true
        }
        // Reflowed: `… sentence. NAME` at the end of the paragraph's last line.
        let words = final.split(separator: " ")
        for count in [1, 2] where words.count > count {
            let candidate = words.suffix(count).joined(separator: " ")
            let before = words[words.count - count - 1]
            guard let mark = before.last, ".!?\"".contains(mark), candidate == candidate.uppercased(),
                  candidate.count >= 4, TagCatalogue.shared.lookup(candidate) == nil,
                  let name = Self.signature(candidate) else { continue }
            signature = name
            var cut = line.upperBound
            for _ in 0..<count {
                while cut > line.lowerBound, ByteScan.isBlank(bytes[cut - 1]) { cut -= 1 }
                while cut > line.lowerBound, !ByteScan.isBlank(bytes[cut - 1]) { cut -= 1 }
            }
            while cut > line.lowerBound, ByteScan.isBlank(bytes[cut - 1]) { cut -= 1 }
            var kept = Array(bytes[..<cut])
            kept.append(contentsOf: bytes[line.upperBound...])
            last.text = String(decoding: kept, as: UTF8.self)
            return true
        }
        return false
    }

    /// The line that ends at `end` (exclusive), without its line break.
    private static func lastLine(_ bytes: [UInt8], before end: Int) -> Range<Int> {
        var start = end
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        return start..<end
    }

    /// Lines after the signer that belong to the transmission, not the text: blank, punctuation
    /// only, `NNNN`, `End Cable Text`, `BT`, `#3153`, a repeated classification (`CONFIDENTIAL`,
    /// `2004CARACA02200 - CONFIDENTIAL`) or a redaction (`XXXXXXXXXXXX`).
    static func isTrailer(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        let range = ByteScan.trim(bytes, line)
        if range.isEmpty { return true }
        if bytes[range].allSatisfy({ $0 < 0x80 && !ByteScan.isLetter($0) && !ByteScan.isDigit($0) }) { return true }
        guard range.count <= 60 else { return false }
        if bytes[range.lowerBound] == UInt8(ascii: "#") {
            return bytes[range].dropFirst().allSatisfy { ByteScan.isDigit($0) || $0 == UInt8(ascii: "/") }
        }
        if range.count >= 3, bytes[range].allSatisfy({ $0 == UInt8(ascii: "X") || $0 == UInt8(ascii: "x") }) { return true }
        var words = String(decoding: bytes[range], as: UTF8.self).uppercased()
            .split(separator: " ").map { $0.hasSuffix(".") ? $0.dropLast() : $0 }
        words.removeAll { $0 == "NNNN" }
        if words.isEmpty || ["END CABLE TEXT", "END OF MESSAGE", "BT"].contains(words.joined(separator: " ")) { return true }
        return isClassificationLine(bytes, range)
    }

    /// `CONFIDENTIAL`, `C O N F I D E N T I A L`, `SECRET//NOFORN`, and the cables.csv record's
    /// `2004CARACA02200 - CONFIDENTIAL`.
    private static func isClassificationLine(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var start = range.lowerBound
        // A record id with digits, then a dash: skip both.
        if let dash = bytes[range].firstIndex(of: UInt8(ascii: "-")),
           bytes[range.lowerBound..<dash].contains(where: ByteScan.isDigit) {
            start = dash + 1
        }
        var compact: [UInt8] = []
        for byte in bytes[start..<range.upperBound] where !ByteScan.isBlank(byte) {
            guard ByteScan.isLetter(byte) || byte == UInt8(ascii: "/") else { return false }
            compact.append(ByteScan.upper(byte))
        }
        for level in classificationWords where compact.starts(with: level) {
            return compact.count == level.count || compact[level.count] == UInt8(ascii: "/")
        }
        return false
    }

    private static let classificationWords: [[UInt8]] = [
        "UNCLASSIFIED", "UNCLAS", "CONFIDENTIAL", "SECRET", "TOPSECRET", "LIMITEDOFFICIALUSE",
    ].map { Array($0.utf8) }

    /// The signer's name(s) in `text`, or `nil` when it is not one to three capitalised names.
    /// `SHANNON SHANNON` and `CLINTON UNQUOTE CLINTON` (repeated cables) give one name; a redacted
    /// word (`XXXXXXXXXXX STEPHENS`) is no part of it.
    static func signature(_ text: String) -> String? {
        var value = text
        while value.hasSuffix(" .") || value.hasSuffix(".") && value.count > 1 && value.dropLast().last == " " {
            value = String(value.dropLast()).trimmingBlanks()
        }
        var names: [Substring] = []
        for word in value.split(separator: " ") {
            if markerWords.contains(word.uppercased()) { continue }
            if word.count >= 3, word.allSatisfy({ $0 == "X" || $0 == "x" }) { continue }
            if names.contains(where: { $0.uppercased() == word.uppercased() }) { continue }
            names.append(word)
        }
        let joined = names.joined(separator: " ")
        return isSignature(joined) ? joined : nil
    }

    private static let markerWords: Set<String> = ["QUOTE", "UNQUOTE", "MINIMIZE", "CONSIDERED"]

    /// Words that end a cable or mark it, never a signer's name.
    private static let notNames: Set<String> = [
        "END", "NOTE", "SUMMARY", "COMMENT", "SIPDIS", "NOFORN", "NNNN", "BT", "SENSITIVE",
        "UNCLASSIFIED", "UNCLAS", "CONFIDENTIAL", "SECRET", "TEXT",
    ]

    /// One to three capitalised name words, nothing else (`Ordway`, `SACCIO`, `RICE`, `Van Voorst`).
    /// A long word ending in a full stop ends a sentence (`ASSISTANCE.`); initials and `Jr.` may.
    static func isSignature(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...3).contains(words.count), text.count <= 40, !text.contains("..") else { return false }
        return words.allSatisfy { word in
            guard let first = word.first, first.isUppercase, word.count >= 2 else { return false }
            if word.hasSuffix("."), word.count > 3 { return false }
            return word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "." }
        } && !words.contains { notNames.contains($0.uppercased()) }
    }

    /// SUMMARY … END SUMMARY and COMMENT … END COMMENT, searched over the paragraphs' text.
    mutating func readSections() {
        let markers = SectionMarkers(joined)
        summary = Self.section(in: joined, markers.summary, startLength: 7, limit: 1).first
        comments = Self.section(in: joined, markers.comment, startLength: 7)
    }

    /// Every `START[:.-] … END START` section in `bytes`, given the positions of the marker word
    /// (`SUMMARY` or `COMMENT`); a start without an end runs to the end of its paragraph.
    static func section(in bytes: [UInt8], _ positions: [Int], startLength: Int, limit: Int = .max) -> [String] {
        var results: [String] = []
        var index = 0
        let count = bytes.count
        // The next end marker is found by a cursor over the same positions: linear overall.
        var closingCursor = 0
        for hit in positions where hit >= index {
            guard results.count < limit else { break }
            index = hit + startLength
            guard isMarkerStart(bytes, hit), let valueStart = markerValueStart(bytes, index) else { continue }
            while closingCursor < positions.count,
                  positions[closingCursor] < valueStart || !isEndMarker(bytes, positions[closingCursor]) {
                closingCursor += 1
            }
            let closing = closingCursor < positions.count ? positions[closingCursor] - 4 : nil
            let paragraphEnd = find(bytes, [0x0A, 0x0A], from: valueStart) ?? count
            let valueEnd = closing ?? paragraphEnd
            let value = String(decoding: bytes[valueStart..<max(valueStart, valueEnd)], as: UTF8.self)
                .trimmingBlanks().trimmingTrailing("(- \n").trimmingBlanks()
            if !value.isEmpty { results.append(Preamble.squeeze(value)) }
            index = closing.map { $0 + 4 + startLength } ?? valueEnd
        }
        return results
    }

    /// `END ` (any case) right before the marker word at `position`.
    private static func isEndMarker(_ bytes: [UInt8], _ position: Int) -> Bool {
        position >= 4 && bytes[position - 1] == ByteScan.space && ByteScan.hasPrefix(bytes, (position - 4)..<(position - 1), "END")
    }

    /// The marker must open a sentence (paragraph start, after `(`, `.`, `:`, `--`); never `END SUMMARY`
    /// or `SUMMARY AND COMMENT`'s second half.
    private static func isMarkerStart(_ bytes: [UInt8], _ at: Int) -> Bool {
        var index = at
        while index > 0, ByteScan.isBlank(bytes[index - 1]) { index -= 1 }
        if index >= 3, ByteScan.hasPrefix(bytes, (index - 3)..<index, "END") { return false }
        if index >= 3, ByteScan.hasPrefix(bytes, (index - 3)..<index, "AND") { return false }
        guard index > 0 else { return true }
        let opener: Set<UInt8> = [0x0A, 0x28, 0x2E, 0x3A, 0x29, 0x21, 0x3F, 0x2D, 0x22]
        return opener.contains(bytes[index - 1])
    }

    /// After `SUMMARY` comes `:`, `.`, `-`, `AND COMMENT:`; returns where the section's text begins.
    private static func markerValueStart(_ bytes: [UInt8], _ from: Int) -> Int? {
        var index = from
        if index + 12 <= bytes.count, ByteScan.hasPrefix(bytes, index..<bytes.count, " AND COMMENT") { index += 12 }
        guard index < bytes.count else { return nil }
        if let start = headingValueStart(bytes, wordStart: from - 7, restOfLine: index) { return start }
        // `Summary and Key Points.`, `Summary/Introduction.`: a short title tail before the colon or stop.
        if bytes[index] == ByteScan.space || bytes[index] == UInt8(ascii: "/") {
            var cursor = index
            while cursor < bytes.count, cursor - index < 30,
                  ByteScan.isLetter(bytes[cursor]) || bytes[cursor] == ByteScan.space || bytes[cursor] == UInt8(ascii: "/") {
                cursor += 1
            }
            let tail = index..<cursor
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") || bytes[cursor] == UInt8(ascii: "."),
               bytes[index] == UInt8(ascii: "/") || ByteScan.hasPrefix(bytes, tail, " AND ") {
                index = cursor
            }
        }
        let next = bytes[index]
        guard next == UInt8(ascii: ":") || next == UInt8(ascii: ".") || next == UInt8(ascii: "-")
            || next == UInt8(ascii: ")") else { return nil }
        index += 1
        while index < bytes.count, ByteScan.isBlank(bytes[index]) || bytes[index] == UInt8(ascii: "-") { index += 1 }
        return index
    }

    /// A heading line (`SUMMARY`, `Summary and Key Themes`, underlined with dashes or not) at a line
    /// start: the section's text starts at the next line with words.
    private static func headingValueStart(_ bytes: [UInt8], wordStart: Int, restOfLine: Int) -> Int? {
        // Only dashes and blanks may stand before the word on its line (`------- Summary -------`).
        var lineStart = wordStart
        while lineStart > 0, bytes[lineStart - 1] == ByteScan.space || bytes[lineStart - 1] == UInt8(ascii: "-") { lineStart -= 1 }
        guard lineStart == 0 || bytes[lineStart - 1] == 0x0A else { return nil }
        var index = restOfLine
        var length = 0
        while index < bytes.count, bytes[index] != 0x0A {
            let byte = bytes[index]
            // A heading has no sentence punctuation and stays short.
            guard byte != UInt8(ascii: "."), byte != UInt8(ascii: ":"), length < 40 else { return nil }
            index += 1
            length += 1
        }
        // Skip the underline, blank lines and paragraph joins up to the first line with words.
        while index < bytes.count,
              bytes[index] == 0x0A || ByteScan.isBlank(bytes[index]) || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "=") {
            index += 1
        }
        return index < bytes.count ? index : nil
    }

    private static func find(_ bytes: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        var index = from
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index + 1] == needle[1] { return index }
            index += 1
        }
        return nil
    }
}
