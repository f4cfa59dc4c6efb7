/// The classification banner line that opens the cable body:
/// `C O N F I D E N T I A L SECTION 01 OF 02 MADRID 001003`, `UNCLAS ASTANA 000012`, `S e c r e t state 4`.
///
/// Letter spacing, case and the odd letter lost in the web rendering (`SS E C R E T`, `E C R E T`)
/// all occur, so the banner is matched on the line's letters and digits with blanks squeezed out.
struct Banner: Hashable {
    /// Zero-based line index in the text.
    var line: Int
    /// `UNCLASSIFIED`, `CONFIDENTIAL`, `SECRET`, `TOP SECRET` or `LIMITED OFFICIAL USE`.
    var classification: String
    /// Control markings written into the banner itself (`SECRET//NOFORN` → `NOFORN`).
    var markings: [String]
    var section: Cable.Section?
    /// Canonical station (`MADRID`, `RIODEJANEIRO`); `nil` when redacted (`XXXXXXXXXXXX`).
    var station: String?
    var serial: Int
    /// The station as written (`TEL AVIV`, `ankara`), for display names.
    var stationSpelling: String?

    private static let maximumLength = 160

    /// Searches `lines` for the first banner line.
    static func find(in text: CableText, lines: Range<Int>) -> Banner? {
        var compact: [UInt8] = []
        compact.reserveCapacity(maximumLength)
        for line in lines {
            var range = text.trimmed(line)
            // Caveats may trail the serial on the banner line (`S E C R E T BOGOTA 000243 SIPDIS NOFORN`).
            var trailing: [String] = []
            if range.count >= 8, !ByteScan.isDigit(text.bytes[range.upperBound - 1]) {
                let words = ByteScan.words(text.bytes, range)
                var keep = words.count
                while keep > 1, Preamble.caveatWords.contains(text.string(words[keep - 1]).uppercased()) { keep -= 1 }
                if keep < words.count, keep > 0 {
                    trailing = words[keep...].map { text.string($0).uppercased() }
                    range = range.lowerBound..<words[keep - 1].upperBound
                }
            }
            guard range.count >= 8, range.count <= maximumLength,
                  ByteScan.isDigit(text.bytes[range.upperBound - 1]),
                  lastWordIsNumber(text.bytes, range) else { continue }
            compact.removeAll(keepingCapacity: true)
            for index in range {
                let byte = text.bytes[index]
                if ByteScan.isLetter(byte) || ByteScan.isDigit(byte) || byte == UInt8(ascii: "/") {
                    compact.append(ByteScan.upper(byte))
                }
            }
            if var banner = match(compact, line: line) {
                banner.stationSpelling = spelling(text, range)
                banner.markings += trailing.filter { !banner.markings.contains($0) }
                return banner
            }
        }
        return nil
    }

    /// The letter-only words just before the serial (`TEL AVIV` in `… 01 OF 02 TEL AVIV 001234`).
    private static func spelling(_ text: CableText, _ range: Range<Int>) -> String? {
        let levelWords: Set<String> = ["UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "EFTO", "SECTION"]
        var words: [String] = []
        for word in ByteScan.words(text.bytes, range).dropLast().reversed() {
            let value = text.string(word)
            guard value.count >= 2, words.count < 4, value.allSatisfy(\.isLetter),
                  !levelWords.contains(value.uppercased()) else { break }
            words.insert(value, at: 0)
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// The serial stands apart from the station (`PTQ1859` page ids glue them and are no banner).
    private static func lastWordIsNumber(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var index = range.upperBound
        while index > range.lowerBound, ByteScan.isDigit(bytes[index - 1]) { index -= 1 }
        return index > range.lowerBound && ByteScan.isBlank(bytes[index - 1])
    }

    private static let keywords: [(word: [UInt8], classification: String, maxPrefix: Int)] = [
        (Array("TOPSECRET".utf8), "TOP SECRET", 1),
        (Array("ECRET".utf8), "SECRET", 3),
        (Array("DENTIAL".utf8), "CONFIDENTIAL", 6),
        (Array("UNCLASSIFIED".utf8), "UNCLASSIFIED", 1),
        (Array("UNCLAS".utf8), "UNCLASSIFIED", 1),
        (Array("LIMITEDOFFICIALUSE".utf8), "LIMITED OFFICIAL USE", 0),
    ]

    private static let bannerMarkings: [[UInt8]] = [
        "NOFORN", "NF", "SBU", "FOUO", "ORCON", "EXDIS", "NODIS", "LIMDIS", "STADIS", "SIPDIS", "FGI",
        "MR", "RELTOUSA", "REL",
    ].map { Array($0.utf8) }

    static func match(_ compact: [UInt8], line: Int) -> Banner? {
        var found: (end: Int, classification: String)?
        for keyword in keywords {
            let limit = min(keyword.maxPrefix, compact.count - keyword.word.count)
            guard limit >= 0 else { continue }
            for offset in 0...limit where starts(compact, at: offset, with: keyword.word) {
                // The prefix may only hold letters lost or doubled from the spaced word.
                if compact[0..<offset].allSatisfy({ ByteScan.isLetter($0) }) {
                    found = (offset + keyword.word.count, keyword.classification)
                    break
                }
            }
            if found != nil { break }
        }
        guard var (index, classification) = found else { return nil }
        if classification == "UNCLASSIFIED", starts(compact, at: index, with: Array("EFTO".utf8)) { index += 4 }
        if classification == "SECRET", index <= 6, compact.starts(with: Array("TOPS".utf8)) {
            classification = "TOP SECRET"
        }
        var markings: [String] = []
        while index < compact.count, compact[index] == UInt8(ascii: "/") {
            while index < compact.count, compact[index] == UInt8(ascii: "/") { index += 1 }
            guard let marking = bannerMarkings.first(where: { starts(compact, at: index, with: $0) }) else { break }
            markings.append(String(decoding: marking, as: UTF8.self))
            index += marking.count
        }
        var section: Cable.Section?
        if starts(compact, at: index, with: Array("SECTION".utf8)) {
            var cursor = index + 7
            guard let number = digits(compact, &cursor), starts(compact, at: cursor, with: [0x4F, 0x46]) else {
                return nil
            }
            cursor += 2
            guard let total = digits(compact, &cursor) else { return nil }
            section = Cable.Section(number: number, of: total)
            index = cursor
        }
        let stationStart = index
        while index < compact.count, ByteScan.isLetter(compact[index]) { index += 1 }
        let stationBytes = compact[stationStart..<index]
        guard stationBytes.count >= 2 else { return nil }
        var cursor = index
        guard let serial = digits(compact, &cursor), cursor == compact.count else { return nil }
        let stationName = String(decoding: stationBytes, as: UTF8.self)
        let redacted = stationBytes.allSatisfy { $0 == UInt8(ascii: "X") }
        return Banner(
            line: line, classification: classification, markings: markings, section: section,
            station: redacted ? nil : CableID.canonicalStation(stationName), serial: serial
        )
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with word: [UInt8]) -> Bool {
        guard index + word.count <= bytes.count else { return false }
        for offset in 0..<word.count where bytes[index + offset] != word[offset] { return false }
        return true
    }

    private static func digits(_ bytes: [UInt8], _ index: inout Int) -> Int? {
        let start = index
        while index < bytes.count, ByteScan.isDigit(bytes[index]), index - start < 9 { index += 1 }
        guard index > start else { return nil }
        var value = 0
        for position in start..<index { value = value * 10 + Int(bytes[position] &- 0x30) }
        return value
    }
}
