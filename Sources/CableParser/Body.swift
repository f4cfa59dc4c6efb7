/// Reads the body: numbered paragraphs, then summary, comments, signature and word count.
///
/// A paragraph runs from its anchor to the next accepted anchor. Anchors must continue the
/// numbering (`n + 1`, or a small jump when the anchor carries a portion mark), so a number at the
/// start of a wrapped line (`¶2006.`, `1. ` in a list) stays inside its paragraph.
struct Body {
    let text: CableText
    let lines: Range<Int>

    var paragraphs: [Cable.Paragraph] = []
    var summary: String?
    var comments: [String] = []
    var signature: String?
    var wordCount = 0
    var warnings: [String] = []
    /// All paragraph texts joined by blank lines, built as paragraphs are finished: the summary and
    /// comment search and the word count run over it instead of over each string.
    var joined: [UInt8] = []
    /// Where the last paragraph starts in `joined` (the signature is cut from it afterwards).
    var lastParagraphStart = 0

    /// Largest jump in numbering accepted for an anchor that carries a portion mark.
    static let maximumNumberJump = 5

    init(text: CableText, lines: Range<Int>) {
        self.text = text
        self.lines = lines
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
                if anchor.number != lastNumber + 1 {
                    warnings.append("paragraph numbering jumps from \(lastNumber) to \(anchor.number)")
                }
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
        let countBefore = paragraphs.count
        if takeSignature() {
            joined.removeSubrange(lastParagraphStart...)
            if paragraphs.count == countBefore, let last = paragraphs.last { joined.append(contentsOf: last.text.utf8) }
        }
        readSections()
        wordCount = joined.withUnsafeBufferPointer { Self.countWords($0) }
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
        if !joined.isEmpty { joined.append(contentsOf: [0x0A, 0x0A]) }
        let start = joined.count
        text.bytes.withUnsafeBufferPointer { source in
            for (index, piece) in pieces[..<end].enumerated() {
                if index > 0 { joined.append(0x0A) }
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: source[piece]))
            }
        }
        lastParagraphStart = start
        paragraph.text = String(decoding: joined[start...], as: UTF8.self)
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
