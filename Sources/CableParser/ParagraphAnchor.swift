/// The start of a numbered paragraph: `1. (C)`, `¶2. (C)`, `1.(SBU)`, `3.`, `4) (S/NF)`, `(C) 1.`, `10  (C)`.
struct ParagraphAnchor: Hashable {
    var number: Int
    /// Portion mark without parentheses (`C`, `SBU`, `S/NF`), when present.
    var classification: String?
    /// Where the paragraph's own text starts on the anchor line.
    var textStart: Int

    /// Reads an anchor at the start of `range` (a trimmed line). Numbers of four or more digits
    /// (`¶2006.`, usually a year) are returned too; `Body` only takes them when they continue the numbering.
    static func find(_ bytes: [UInt8], _ range: Range<Int>) -> ParagraphAnchor? {
        var index = range.lowerBound
        let end = range.upperBound
        // `(C) 1. Text`: the portion mark written before the number.
        var leadingMark: String?
        if index < end, bytes[index] == UInt8(ascii: "("), let (mark, after) = portionMark(bytes, index, end) {
            leadingMark = mark
            index = after
            while index < end, ByteScan.isBlank(bytes[index]) { index += 1 }
            guard index < end, ByteScan.isDigit(bytes[index]) else { return nil }
        }
        if index + 1 < end, bytes[index] == 0xC2, bytes[index + 1] == 0xB6 {
            index += 2
            while index < end, ByteScan.isBlank(bytes[index]) { index += 1 }
        }
        let digitsStart = index
        while index < end, ByteScan.isDigit(bytes[index]), index - digitsStart < 6 { index += 1 }
        let digitCount = index - digitsStart
        guard (1...5).contains(digitCount), index < end else { return nil }
        let number = ByteScan.integer(bytes, digitsStart..<index) ?? 0
        guard number > 0 else { return nil }
        if ByteScan.isBlank(bytes[index]), leadingMark == nil {
            // `10  (C) Text`: no full stop, so the portion mark is required.
            while index < end, ByteScan.isBlank(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "("), let (mark, after) = portionMark(bytes, index, end) else {
                return nil
            }
            index = after
            while index < end, ByteScan.isBlank(bytes[index]) { index += 1 }
            return ParagraphAnchor(number: number, classification: mark, textStart: index)
        }
        guard bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") else { return nil }
        index += 1
        // `3.. (SBU)`: a doubled full stop, as typed.
        if index < end, bytes[index] == UInt8(ascii: "."), bytes[index - 1] == UInt8(ascii: ".") { index += 1 }
        // `1.4 million` and `3.5` are numbers in prose, not anchors.
        if index < end, !ByteScan.isBlank(bytes[index]), bytes[index] != UInt8(ascii: "(") { return nil }
        while index < end, ByteScan.isBlank(bytes[index]) { index += 1 }
        var classification = leadingMark
        if classification == nil, index < end, bytes[index] == UInt8(ascii: "("), let (mark, after) = portionMark(bytes, index, end) {
            classification = mark
            index = after
            while index < end, ByteScan.isBlank(bytes[index]) { index += 1 }
        }
        return ParagraphAnchor(number: number, classification: classification, textStart: index)
    }

    /// `(C)`, `(SBU)`, `(S/NF)` at `index`: upper-case letters and slashes, at most nine.
    private static func portionMark(_ bytes: [UInt8], _ index: Int, _ end: Int) -> (String, Int)? {
        var close = index + 1
        while close < end, close - index <= 10, (bytes[close] >= 0x41 && bytes[close] <= 0x5A) || bytes[close] == UInt8(ascii: "/") {
            close += 1
        }
        guard close < end, bytes[close] == UInt8(ascii: ")"), close > index + 1 else { return nil }
        // The level comes first (`S/NF`); `(B)` and `(D)` are reasons or list letters, not marks.
        var levelEnd = index + 1
        while levelEnd < close, bytes[levelEnd] != UInt8(ascii: "/") { levelEnd += 1 }
        guard levels.contains(String(decoding: bytes[(index + 1)..<levelEnd], as: UTF8.self)) else { return nil }
        return (String(decoding: bytes[(index + 1)..<close], as: UTF8.self), close + 1)
    }

    /// Classification levels a portion mark starts with.
    private static let levels: Set<String> = ["U", "C", "S", "TS", "SBU", "LOU", "FOUO", "CUI", "NF", "SNF", "CNF"]
}
