import Foundation

/// Cleans a TAGS value into codes and looks each up in the catalogue.
///
/// Handles markdown links (`[PGOV](#)`), commas, semicolons and line continuations, person tags with a
/// parenthesised name (`OVIP (CLINTON, HILLARY)`), codes run together (`PHUMBA` → `PHUM`, `BA`) and a
/// few recurring typos.
enum TagParser {
    /// Misspellings seen in real cables, mapped to the intended code.
    static let typos: [String: String] = [
        "PTERR": "PTER", "PGOVE": "PGOV", "PRELL": "PREL", "ECONN": "ECON", "PHUMM": "PHUM",
        "PINRR": "PINR", "MOPPS": "MOPS", "POGOV": "PGOV", "KIFR": "KIRF",
    ]

    static func parse(_ value: String, catalogue: TagCatalogue = .shared) -> [Cable.Tag] {
        var codes: [String] = []
        let raw = tokens(value)
        var index = 0
        while index < raw.count {
            var token = raw[index]
            index += 1
            // `OVIP BIDEN JOSEPH`: a visitor's name written without parentheses.
            if token.uppercased() == "OVIP" {
                var name: [String] = []
                while index < raw.count, name.count < 3, isNameWord(raw[index], catalogue) {
                    name.append(raw[index].uppercased())
                    index += 1
                }
                if !name.isEmpty {
                    token = "OVIP (" + name[0] + (name.count > 1 ? ", " + name.dropFirst().joined(separator: " ") : "") + ")"
                }
            }
            for code in clean(token, catalogue) where !codes.contains(code) { codes.append(code) }
        }
        return codes.map { tag(for: $0, catalogue) }
    }

    /// Splits on blanks, commas and semicolons, keeping `(…)` groups with the code before them.
    static func tokens(_ value: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var depth = 0
        var pendingGroup = false
        func flush() {
            tokens.append(String(current))
            current = String.UnicodeScalarView()
        }
        for character in value.blanking("(#)").unicodeScalars {
            switch character {
            case "(":
                if depth == 0, current.isEmpty, let last = tokens.popLast() { current = (last + " ").unicodeScalars }
                depth += 1
                current.append(character)
            case ")":
                depth = max(0, depth - 1)
                current.append(character)
                if depth == 0 { pendingGroup = true }
            case " ", "\t", ",", ";", "[", "]", "\n", "\u{A0}", "*":
                if depth > 0 {
                    if character == "," { current.append(",") } else if character != "[" && character != "]" {
                        if current.last != " " { current.append(" ") }
                    }
                } else if !current.isEmpty {
                    flush()
                    pendingGroup = false
                }
            default:
                if pendingGroup, depth == 0 {
                    flush()
                    pendingGroup = false
                }
                current.append(character)
            }
        }
        if !current.isEmpty { flush() }
        return tokens
    }

    /// A word that can only be part of a name: letters, not a known code, longer than a country code.
    private static func isNameWord(_ word: String, _ catalogue: TagCatalogue) -> Bool {
        word.count >= 3 && word.allSatisfy(\.isLetter) && catalogue.lookup(word.uppercased()) == nil
            && split(word.uppercased(), catalogue) == nil
    }

    private static func clean(_ raw: String, _ catalogue: TagCatalogue) -> [String] {
        if raw.utf8.contains(UInt8(ascii: "(")) {
            // Person tag: normalise blanks after commas, keep the name as written.
            let squeezed = raw.replacingOccurrences(of: ", ", with: ",").replacingOccurrences(of: ",", with: ", ")
            return [squeezed.trimmingBlanks().uppercased()]
        }
        var code = raw.uppercased()
        while let last = code.last, last == "." || last == ":" || last == "-" { code.removeLast() }
        while let first = code.first, first == "." || first == "-" || first == ":" { code.removeFirst() }
        guard !code.isEmpty, code != "TAGS" else { return [] }
        if let fixed = typos[code] { code = fixed }
        if catalogue.lookup(code) != nil { return [code] }
        if let parts = split(code, catalogue) { return parts }
        return [code]
    }

    /// `PHUMBA` → [`PHUM`, `BA`]: only when every part is a known code and one part is a subject
    /// or program code (four letters or more). Country codes alone run together into real codes the
    /// catalogue lacks (`GTMO` is no `GT` + `MO`, `USEU`, `KGIC`, `AGMT`) or into words (`BRUSSELS`).
    static func split(_ code: String, _ catalogue: TagCatalogue) -> [String]? {
        guard let parts = parts(code, catalogue), parts.contains(where: { $0.count >= 4 }) else { return nil }
        return parts
    }

    private static func parts(_ code: String, _ catalogue: TagCatalogue) -> [String]? {
        guard code.count >= 4, code.count <= 16, code.allSatisfy({ $0.isLetter }) else { return nil }
        if catalogue.lookup(code) != nil { return [code] }
        for length in [4, 2, 5, 3] where code.count > length {
            let head = String(code.prefix(length))
            guard catalogue.lookup(head) != nil else { continue }
            let tail = String(code.dropFirst(length))
            if catalogue.lookup(tail) != nil { return [head, tail] }
            if let rest = parts(tail, catalogue) { return [head] + rest }
        }
        return nil
    }

    static func tag(for code: String, _ catalogue: TagCatalogue) -> Cable.Tag {
        if let open = code.firstIndex(of: "(") {
            let base = code[..<open].trimmingBlanks()
            let name = code[code.index(after: open)...].dropLast(code.hasSuffix(")") ? 1 : 0).trimmingBlanks()
            let meaning = catalogue.lookup(base).map { "\($0.meaning): \(name)" } ?? name
            return Cable.Tag(code: code, kind: "person", meaning: meaning)
        }
        guard let entry = catalogue.lookup(code) else { return Cable.Tag(code: code) }
        return Cable.Tag(code: code, kind: entry.kind, meaning: entry.meaning)
    }
}
