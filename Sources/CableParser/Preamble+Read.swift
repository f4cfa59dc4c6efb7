import Foundation

extension Preamble {
    /// Handling caveats that stand on their own lines under the banner.
    static let caveatWords: Set<String> = [
        "SIPDIS", "NOFORN", "SENSITIVE", "EXDIS", "LIMDIS", "NODIS", "STADIS", "ORCON", "NOCONTRACT",
        "PROPIN", "FGI", "ROGER", "CHEROKEE", "DISSENT", "NOFORN.", "SIPDIS.",
    ]

    /// Caveat lines written as phrases.
    static let caveatPhrases: [String: String] = [
        "SENSITIVE BUT UNCLASSIFIED": "SENSITIVE", "DEA SENSITIVE": "SENSITIVE",
        "NOFORN, NOT FOR INTERNET": "NOFORN", "NOT FOR FOREIGN DISSEMINATION": "NOFORN",
    ]

    /// First words of caveat phrases and marking lines.
    static let caveatLeads: Set<String> = ["SENSITIVE", "DEA", "NOT", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "TOP"]

    private struct OpenField {
        var key: Key
        var pieces: [String]
    }

    mutating func read() {
        var open: OpenField?
        var seenKey = false
        var seenTerminalKey = false
        var lastKeyEnd = lines.lowerBound
        let limit = min(lines.upperBound, lines.lowerBound + Self.searchLines)
        var line = lines.lowerBound
        scan: while line < limit {
            let range = text.trimmed(line)
            defer { line += 1 }
            if range.isEmpty {
                if open?.key == .reference, nextLineStartsWithLabel(after: line, before: limit) { continue }
                if let field = open, continuesAcrossBlank(field, after: line, before: limit) { continue }
                close(&open)
                continue
            }
            if PageBreak.isPageBreak(text.bytes, range) {
                if lastKeyEnd == line { lastKeyEnd = line + 1 }
                continue
            }
            if let anchor = ParagraphAnchor.find(text.bytes, range), anchor.number < 1000,
               open?.key != .reference || !isLabelLine(range) {
                break scan
            }
            if let (key, valueStart) = key(at: range) {
                close(&open)
                seenKey = true
                if key == .subject || key == .classifiedBy { seenTerminalKey = true }
                for (pieceKey, piece) in splitInline(key: key, valueStart..<range.upperBound) {
                    close(&open)
                    open = OpenField(key: pieceKey, pieces: [text.string(piece)])
                    if pieceKey == .subject || pieceKey == .classifiedBy { seenTerminalKey = true }
                }
                lastKeyEnd = line + 1
            } else if let (found, isMarking) = caveatLine(range) {
                for caveat in found where !caveats.contains(caveat) { caveats.append(caveat) }
                // Only the caption block under the banner sets the published classification: a
                // drafter's `SECRET//NOFORN` line or a later `Sensitive but unclassified` note does not.
                if !seenKey, !isMarking {
                    for caveat in found where !captions.contains(caveat) { captions.append(caveat) }
                }
                if open == nil || open?.key == .classifiedBy { close(&open) }
                if !seenKey || lastKeyEnd == line { lastKeyEnd = line + 1 }
            } else if isCorrectedLine(range) {
                corrected = true
                if !seenKey || lastKeyEnd == line { lastKeyEnd = line + 1 }
            } else if let field = open, field.key == .classifiedBy, !continuesClassifiedBy(field, range) {
                // A finished `Classified By` line is followed by body text (`Summary`, `-------`).
                close(&open)
                break scan
            } else if var field = open {
                if field.key == .subject, let (glued, gluedStart) = gluedKey(range) {
                    field.pieces.append(text.string(range.lowerBound..<glued))
                    open = field
                    close(&open)
                    open = OpenField(key: gluedStart.0, pieces: [text.string(gluedStart.1..<range.upperBound)])
                } else {
                    field.pieces.append(text.string(range))
                    open = field
                }
                lastKeyEnd = line + 1
            } else if seenTerminalKey {
                break scan
            }
        }
        close(&open)
        // Lines between the last key and paragraph 1 are unnumbered body text (paragraph 0);
        // addressee lines before the first key are routing, not body.
        bodyStart = lastKeyEnd
        if subject == nil { warnings.append("no SUBJECT line") }
    }

