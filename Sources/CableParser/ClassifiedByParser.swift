/// Splits the `Classified By:` line into name, title, office and normalised reasons.
enum ClassifiedByParser {
    static func parse(_ raw: String) -> Cable.ClassifiedBy {
        let text = Preamble.squeeze(raw)
        var head = Substring(text)
        var reasonsText = Substring("")
        if let range = text.asciiRange(of: "REASON") ?? text.asciiRange(of: "1.4") {
            head = text[..<range.lowerBound]
            reasonsText = text[range.lowerBound...]
        }
        head = Substring(head.trimmingBlanks())
        for lead in ["classified by", "by:"] where String(head.prefix(lead.count)).lowercased() == lead {
            head = Substring(head.dropFirst(lead.count).trimmingBlanks())
        }
        while let last = head.last, last == "," || last == "." || last == ";" || last == " " { head = head.dropLast() }
        let tail = String(head.suffix(4)).lowercased()
        if tail == " for" || tail == ",for" { head = head.dropLast(4) }
        head = Substring(head.trimmingBlanks())
        while let last = head.last, last == "," || last == "." || last == ";" { head = head.dropLast() }

        var name: String?, title: String?, office: String?
        var parts = head.split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        // `Robert O. Blake, Jr.`: the suffix belongs to the name, not the title.
        if parts.count >= 2, nameSuffixes.contains(parts[1].uppercased()) {
            parts[0] += ", " + parts.remove(at: 1)
        }
        if String(head.prefix(12)).lowercased() == "derived from" {
            title = String(head)
        } else if parts.count >= 2 {
            // `Name, Title, Office` (the 2000s template) or `Title Name, Office`.
            name = parts[0]
            title = parts[1]
            office = parts.count > 2 ? parts[2...].joined(separator: ", ") : nil
        } else if let only = parts.first {
            (title, name) = splitTitle(only)
        }
        return Cable.ClassifiedBy(name: name, title: title, office: office, reasons: reasons(reasonsText), text: text)
    }

    /// Words of office titles; a signer's name is the run of other words at the end.
    private static let titleWords: Set<String> = [
        "AMBASSADOR", "AMB", "AMB.", "DCM", "CHARGE", "CHARGE'", "D'AFFAIRES", "CDA", "A/DCM", "CHIEF", "COUNSELOR",
        "COUNSELLOR", "MINISTER", "OFFICER", "CONSUL", "GENERAL", "DEPUTY", "ACTING", "POLITICAL", "ECONOMIC",
        "MISSION", "OF", "THE", "SECRETARY", "DIRECTOR", "ASSISTANT", "PRINCIPAL", "POLOFF", "ECONOFF",
        "POLCOUNS", "ECONCOUNS", "SECTION", "HEAD", "AND", "FOR", "PERMANENT", "REPRESENTATIVE", "SENIOR",
        "ADVISOR", "ADVISER", "COORDINATOR", "OFFICE", "AFFAIRS", "PUBLIC", "MANAGEMENT", "REGIONAL",
        "SECURITY", "DEFENSE", "ATTACHE", "LEGAL", "BUREAU", "DAS", "A/S", "PDAS", "U/S", "INTERIM",
        "POL/ECON", "POL/MIL", "POLMILOFF", "POL", "ECON", "CG", "CONSUL-GENERAL", "MINISTER-COUNSELOR",
        "EXECUTIVE", "CHARGÉ", "SPECIAL", "ENVOY", "ECONOMICS", "POLITICS", "EMBASSY", "CONSULATE",
        "POLMINCOUNS", "ECONMINCOUNS", "POLMC", "ECOPOL", "POLAD", "CONGEN",
    ]

    /// `Ambassador John Ordway` → (`Ambassador`, `John Ordway`); `POL/ECON CHIEF STEVE FAGIN` → (`POL/ECON CHIEF`, `STEVE FAGIN`).
    static func splitTitle(_ text: String) -> (title: String?, name: String?) {
        // Split on bytes: short words stay inline strings, no grapheme breaking.
        let words = text.utf8.split(separator: ByteScan.space).map { String(Substring($0)) }
        var nameStart = words.count
        while nameStart > 0, words.count - nameStart < 4 {
            let word = words[nameStart - 1]
            guard !word.utf8.contains(UInt8(ascii: "/")), let first = word.unicodeScalars.first,
                  first.properties.isUppercase, !titleWords.contains(word.uppercased()) else { break }
            nameStart -= 1
        }
        // `Political MC Susan M. Elliott`: a rank abbreviation in capitals before a name written in
        // mixed case is part of the title (`MC`, `M-C`, `DCM`).
        let mixedCase = words[nameStart...].contains { $0.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } }
        while mixedCase, nameStart < words.count - 1, isRankAbbreviation(words[nameStart]) {
            nameStart += 1
        }
        guard nameStart > 0, nameStart < words.count else { return (text, nil) }
        return (words[..<nameStart].joined(separator: " "), words[nameStart...].joined(separator: " "))
    }

    /// `MC`, `M-C`, `DCM`, `SCA`: two to four capitals, a hyphen allowed.
    private static func isRankAbbreviation(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard (2...4).contains(bytes.count) else { return false }
        return bytes.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || $0 == UInt8(ascii: "-") }
            && bytes.filter { $0 != UInt8(ascii: "-") }.count >= 2
    }

    private static let nameSuffixes: Set<String> = ["JR", "JR.", "SR", "SR.", "II", "III", "IV"]

    /// `1.4 (B) and (D)`, `1.4(b),(d)`, `1.4 B/D`, `1.5 (d)` → `["1.4(b)", "1.4(d)"]`.
    static func reasons<S: StringProtocol>(_ text: S) -> [String] {
        let bytes = Array(text.utf8)
        let count = bytes.count
        var result: [String] = []
        var index = 0
        var section: String?
        while index < count {
            let byte = bytes[index]
            if ByteScan.isDigit(byte), index + 2 < count, bytes[index + 1] == UInt8(ascii: "."), ByteScan.isDigit(bytes[index + 2]) {
                var end = index + 2
                while end < count, ByteScan.isDigit(bytes[end]) { end += 1 }
                section = String(decoding: bytes[index..<end], as: UTF8.self)
                index = end
                continue
            }
            let lower = ByteScan.isLetter(byte) ? byte | 0x20 : byte
            let alone = (index == 0 || !ByteScan.isLetter(bytes[index - 1])) && (index + 1 == count || !ByteScan.isLetter(bytes[index + 1]))
            if let current = section, lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "h"), alone {
                let value = "\(current)(\(Character(Unicode.Scalar(lower))))"
                if !result.contains(value) { result.append(value) }
            } else if section != nil, ByteScan.isLetter(byte), !alone {
                // A word: skip it whole (`and`, `reasons`); lone letters are the reasons.
                while index < count, ByteScan.isLetter(bytes[index]) { index += 1 }
                continue
            }
            index += 1
        }
        if result.isEmpty, let section { result.append(section) }
        return result
    }
}
