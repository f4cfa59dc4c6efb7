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
                pieces.removeAll(keepingCapacity: true)
                pieces.append(anchor.textStart..<range.upperBound)
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
        let length = pieces[..<end].reduce(0) { $0 + $1.count + 1 } - (end > 0 ? 1 : 0)
        guard length > 0 || paragraph.number > 0 else { return }
        // One copy straight into the string's storage.
        let value = text.bytes.withUnsafeBufferPointer { source in
            String(unsafeUninitializedCapacity: max(length, 0)) { target in
                var offset = 0
                for (index, piece) in pieces[..<end].enumerated() {
                    if index > 0 {
                        target[offset] = 0x0A
                        offset += 1
                    }
                    _ = UnsafeMutableBufferPointer(rebasing: target[offset..<(offset + piece.count)])
                        .initialize(from: UnsafeBufferPointer(rebasing: source[piece]))
                    offset += piece.count
                }
                return offset
            }
        }
        paragraph.text = value
        paragraphs.append(paragraph)
    }

    /// Words = runs of bytes above space. Eight bytes at a time: a byte's high bit in
    /// `((x | 0x80…) - 0x21…) | x` is set exactly when the byte is above space, and a word starts
    /// where such a byte follows one that is not.
    static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let high: UInt64 = 0x8080_8080_8080_8080
        var count = 0
        var previous: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let inWord = (((word | high) &- 0x2121_2121_2121_2121) | word) & high
            let before = (inWord << 8) | (previous >> 56)
            count += (inWord & ~before).nonzeroBitCount
            previous = inWord
            index += 8
        }
        var inWord = previous >> 63 == 1
        while index < bytes.count {
            let nonBlank = bytes[index] > 0x20
            if nonBlank, !inWord { count += 1 }
            inWord = nonBlank
            index += 1
        }
        return count
    }
}