    /// Cuts a keyed value where another key starts inside the same line.
    private func splitInline(key: Key, _ range: Range<Int>) -> [(Key, Range<Int>)] {
        var pieces: [(Key, Range<Int>)] = []
        var currentKey = key
        var start = range.lowerBound
        let followers: [Key]
        switch key {
        case .executiveOrder: followers = [.tags, .subject]
        case .tags: followers = [.subject]
        case .subject: followers = [.reference, .classifiedBy]
        case .reference: followers = [.classifiedBy]
        default: followers = []
        }
        var remaining = followers[...]
        while let next = remaining.first {
            remaining = remaining.dropFirst()
            var hit: (Int, Int)?
            for spelling in next.inlineSpellings {
                // `REF:` may be glued to the subject's last word (`…UK PRIMEREF: A. LONDON 1939`).
                let glues = next == .reference
                if let at = ByteScan.find(text.bytes, start..<range.upperBound, spelling),
                   glues || at == start || ByteScan.isBlank(text.bytes[at - 1]) || text.bytes[at - 1] == UInt8(ascii: ",") {
                    hit = (at, at + spelling.utf8CodeUnitCount)
                    break
                }
            }
            guard let (at, valueStart) = hit else { continue }
            pieces.append((currentKey, start..<at))
            currentKey = next
            start = valueStart
        }
        pieces.append((currentKey, start..<range.upperBound))
        return pieces
    }

    /// A subject line glued to the next field (`…COLLABORATIONREF: A. MADRID 870`).
    private func gluedKey(_ range: Range<Int>) -> (Int, (Key, Int))? {
        for (key, spelling) in [(Key.reference, "REF:" as StaticString), (.classifiedBy, "CLASSIFIED BY:")] {
            if let at = ByteScan.find(text.bytes, range, spelling) {
                return (at, (key, at + spelling.utf8CodeUnitCount))
            }
        }
        return nil
    }

    private mutating func close(_ open: inout OpenField?) {
        guard let field = open else { return }
        open = nil
        // One squeeze trims the pieces and joins their lines with single spaces.
        let value = Self.squeeze(field.pieces.joined(separator: " "))
        switch field.key {
        case .executiveOrder: readExecutiveOrder(value)
        case .tags: tags.append(contentsOf: TagParser.parse(value))
        case .subject:
            if subject == nil, !value.isEmpty { subject = value }
        case .reference:
            references.append(contentsOf: ReferenceParser(cableYear: cableYear).parse(value))
        case .classifiedBy:
            if classifiedBy == nil { classifiedBy = ClassifiedByParser.parse(value) }
        case .declassifyOn:
            if declassifyOn == nil { declassifyOn = value }
        }
    }

    /// Squeezes runs of blanks to one space.
    static func squeeze(_ text: String) -> String {
        var text = text
        return text.withUTF8 { ByteScan.squeezed($0) }
    }

    /// A line of caveats only (`SIPDIS`, `NOFORN`, `SENSITIVE SIPDIS`), or a marking line that
    /// repeats the level (`SECRET//FGI//NOFORN//MR`, `SECRET/NOFORN`, `SECRET NOFORN`): `isMarking`.
    private func caveatLine(_ range: Range<Int>) -> (caveats: [String], isMarking: Bool)? {
        guard range.count <= 60 else { return nil }
        // Caveat lines start with an upper-case letter; most preamble lines can be refused unread.
        guard ByteScan.isLetter(text.bytes[range.lowerBound]) else { return nil }
        // The first word decides: a caveat, a phrase's first word, or a level before its caveats.
        var firstEnd = range.lowerBound
        while firstEnd < range.upperBound, ByteScan.isLetter(text.bytes[firstEnd]) { firstEnd += 1 }
        let first = text.string(range.lowerBound..<firstEnd).uppercased()
        guard Self.caveatWords.contains(first) || Self.caveatLeads.contains(first) else { return nil }
        let line = text.string(range).uppercased()
        if let marked = markingLine(line) { return (marked, true) }
        if let phrase = Self.caveatPhrases.first(where: { line.hasPrefix($0.key) }) { return ([phrase.value], false) }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        guard !words.isEmpty, words.allSatisfy({ Self.caveatWords.contains(String($0)) }) else { return nil }
        return (words.map { $0.hasSuffix(".") ? String($0.dropLast()) : String($0) }, false)
    }

