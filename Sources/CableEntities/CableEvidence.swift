import Foundation
import CableParser

/// A mention found outside the paragraphs: TAGS, the subject, `Classified By`, the signature,
/// `FOR` lines and the sending post. It counts towards the cable's entity list but has no offsets.
struct MetadataMention: Sendable {
    var type: EntityType
    var surface: String
    var canonical: String?
    var keys: [String]
    var evidence: Candidate.Evidence
}

/// Collects metadata mentions from the parsed cable.
struct CableEvidence {
    /// The cable's recogniser environment (its gazetteer and context), shared with the paragraphs.
    let env: ParagraphRecognizer.Environment
    /// Keys and gazetteer entries of the names met in earlier cables' metadata, when a workspace keeps them.
    var memo: MetadataMemo? = nil
    /// The paragraph pass's buffers, for the recogniser runs over metadata lines; nil: fresh ones per line.
    /// A fresh workspace costs ~50,000 instructions (its English memo's table alone is 24 KB), more than
    /// recognising the line.
    var scratch: ParagraphWorkspace? = nil
    var gazetteer: Gazetteer { env.gazetteer }
    var context: CableContext { env.context }

    func collect(_ cable: Cable, rawText: String? = nil) -> [MetadataMention] {
        var out: [MetadataMention] = []
        for tag in cable.tags { tagMentions(tag, into: &out) }
        if let origin = cable.origin {
            out += memo.map { $0.mentions(origin: origin, making: originMentions) } ?? originMentions(origin)
        }
        if let classifiedBy = cable.classifiedBy {
            if let name = classifiedBy.name, !name.isEmpty {
                out += person(name)
            } else {
                personsAfterCues(in: classifiedBy.text, into: &out)
            }
        }
        if let signature = cable.signature {
            for name in Self.signatureNames(signature) { out += person(name) }
        }
        let lines = rawText.map(Self.preambleForLines) ?? forLines(cable)
        for line in lines { personsAfterCues(in: line, forLine: true, into: &out) }
        return out
    }

    /// The sending post named by the cable's origin line, if any.
    private func originMentions(_ origin: String) -> [MetadataMention] {
        CableContext.postCity(origin).map(post) ?? []
    }

    /// The mentions of one TAGS entry, appended to `out`: geographic TAGS become places, `OVIP (CLINTON,
    /// HILLARY)` a person, organisation tags organisations. Not kept in the memo: a kept tag (hashed, its
    /// variants compared, its mentions copied) cost more than working it out (table lookups).
    private func tagMentions(_ tag: Cable.Tag, into out: inout [MetadataMention]) {
        let code = tag.code.uppercased()
        if Self.isVIPCode(code) || tag.kind == "person" {
            if let open = code.firstIndex(of: "("), let close = code.lastIndex(of: ")"), open < close {
                let inner = tag.code[tag.code.index(after: open)..<close]
                let parts = inner.split(separator: ",").map { Self.trimmingWhitespace($0) }
                let name = parts.count == 2 ? "\(parts[1]) \(parts[0])" : Self.trimmingWhitespace(inner)
                out += person(name)
            }
        } else if tag.kind != "subject", tag.kind != "program", let country = gazetteer.country(code: code) {
            out.append(MetadataMention(type: .location, surface: country.name, canonical: country.name,
                                       keys: keys(country.name), evidence: .known))
        } else if let name = gazetteer.organizationTags[code] {
            out.append(MetadataMention(type: .organization, surface: name, canonical: name, keys: keys(name), evidence: .known))
        } else if tag.kind == "organization" {
            let name = tag.meaning ?? tag.code
            let known = lookup(name) ?? lookup(tag.code)
            out.append(MetadataMention(type: .organization, surface: name,
                                       canonical: known?.type == .organization ? known?.name : name,
                                       keys: keys(name), evidence: .known))
        } else if tag.kind == "geographic", let full = tag.meaning {
            // "Serbia (TAGS usage after 2006; FIPS RI)": the name is before the note.
            let meaning = Self.nameBeforeNote(full)
            guard !meaning.isEmpty else { return }
            let known = lookup(meaning)
            out.append(MetadataMention(type: known?.type ?? .location, surface: meaning, canonical: known?.name ?? meaning,
                                       keys: keys(meaning), evidence: .known))
        }
    }

