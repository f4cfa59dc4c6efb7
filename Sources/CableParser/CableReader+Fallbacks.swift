extension CableReader {
    /// The banner that opens the body. Some renderings put a banner-like page header
    /// (`S E C R E T   STATE   00119085`) or an e-mail export's banner above the routing header;
    /// when a routing header (DTG or `FM` line) follows the first candidate, the banner after it wins.
    func findBanner(before limit: Int) -> Banner? {
        guard var banner = Banner.find(in: text, lines: 0..<limit) else { return nil }
        while banner.line + 1 < limit {
            var sawHeader = false
            var line = banner.line + 1
            var next: Banner?
            // A routing header under a page-header banner starts within a few dozen lines.
            let lookahead = min(limit, banner.line + 80)
            while line < lookahead {
                let range = text.trimmed(line)
                if !sawHeader, ByteScan.hasPrefix(text.bytes, range, "FM ") || isDTGLine(range) { sawHeader = true }
                if sawHeader, let candidate = Banner.find(in: text, lines: line..<(line + 1)) {
                    next = candidate
                    break
                }
                line += 1
            }
            guard let next else { break }
            banner = next
        }
        return banner
    }

    private func isDTGLine(_ range: Range<Int>) -> Bool {
        guard (12...30).contains(range.count) else { return false }
        let words = ByteScan.words(text.bytes, range)
        guard words.count >= 3, words.count <= 5 else { return false }
        return DateTimeGroup.find(in: text.bytes, range) != nil && words.first.map { $0.count <= 2 } == true
    }

    /// A repeated cable (`FOLLOWING STATE 127892 DATED 150910Z DEC 09 SENT ACTION RIGA … REPEATED`)
    /// is the original cable; its date is the original DTG, not the repeat's.
    func repeatedCableDTG(from start: Int) -> DateTimeGroup? {
        var line = start
        var seen = 0
        while line < text.lineCount, seen < 8 {
            let range = text.trimmed(line)
            line += 1
            guard !range.isEmpty else { continue }
            seen += 1
            guard ByteScan.hasPrefix(text.bytes, range, "FOLLOWING "),
                  let dated = ByteScan.find(text.bytes, range, " DATED ") else { continue }
            return DateTimeGroup.find(in: text.bytes, dated..<range.upperBound)
        }
        return nil
    }

    /// `ZNY SSSSS ZZH` / `ZNR UUUUU ZZH` in the routing header give the level when no banner does.
    func headerClassification(before limit: Int) -> String? {
        for line in 0..<limit {
            let words = ByteScan.words(text.bytes, text.trimmed(line))
            guard words.count >= 2, ByteScan.hasPrefix(text.bytes, words[0], "ZN"), words[0].count == 3,
                  words[1].count == 5 else { continue }
            switch text.bytes[words[1].lowerBound] {
            case UInt8(ascii: "U"): return "UNCLASSIFIED"
            case UInt8(ascii: "C"): return "CONFIDENTIAL"
            case UInt8(ascii: "S"): return "SECRET"
            default: return nil
            }
        }
        return nil
    }

    /// The highest portion mark (`S` > `C` > `U`/`SBU`), spelled as a classification level.
    static func highestPortionMark(_ paragraphs: [Cable.Paragraph]) -> String? {
        var rank = 0
        for paragraph in paragraphs {
            guard let mark = paragraph.classification?.uppercased() else { continue }
            let level = mark.split(separator: "/").first.map(String.init) ?? mark
            switch level {
            case "TS": rank = max(rank, 4)
            case "S": rank = max(rank, 3)
            case "C": rank = max(rank, 2)
            case "U", "SBU": rank = max(rank, 1)
            default: continue
            }
        }
        return [nil, "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"][rank]
    }
}

extension CableReader {
    /// Some published pages pair one cable's routing header with another cable's body. When the id
    /// the caller gives and the `FM` line name one cable, the banner names another, and the header's
    /// `ZNY CCCCC` level differs from the banner's, the record is the header's cable: its level
    /// comes from the header (the body's caveats belong to the other cable).
    mutating func otherCablesBanner(_ banner: Banner?, routing: RoutingHeader) -> String? {
        guard let banner, let known = knownID.flatMap(Self.split),
              let fromStation = routing.header.from.flatMap({ Self.station(fromAddressee: $0.name) }),
              fromStation == known.station,
              banner.station != known.station || banner.serial != known.serial,
              let level = headerClassification(before: banner.line), level != banner.classification else { return nil }
        warnings.append("classification \(level) taken from the routing header: the banner names another cable")
        return level
    }
}