    /// `SECRET//FGI//NOFORN//MR`, `SECRET/NOFORN`, `TOP SECRET NOFORN`: a level, then caveats only.
    private func markingLine(_ line: String) -> [String]? {
        let levels = ["TOP SECRET", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED"]
        guard let level = levels.first(where: { line.hasPrefix($0) }) else { return nil }
        let rest = line.dropFirst(level.count)
        guard let separator = rest.first, separator == "/" || separator == " " else { return nil }
        let parts = rest.split(whereSeparator: { $0 == "/" || $0 == " " || $0 == "\t" }).map(String.init)
        // `//` lines may carry markings we do not list (`MR`, `REL TO USA`); blank-separated ones must be caveats only.
        if line.contains("//") { return parts.filter { Self.caveatWords.contains($0) } }
        guard !parts.isEmpty, parts.allSatisfy({ Self.caveatWords.contains($0) }) else { return nil }
        return parts
    }

    private func isCorrectedLine(_ range: Range<Int>) -> Bool {
        ByteScan.hasPrefix(text.bytes, range, "C O R R E C T E D") || ByteScan.hasPrefix(text.bytes, range, "CORRECTED COPY")
    }

    /// A `Classified By` line continues while its reason is incomplete (`Reasons 1.` / `4 (B)`), or
    /// with the reason's letters (`(B) and (D)`, `nd (D).`).
    private func continuesClassifiedBy(_ field: OpenField, _ range: Range<Int>) -> Bool {
        let sofar = field.pieces.joined(separator: " ")
        let hasSection = ["1.4", "1.5", "1.6", "1.7"].contains { sofar.contains($0) }
        if !hasSection { return !isDashLine(range) }
        let first = text.bytes[range.lowerBound]
        // `(B) and (D)`, `AND (D)`, `nd (D).`, `4 (B)`, `).`: the wrapped rest of the reason.
        return first == UInt8(ascii: "(") || first == UInt8(ascii: ")") || (first >= 0x61 && first <= 0x7A)
            || ByteScan.isDigit(first) || (range.count <= 6 && !isDashLine(range))
            || ByteScan.hasPrefix(text.bytes, range, "AND ") || ByteScan.hasPrefix(text.bytes, range, "& ")
    }

    /// `-------`, `=====`: underlines of headings.
    func isDashLine(_ range: Range<Int>) -> Bool {
        text.bytes[range].allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "=") || ByteScan.isBlank($0) }
    }

    /// Double-spaced renderings put a blank line inside wrapped fields. A `Classified By` line
    /// without its reason yet, or an upper-case subject followed by one short upper-case line,
    /// continues past the blank.
    private func continuesAcrossBlank(_ field: OpenField, after line: Int, before limit: Int) -> Bool {
        var next = line + 1
        while next < limit, text.isBlank(next), next - line < 2 { next += 1 }
        guard next < limit, !text.isBlank(next) else { return false }
        let range = text.trimmed(next)
        guard key(at: range) == nil, ParagraphAnchor.find(text.bytes, range) == nil,
              !PageBreak.isPageBreak(text.bytes, range) else { return false }
        let sofar = field.pieces.joined(separator: " ")
        switch field.key {
        case .classifiedBy:
            return sofar.asciiRange(of: "1.4") == nil && sofar.asciiRange(of: "1.5") == nil && range.count <= 80
        case .subject:
            let value = text.string(range)
            guard value.count <= 60, value == value.uppercased(), sofar == sofar.uppercased() else { return false }
            let after = next + 1
            return after >= limit || text.isBlank(after)
        default:
            return false
        }
    }

    /// A REF item label on its own line start: `B.`, `(B)`, `¶B.`.
    func isLabelLine(_ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        if ByteScan.hasPrefix(text.bytes, range, "\u{B6}") { index += 2 }
        if index < range.upperBound, text.bytes[index] == UInt8(ascii: "(") { index += 1 }
        guard index + 1 < range.upperBound, ByteScan.isLetter(text.bytes[index]) else { return false }
        let next = text.bytes[index + 1]
        return next == UInt8(ascii: ".") || next == UInt8(ascii: ")")
    }

    private func nextLineStartsWithLabel(after line: Int, before limit: Int) -> Bool {
        var next = line + 1
        while next < limit, text.isBlank(next) { next += 1 }
        return next < limit && isLabelLine(text.trimmed(next))
    }
}
