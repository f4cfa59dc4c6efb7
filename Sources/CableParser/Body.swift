/// Reads the body: numbered paragraphs, then summary, comments, signature and word count.
///
/// A paragraph runs from its anchor to the next accepted anchor. Anchors must continue the
/// numbering (`n + 1`, or a small jump when the anchor carries a portion mark), so a number at the
/// start of a wrapped line (`¶2006.`, `1. ` in a list) stays inside its paragraph.
struct Body {
    let text: CableText
    let lines: Range<Int>
    let pageBreakStation: String

    var paragraphs: [Cable.Paragraph] = []
    var summary: String?
    var comments: [String] = []
    var signature: String?
    var wordCount = 0
    var warnings: [String] = []

    /// Largest jump in numbering accepted for an anchor that carries a portion mark.
    static let maximumNumberJump = 5

    init(text: CableText, lines: Range<Int>, pageBreakStation: String) {
        self.text = text
        self.lines = lines
        self.pageBreakStation = pageBreakStation
    }

    mutating func read() {
        var current = Cable.Paragraph(number: 0, text: "")
        var pieces: [Range<Int>] = []
        var lastNumber = 0
        let bytes = text.bytes
        for line in lines {
            let range = text.trimmed(line)
            if range.isEmpty {
                if let last = pieces.last, !last.isEmpty { pieces.append(range) }
                continue
            }
            if PageBreak.isPageBreak(bytes, range) { continue }
            if let anchor = ParagraphAnchor.find(bytes, range), accepts(anchor, after: lastNumber) {
                finish(&current, pieces)
                current = Cable.Paragraph(number: anchor.number, classification: anchor.classification, text: "")
                pieces = [anchor.textStart..<range.upperBound]
                lastNumber = anchor.number
                continue
            }
            pieces.append(text.lines[line].lowerBound..<range.upperBound)
        }
        finish(&current, pieces)
        takeSignature()
        readSections()
        for paragraph in paragraphs {
            var text = paragraph.text
            wordCount += text.withUTF8 { Self.countWords($0) }
        }
    }

    private func accepts(_ anchor: ParagraphAnchor, after last: Int) -> Bool {
        if anchor.number == last + 1 { return true }
        // Four-digit numbers are years at a line start unless they continue the numbering exactly.
        if anchor.number >= 1000 { return false }
        return anchor.classification != nil && anchor.number > last && anchor.number <= last + Self.maximumNumberJump
    }

    /// Joins a paragraph's lines (as written, right-trimmed) and stores it unless it is empty.
    private mutating func finish(_ paragraph: inout Cable.Paragraph, _ pieces: [Range<Int>]) {
        var end = pieces.count
        while end > 0, pieces[end - 1].isEmpty { end -= 1 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces[..<end].reduce(0) { $0 + $1.count + 1 })
        for (index, piece) in pieces[..<end].enumerated() {
            if index > 0 { bytes.append(0x0A) }
            bytes.append(contentsOf: text.bytes[piece])
        }
        guard !bytes.isEmpty || paragraph.number > 0 else { return }
        let value = String(decoding: bytes, as: UTF8.self)
        paragraph.text = value
        paragraphs.append(paragraph)
    }

    static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            let blank = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !blank, !inWord { count += 1 }
            inWord = !blank
        }
        return count
    }
}
