/// Parses the routing header: every line above the classification banner.
///
/// The header is a sequence of keyed lines (`VZCZC…`, `DE`, the DTG line, `FM`, `TO`, `INFO`, `XMT`)
/// whose address lists continue on following lines until the next key or a blank line. State
/// Department cables add a distribution block (`ORIGIN`/`ACTION`/`INFO LOG-00 …`) and the
/// `SOURCE:`/`DRAFTED BY:`/`APPROVED BY:` lines; those are kept apart so they are never taken for addressees.
struct RoutingHeader {
    var header = Cable.Header()
    var dtg: DateTimeGroup?

    private enum Mode { case none, to, info, xmt, distribution }

    init(text: CableText, lines: Range<Int>) {
        var mode = Mode.none
        var distribution: [String] = []
        var precedenceFromLine: String?
        for line in lines {
            let range = text.trimmed(line)
            if range.isEmpty {
                if mode != .distribution || !distribution.isEmpty { mode = .none }
                continue
            }
            let bytes = text.bytes
            let words = ByteScan.words(bytes, range)
            let first = text.string(words[0])
            let rest = words.count > 1 ? text.string(words[1].lowerBound..<range.upperBound) : ""
            let indented = ByteScan.isBlank(bytes[text.lines[line].lowerBound])

            if mode == .distribution, indented || first.hasPrefix("(") || first.hasPrefix("/") {
                distribution.append(text.string(range))
                continue
            }
            if header.transmissionId == nil, first.hasPrefix("VZCZC") {
                header.transmissionId = first
                mode = .none
                continue
            }
            if dtg == nil, let group = Self.dtgLine(bytes, range, words) {
                dtg = group.dtg
                header.dtg = group.dtg.text
                header.precedence = group.precedence ?? header.precedence
                mode = .none
                continue
            }
            switch first.uppercased() {
            case "DE" where words.count >= 2:
                parseDE(text, words)
                mode = .none
                continue
            case "FM", "FROM:":
                header.from = rest.isEmpty ? nil : Self.recipient(rest)
                mode = .none
                continue
            case "TO", "TO:":
                mode = .to
                if !rest.isEmpty { header.to.append(Self.recipient(rest)) }
                continue
            case "INFO" where words.count >= 2 && Self.isOfficeCode(text.string(words[1])):
                mode = .distribution
                distribution.append(text.string(range))
                continue
            case "INFO":
                mode = .info
                if !rest.isEmpty { header.info.append(Self.recipient(rest)) }
                continue
            case "XMT":
                mode = .xmt
                if !rest.isEmpty { header.xmt.append(Self.recipient(rest)) }
                continue
            case "ORIGIN" where words.count >= 2 && Self.isOfficeCode(text.string(words[1])),
                 "ACTION" where words.count >= 2 && Self.isOfficeCode(text.string(words[1])):
                mode = .distribution
                distribution.append(text.string(range))
                continue
            default:
                break
            }
            let upperLine = text.string(range).uppercased()
            if upperLine.hasPrefix("SOURCE:") {
                header.source = Self.value(after: "SOURCE:", in: text.string(range))
                mode = .none
            } else if upperLine.hasPrefix("DRAFTED BY:") {
                header.draftedBy = Self.value(after: "DRAFTED BY:", in: text.string(range))
                mode = .none
            } else if upperLine.hasPrefix("APPROVED BY:") {
                header.approvedBy = Self.value(after: "APPROVED BY:", in: text.string(range))
                mode = .none
            } else {
                switch mode {
                case .to: header.to.append(Self.recipient(text.string(range)))
                case .info: header.info.append(Self.recipient(text.string(range)))
                case .xmt: header.xmt.append(Self.recipient(text.string(range)))
                case .distribution: distribution.append(text.string(range))
                case .none:
                    if precedenceFromLine == nil, header.transmissionId != nil, header.routingIndicator == nil {
                        precedenceFromLine = Self.precedence(first)
                    }
                }
            }
        }
        if header.precedence == nil { header.precedence = precedenceFromLine }
        if !distribution.isEmpty { header.distribution = distribution.joined(separator: "\n") }
    }

