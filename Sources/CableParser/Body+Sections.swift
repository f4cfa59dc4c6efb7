extension Body {
    /// The signer's surname(s) on the last line (`Ordway`), or glued to the last sentence of a
    /// paragraph reflowed onto one line (`… trips to Madrid. CHACON`). Removed from the paragraph.
    mutating func takeSignature() {
        guard var last = paragraphs.popLast() else { return }
        defer { if !last.text.isEmpty || last.number > 0 { paragraphs.append(last) } }
        var lines = last.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let final = lines.last?.trimmingBlanks(), !final.isEmpty else { return }
        if Self.isSignature(final), lines.count > 1 || last.number == 0 {
            signature = final
            lines.removeLast()
            while let tail = lines.last, tail.trimmingBlanks().isEmpty { lines.removeLast() }
            // `GP-3` (a 1960s declassification group) sits just above the signer.
            last.text = lines.joined(separator: "\n")
            return
        }
        // Reflowed: `… sentence. NAME` at the end of the paragraph's last line.
        let words = final.split(separator: " ")
        for count in [1, 2] where words.count > count + 3 {
            let candidate = words.suffix(count).joined(separator: " ")
            let before = words[words.count - count - 1]
            guard let mark = before.last, ".!?\")".contains(mark), Self.isSignature(candidate),
                  candidate == candidate.uppercased() else { continue }
            signature = candidate
            let kept = words.dropLast(count).joined(separator: " ")
            lines[lines.count - 1] = Substring(kept)
            last.text = lines.joined(separator: "\n")
            return
        }
    }

    /// One to three capitalised name words, nothing else (`Ordway`, `SACCIO`, `RICE`, `Van Voorst`).
    static func isSignature(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...3).contains(words.count), text.count <= 40 else { return false }
        return words.allSatisfy { word in
            guard let first = word.first, first.isUppercase, word.count >= 2 else { return false }
            return word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "." }
        } && !words.contains { ["END", "NOTE", "SUMMARY", "COMMENT", "SIPDIS", "NOFORN"].contains($0.uppercased()) }
    }

    /// SUMMARY … END SUMMARY and COMMENT … END COMMENT, searched over the paragraphs' text.
    mutating func readSections() {
        var joined: [UInt8] = []
        for paragraph in paragraphs {
            if !joined.isEmpty { joined.append(contentsOf: [0x0A, 0x0A]) }
            joined.append(contentsOf: paragraph.text.utf8)
        }
        summary = Self.section(in: joined, start: "SUMMARY", end: "END SUMMARY").first
        comments = Self.section(in: joined, start: "COMMENT", end: "END COMMENT")
    }

    /// Every `START[:.-] … END` section in `bytes`; a start marker without an end runs to the end
    /// of its paragraph. The whole search is one pass.
    static func section(in bytes: [UInt8], start: StaticString, end: StaticString) -> [String] {
        var results: [String] = []
        var index = 0
        let count = bytes.count
        let startLength = start.utf8CodeUnitCount
        while index < count, let hit = ByteScan.find(bytes, index..<count, start) {
            index = hit + startLength
            guard isMarkerStart(bytes, hit), let valueStart = markerValueStart(bytes, index) else { continue }
            let closing = ByteScan.find(bytes, valueStart..<count, end)
            let paragraphEnd = find(bytes, [0x0A, 0x0A], from: valueStart) ?? count
            let valueEnd = closing.map { min($0, paragraphEnd) == $0 ? $0 : paragraphEnd } ?? paragraphEnd
            let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                .trimmingBlanks().trimmingTrailing("(-.").trimmingBlanks()
            if !value.isEmpty { results.append(Preamble.squeeze(value.replacingNewlines())) }
            index = closing.map { $0 + end.utf8CodeUnitCount } ?? valueEnd
        }
        return results
    }

    /// The marker must open a sentence: line start, or after `(`, `.`, blank; never `END SUMMARY`.
    private static func isMarkerStart(_ bytes: [UInt8], _ at: Int) -> Bool {
        if at >= 4, ByteScan.upper(bytes[at - 4]) == UInt8(ascii: "E"), ByteScan.upper(bytes[at - 3]) == UInt8(ascii: "N"),
           ByteScan.upper(bytes[at - 2]) == UInt8(ascii: "D"), bytes[at - 1] == UInt8(ascii: " ") { return false }
        if at >= 4, ByteScan.find(bytes, (at - 4)..<at, "AND ") != nil { return false }
        guard at > 0 else { return true }
        let before = bytes[at - 1]
        guard before == 0x0A || before == UInt8(ascii: "(") || before == UInt8(ascii: " ") else { return false }
        // Upper-case marker only: `summary` in prose is a word, not a section.
        return ByteScan.isLetter(bytes[at + 1]) && bytes[at + 1] < 0x61
    }

    /// After `SUMMARY` comes `:`, `.`, `-`, `AND COMMENT:`; returns where the section's text begins.
    private static func markerValueStart(_ bytes: [UInt8], _ from: Int) -> Int? {
        var index = from
        if index + 12 <= bytes.count, ByteScan.hasPrefix(bytes, index..<bytes.count, " AND COMMENT") { index += 12 }
        guard index < bytes.count else { return nil }
        let next = bytes[index]
        guard next == UInt8(ascii: ":") || next == UInt8(ascii: ".") || next == UInt8(ascii: "-")
            || next == UInt8(ascii: ")") else { return nil }
        index += 1
        while index < bytes.count, ByteScan.isBlank(bytes[index]) || bytes[index] == UInt8(ascii: "-") { index += 1 }
        return index
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

extension StringProtocol {
    func trimmingTrailing(_ characters: String) -> String {
        var value = String(self)
        while let last = value.last, characters.contains(last) { value.removeLast() }
        return value
    }

    func replacingNewlines() -> String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
