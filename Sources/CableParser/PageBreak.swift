/// Page-break lines the telegram printer inserted: `BERN 00000881  002 OF 002`,
/// `MADRID 00001003 001.2 OF 002`, `PAGE 02 HARARE 06677 01 OF 03 291400Z`.
enum PageBreak {
    static func isPageBreak(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.count >= 10, range.count <= 90 else { return false }
        // Cheap filter: upper-case start, digit or `Z` at the end.
        let first = bytes[range.lowerBound], last = bytes[range.upperBound - 1]
        guard first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"),
              ByteScan.isDigit(last) || last == UInt8(ascii: "Z") else { return false }
        var words = ByteScan.words(bytes, range)[...]
        if let first = words.first, ByteScan.hasPrefix(bytes, first, "PAGE"), first.count == 4 {
            words = words.dropFirst()
            guard let number = words.first, number.allSatisfy({ ByteScan.isDigit(bytes[$0]) }) else { return false }
            words = words.dropFirst()
        }
        var stationWords = 0
        while let word = words.first, word.allSatisfy({ ByteScan.isLetter(bytes[$0]) && bytes[$0] < 0x61 }) {
            stationWords += 1
            words = words.dropFirst()
        }
        guard (1...4).contains(stationWords), let serial = words.first,
              serial.count >= 4, serial.allSatisfy({ ByteScan.isDigit(bytes[$0]) }) else { return false }
        words = words.dropFirst()
        guard let part = words.first, part.allSatisfy({ ByteScan.isDigit(bytes[$0]) || bytes[$0] == UInt8(ascii: ".") }) else {
            return false
        }
        words = words.dropFirst()
        guard let of = words.first, of.count == 2, ByteScan.hasPrefix(bytes, of, "OF") else { return false }
        words = words.dropFirst()
        guard let total = words.first, total.allSatisfy({ ByteScan.isDigit(bytes[$0]) }) else { return false }
        words = words.dropFirst()
        // An optional DTG time (`291400Z`) may follow.
        return words.count <= 1
    }
}