    private func post(_ city: String) -> [MetadataMention] {
        if let known = lookup(city), known.type == .location {
            return [MetadataMention(type: .location, surface: city, canonical: known.name, keys: keys(city), evidence: .known)]
        }
        guard !city.hasPrefix("US"), !city.contains(where: \.isNumber) else { return [] }
        return [MetadataMention(type: .location, surface: city, canonical: nil, keys: keys(city), evidence: .known)]
    }

    private func person(_ raw: String) -> [MetadataMention] {
        memo.map { $0.mentions(person: raw, making: personUnkept) } ?? personUnkept(raw)
    }

    /// `person` worked out (the memo keeps its answers).
    private func personUnkept(_ raw: String) -> [MetadataMention] {
        let trimmed = Self.trimmingWhitespace(raw)
        let list = Tokenizer.tokenize(trimmed)
        var wordCount = 0
        for i in list.indices where list[i].kind == .word { wordCount += 1 }
        guard wordCount > 0, wordCount <= 6 else { return [] }
        // Drop titles the parser may have left in ("Ambassador", "DCM"). (Into an array of its size: two
        // growing arrays of indices cost three allocations a name.)
        var words: [Int] = []
        words.reserveCapacity(wordCount)
        for i in list.indices where list[i].kind == .word {
            let key = list.keys[i]
            if (!gazetteer.stopwords.contains(key) || gazetteer.firstNames.contains(key)) && !Self.suffixes.contains(key) { words.append(i) }
        }
        while let first = words.first, words.count > 1,
              gazetteer.longestPhrase(in: TokenList(items: [list[first]], bytes: list.bytes, isASCII: list.isASCII),
                                      at: 0, capsText: true).map({ $0.phrase.payload == .title }) == true {
            words.removeFirst()
        }
        guard let first = words.first, let last = words.last else { return [] }
        let surface = list.string(list[first].start, list[last].end)
        return [MetadataMention(type: .person, surface: surface, canonical: nil, keys: words.map { list.keys[$0] }, evidence: .known)]
    }

    /// Runs the recogniser over a line of metadata and keeps the people it finds after titles.
    /// (Appended to `out`, the cable's list: a list per line cost two arrays.)
    private func personsAfterCues(in text: String, forLine: Bool = false, into out: inout [MetadataMention]) {
        // Probed as paragraphs are (the same answers as asking the lists), in the cable's environment.
        let scratch = scratch ?? ParagraphWorkspace()
        let tokens = Tokenizer.tokenize(text, lexicon: env.lexicon, workspace: scratch)
        var recognizer = ParagraphRecognizer(env: env, tokens: tokens, workspace: scratch)
        defer { recognizer.recycle() }
        let start = out.count
        var organizations: [MetadataMention] = []
        for candidate in recognizer.run() {
            let span = candidate.first..<candidate.end
            let surface = tokens.string(tokens[span.first!].start, tokens[span.last!].end)
            if candidate.type == .person && candidate.evidence >= .cue {
                out.append(MetadataMention(type: .person, surface: surface, canonical: nil, keys: span.map { tokens.keys[$0] }, evidence: .known))
            } else if forLine, candidate.type == .organization, candidate.evidence == .known, let name = candidate.canonical {
                // "NSC FOR CBARTON", "HQ USSOUTHCOM ALSO FOR POLAD": a known organisation addressed by name.
                organizations.append(MetadataMention(type: .organization, surface: surface, canonical: name,
                                                     keys: span.map { tokens.keys[$0] }, evidence: .known))
            }
        }
        if forLine, out.count == start, let names = Self.afterLastFor(in: text) {
            // "SCA/CEN FOR M. O'MARA", "NSC FOR CBARTON": whatever follows FOR is a name.
            if let parts = Self.addresseeNames(names) {
                for part in parts { out += person(part) }
                out += organizations
                return
            }
            for name in names.split(whereSeparator: { $0 == "," || $0 == ";" }) {
                let cleaned = Self.replacingAnd(in: name)
                for part in cleaned.split(separator: ",") {
                    // Office symbols between the names: "WHA", "EUR/WE", "WHA/PPC".
                    let words = part.split(separator: " ")
                    if Self.contains(part, mark: 0x2F, foundation: { part.contains("/") }) || (words.count == 1 && words[0].count <= 4) { continue }
                    out += person(String(part))
                }
            }
        }
        out += organizations
    }