    /// `DE RUEHTA #3153/01 3231204`.
    private mutating func parseDE(_ text: CableText, _ words: [Range<Int>]) {
        header.routingIndicator = text.string(words[1])
        for word in words.dropFirst(2) {
            let value = text.string(word)
            if value.hasPrefix("#") {
                let number = value.dropFirst().split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
                header.stationId = number.isEmpty ? nil : number
            } else if header.sequence == nil, value.allSatisfy(\.isNumber) {
                header.sequence = value
            }
        }
    }

    /// `R 191204Z NOV 07`, `P R 281848Z DEC 66`, `OO 121212Z JAN 09`: precedence letters, then the DTG.
    private static func dtgLine(
        _ bytes: [UInt8], _ range: Range<Int>, _ words: [Range<Int>]
    ) -> (dtg: DateTimeGroup, precedence: String?)? {
        var index = 0
        var precedence: String?
        while index < words.count, index < 2, words[index].count <= 2,
              let value = Self.precedence(String(decoding: bytes[words[index]], as: UTF8.self)) {
            if precedence == nil { precedence = value }
            index += 1
        }
        guard index < words.count, words[index].count == 7,
              let group = DateTimeGroup.find(in: bytes, words[index].lowerBound..<range.upperBound),
              group.text.utf8.count >= 12 else { return nil }
        return (group, precedence)
    }

    /// R/P/O/Z (also doubled, `RR`, `OO`) → the precedence spelled out.
    static func precedence(_ code: String) -> String? {
        guard let letter = code.first, code.count <= 2, code.allSatisfy({ $0 == letter }) else { return nil }
        switch letter {
        case "R": return "ROUTINE"
        case "P": return "PRIORITY"
        case "O": return "IMMEDIATE"
        case "Z": return "FLASH"
        default: return nil
        }
    }

    /// Office codes of a State distribution block (`LOG-00`, `DS-00`, `AF-00`).
    private static func isOfficeCode(_ word: String) -> Bool {
        guard let dash = word.firstIndex(of: "-") else { return false }
        return !word[..<dash].isEmpty && word[word.index(after: dash)...].allSatisfy(\.isNumber)
            && word.index(after: dash) < word.endIndex
    }

    private static func value(after key: String, in line: String) -> String? {
        let value = line.dropFirst(key.count).trimmingBlanks()
        return value.isEmpty ? nil : value
    }

    private static let addresseePrecedences: Set<String> = ["ROUTINE", "PRIORITY", "IMMEDIATE", "FLASH", "NIACT"]

    /// `RUEHC/SECSTATE WASHDC IMMEDIATE 9079` → routing, name, precedence, MCN.
    static func recipient(_ text: String) -> Cable.Recipient {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var routing: String?
        if let first = words.first, let slash = first.firstIndex(of: "/") {
            let prefix = first[..<slash]
            if (4...8).contains(prefix.count), prefix.allSatisfy({ $0.isUppercase && $0.isLetter }) {
                routing = String(prefix)
                let remainder = String(first[first.index(after: slash)...])
                if remainder.isEmpty { words.removeFirst() } else { words[0] = remainder }
            }
        }
        var mcn: String?
        if words.count > 1, let last = words.last, last.allSatisfy(\.isNumber) {
            mcn = last
            words.removeLast()
        }
        var precedence: String?
        if words.count > 1, let last = words.last, addresseePrecedences.contains(last) {
            precedence = last
            words.removeLast()
            if words.count > 1, words.last == "NIACT" {
                precedence = "NIACT " + last
                words.removeLast()
            }
        }
        return Cable.Recipient(routing: routing, name: words.joined(separator: " "), precedence: precedence, mcn: mcn)
    }
}

extension StringProtocol {
    /// The text without leading and trailing blanks (spaces, tabs, no-break spaces).
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\r" }
        guard let start = firstIndex(where: { !isBlank($0) }),
              let end = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[start...end])
    }
}
