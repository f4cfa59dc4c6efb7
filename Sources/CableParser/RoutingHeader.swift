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
            let first = words[0]
            let restRange = words.count > 1 ? words[1].lowerBound..<range.upperBound : range.upperBound..<range.upperBound
            let indented = ByteScan.isBlank(bytes[text.lines[line].lowerBound])

            if mode == .distribution,
               indented || bytes[first.lowerBound] == UInt8(ascii: "(") || bytes[first.lowerBound] == UInt8(ascii: "/") {
                distribution.append(text.string(range))
                continue
            }
            if header.transmissionId == nil, ByteScan.hasPrefix(bytes, first, "VZCZC") {
                header.transmissionId = text.string(first)
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
            let keyword = Self.keyword(bytes, first)
            let officeCodeFollows = keyword != nil && words.count >= 2 && Self.isOfficeCode(text.string(words[1]))
            switch keyword {
            case .de where words.count >= 2:
                parseDE(text, words)
                mode = .none
                continue
            case .from:
                header.from = restRange.isEmpty ? nil : Self.recipient(bytes, restRange)
                mode = .none
                continue
            case .to:
                mode = .to
                if !restRange.isEmpty { header.to.append(Self.recipient(bytes, restRange)) }
                continue
            case .info where officeCodeFollows, .origin where officeCodeFollows, .action where officeCodeFollows:
                mode = .distribution
                distribution.append(text.string(range))
                continue
            case .info:
                mode = .info
                if !restRange.isEmpty { header.info.append(Self.recipient(bytes, restRange)) }
                continue
            case .xmt:
                mode = .xmt
                if !restRange.isEmpty { header.xmt.append(Self.recipient(bytes, restRange)) }
                continue
            default:
                break
            }
            if ByteScan.hasPrefix(bytes, range, "SOURCE:") {
                header.source = Self.value(bytes, range, after: 7)
                mode = .none
            } else if ByteScan.hasPrefix(bytes, range, "DRAFTED BY:") {
                header.draftedBy = Self.value(bytes, range, after: 11)
                mode = .none
            } else if ByteScan.hasPrefix(bytes, range, "APPROVED BY:") {
                header.approvedBy = Self.value(bytes, range, after: 12)
                mode = .none
            } else {
                switch mode {
                case .to: header.to.append(Self.recipient(bytes, range))
                case .info: header.info.append(Self.recipient(bytes, range))
                case .xmt: header.xmt.append(Self.recipient(bytes, range))
                case .distribution: distribution.append(text.string(range))
                case .none:
                    if precedenceFromLine == nil, header.transmissionId != nil, header.routingIndicator == nil, first.count <= 2 {
                        precedenceFromLine = Self.precedence(text.string(first))
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

    private enum Keyword { case de, from, to, info, xmt, origin, action }

    /// The line's key word, compared on bytes (`FM`, `FROM:`, `TO`, `INFO`, …), any letter case.
    private static func keyword(_ bytes: [UInt8], _ word: Range<Int>) -> Keyword? {
        func equals(_ spelling: StaticString) -> Bool {
            word.count == spelling.utf8CodeUnitCount && ByteScan.hasPrefix(bytes, word, spelling)
        }
        switch word.count {
        case 2: return equals("DE") ? .de : equals("FM") ? .from : equals("TO") ? .to : nil
        case 3: return equals("TO:") ? .to : equals("XMT") ? .xmt : nil
        case 4: return equals("INFO") ? .info : nil
        case 5: return equals("FROM:") ? .from : nil
        case 6: return equals("ORIGIN") ? .origin : equals("ACTION") ? .action : nil
        default: return nil
        }
    }

    private static func value(_ bytes: [UInt8], _ range: Range<Int>, after length: Int) -> String? {
        let value = ByteScan.trim(bytes, (range.lowerBound + length)..<range.upperBound)
        return value.isEmpty ? nil : String(decoding: bytes[value], as: UTF8.self)
    }

    private static let addresseePrecedences: [(StaticString, String)] = [
        ("ROUTINE", "ROUTINE"), ("PRIORITY", "PRIORITY"), ("IMMEDIATE", "IMMEDIATE"), ("FLASH", "FLASH"),
    ]

    /// `RUEHC/SECSTATE WASHDC IMMEDIATE 9079` → routing, name, precedence, MCN.
    static func recipient(_ text: String) -> Cable.Recipient {
        let bytes = Array(text.utf8)
        return recipient(bytes, 0..<bytes.count)
    }

    static func recipient(_ bytes: [UInt8], _ range: Range<Int>) -> Cable.Recipient {
        var words = ByteScan.words(bytes, range)[...]
        var routing: String?
        if let first = words.first, let slash = bytes[first].firstIndex(of: UInt8(ascii: "/")) {
            let prefix = first.lowerBound..<slash
            if (4...8).contains(prefix.count), bytes[prefix].allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
                routing = String(decoding: bytes[prefix], as: UTF8.self)
                if slash + 1 == first.upperBound {
                    words = words.dropFirst()
                } else {
                    words[words.startIndex] = (slash + 1)..<first.upperBound
                }
            }
        }
        var mcn: String?
        if words.count > 1, let last = words.last, bytes[last].allSatisfy(ByteScan.isDigit) {
            mcn = String(decoding: bytes[last], as: UTF8.self)
            words = words.dropLast()
        }
        var precedence: String?
        if words.count > 1, let last = words.last,
           let match = addresseePrecedences.first(where: { last.count == $0.0.utf8CodeUnitCount && ByteScan.hasPrefix(bytes, last, $0.0) }) {
            precedence = match.1
            words = words.dropLast()
            if words.count > 1, let niact = words.last, niact.count == 5, ByteScan.hasPrefix(bytes, niact, "NIACT") {
                precedence = "NIACT " + match.1
                words = words.dropLast()
            }
        }
        let name = words.isEmpty ? "" : String(decoding: bytes[words.first!.lowerBound..<words.last!.upperBound], as: UTF8.self)
        return Cable.Recipient(routing: routing, name: Preamble.squeeze(name), precedence: precedence, mcn: mcn)
    }
}