    /// `SCA/CEN FOR M. O'MARA` lines between the caveats and the E.O. line, wherever the parser left them.
    func forLines(_ cable: Cable) -> [String] {
        guard let first = cable.paragraphs.first, first.number == 0 else { return [] }
        return first.text.split(separator: "\n").map(String.init).filter { line in
            let upper = line.uppercased()
            guard let range = Self.range(of: " FOR ", in: upper) else { return false }
            let office = upper[..<range.lowerBound]
            return office.contains("/") || office.split(separator: " ").count <= 2 && office == office.uppercased()
                && line.count < 120 && !upper.hasPrefix("CLASSIFIED")
        }
    }

    /// `text.range(of: needle)` (Foundation's literal search): a byte search when `text` is ASCII, where
    /// it finds the same place; Foundation otherwise. A Foundation search costs thousands of instructions.
    static func range(of needle: StaticString, in text: String) -> Range<String.Index>? {
        let found: Int?? = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            let n = needle.utf8CodeUnitCount, p = needle.utf8Start
            guard needle.isASCII, bytes.count >= n else { return nil }
            for start in 0...(bytes.count - n) {
                var k = 0
                while k < n, bytes[start + k] == p[k] { k += 1 }
                if k == n { return start }
            }
            return nil
        }
        guard let found, text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.range(of: needle.description)
        }
        guard let offset = found else { return nil }
        let lower = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        return lower..<text.utf8.index(lower, offsetBy: needle.utf8CodeUnitCount)
    }

    static func trim(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return "" }
        return String(scalars[first...last])
    }

    /// First letters of the classification banner (`CONFIDENTIAL`, `SECRET`, `UNCLAS`, `LIMITED OFFICIAL USE`), either case.
    /// (By value: a `Set` lookup hashes the byte.)
    @inline(__always)
    static func isBannerInitial(_ b: UInt8) -> Bool {
        let folded = b | 0x20
        return folded == 0x63 || folded == 0x73 || folded == 0x75 || folded == 0x6C
    }

    /// Generational suffixes are not part of the name used in the text (`TIMKEN JR`).
    static let suffixes: Set<String> = ["JR", "JR.", "SR", "SR.", "II", "III", "IV"]

    private func lookup(_ text: String) -> Gazetteer.Entry? {
        if let memo { return memo.entry(text) { Self.lookup($0, in: gazetteer) } }
        return Self.lookup(text, in: gazetteer)
    }

    private func keys(_ text: String) -> [String] {
        if let memo { return memo.keys(text, making: Self.keys) }
        return Self.keys(text)
    }

    /// The gazetteer entry the whole of `text` names, if any.
    static func lookup(_ text: String, in gazetteer: Gazetteer) -> Gazetteer.Entry? {
        let tokens = Tokenizer.tokenize(text)
        guard !tokens.isEmpty, let match = gazetteer.longestPhrase(in: tokens, at: 0, capsText: true),
              match.length == tokens.count, case .entity(let index) = match.phrase.payload else { return nil }
        return gazetteer.entry(index)
    }

    /// The word keys of `text`.
    static func keys(_ text: String) -> [String] {
        let list = Tokenizer.tokenize(text)
        return list.indices.filter { list[$0].kind == .word }.map { list.keys[$0] }
    }
}
