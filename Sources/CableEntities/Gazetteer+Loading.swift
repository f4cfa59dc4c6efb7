import Foundation

/// Why the bundled gazetteer could not be read.
public enum GazetteerError: Error, CustomStringConvertible, Sendable {
    case missingResource(String)
    case unreadable(String, String)
    case malformedLine(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .missingResource(let name): "gazetteer resource \(name) is missing from the bundle"
        case .unreadable(let name, let why): "gazetteer resource \(name) is unreadable: \(why)"
        case .malformedLine(let file, let line, let reason): "\(file):\(line): \(reason)"
        }
    }
}

extension Gazetteer {
    /// The gazetteer built from the resources shipped with the module (Sources/CableEntities/Resources).
    public static func bundled() throws(GazetteerError) -> Gazetteer {
        var g = Gazetteer()
        try g.loadCues(try resource("cues", "tsv"))
        try g.loadCountries(try resource("countries", "tsv"))
        try g.loadPlaces(try resource("places", "tsv"))
        try g.loadOrganizations(try resource("organizations", "tsv"))
        g.firstNames = KeySet(try lines(resource("first-names", "txt")).map { NameText.key($0.text) })
        g.englishWords = KeySet(try lines(resource("english-words", "txt")).map { $0.text.uppercased() })
        g.sortPhrases()
        g.lexicon = Lexicon(g)
        return g
    }

    static func resource(_ name: String, _ ext: String) throws(GazetteerError) -> (name: String, text: String) {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext) else {
            throw GazetteerError.missingResource("\(name).\(ext)")
        }
        do {
            return ("\(name).\(ext)", try String(contentsOf: url, encoding: .utf8))
        } catch {
            throw GazetteerError.unreadable("\(name).\(ext)", "\(error)")
        }
    }

    /// Non-empty, non-comment lines with their 1-based numbers.
    private static func lines(_ file: (name: String, text: String)) -> [(number: Int, text: String)] {
        var out: [(Int, String)] = []
        for (index, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            out.append((index + 1, String(line)))
        }
        return out
    }

    private static func fields(_ line: (number: Int, text: String), in file: String, atLeast count: Int) throws(GazetteerError) -> [String] {
        let parts = line.text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= count else {
            throw GazetteerError.malformedLine(file: file, line: line.number, reason: "expected \(count) tab-separated fields, found \(parts.count)")
        }
        return parts
    }

    private static func list(_ field: String) -> [String] {
        field.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    mutating func loadCues(_ file: (name: String, text: String)) throws(GazetteerError) {
        for line in Self.lines(file) {
            let f = try Self.fields(line, in: file.name, atLeast: 2)
            let word = f[1], key = NameText.key(f[1])
            switch f[0] {
            case "title": addPhrase(word, .title, capsOnly: false)
            case "honorific": honorifics.insert(key)
            case "orghead": orgHeads.insert(key)
            case "orgstart": orgStarts.insert(key)
            case "lochead": locationHeads.insert(key)
            case "connector": connectors.insert(key)
            case "stop": stopwords.insert(key)
            case "demonym": addPhrase(word, .demonym, capsOnly: false)
            default:
                throw GazetteerError.malformedLine(file: file.name, line: line.number, reason: "unknown cue kind \(f[0])")
            }
        }
    }

    private mutating func loadCountries(_ file: (name: String, text: String)) throws(GazetteerError) {
        for line in Self.lines(file) {
            let f = try Self.fields(line, in: file.name, atLeast: 5)
            let code = f[0], name = f[1]
            let index = entries.count
            entries.append(Entry(name: name, type: .location, country: code, generic: false))
            countryByCode[code] = index
            addPhrase(name, .entity(index), capsOnly: false)
            for alias in Self.list(f[2]) { addPhrase(alias, .entity(index), capsOnly: Self.looksLikeAcronym(alias)) }
            for demonym in Self.list(f[3]) {
                addPhrase(demonym, .demonym, capsOnly: false)
                countryOfWord[NameText.key(demonym)] = code
            }
            for word in [name] + Self.list(f[2]) where !word.contains(" ") { countryOfWord[NameText.key(word)] = code }
            if !f[4].isEmpty {
                countryOfPlace[Self.stationKey(f[4])] = code
                capitals.insert(NameText.key(f[4]))
            }
        }
    }

    private mutating func loadPlaces(_ file: (name: String, text: String)) throws(GazetteerError) {
        for line in Self.lines(file) {
            let f = try Self.fields(line, in: file.name, atLeast: 4)
            let index = entries.count
            let code = f[1].isEmpty ? nil : f[1]
            entries.append(Entry(name: f[0], type: .location, country: code, generic: false))
            addPhrase(f[0], .entity(index), capsOnly: false)
            for alias in Self.list(f[3]) { addPhrase(alias, .entity(index), capsOnly: Self.looksLikeAcronym(alias)) }
            if let code, countryOfPlace[Self.stationKey(f[0])] == nil { countryOfPlace[Self.stationKey(f[0])] = code }
        }
    }

    private mutating func loadOrganizations(_ file: (name: String, text: String)) throws(GazetteerError) {
        for line in Self.lines(file) {
            let f = try Self.fields(line, in: file.name, atLeast: 2)
            if f[0] == "@tag" {
                let parts = Self.list(f[1])
                guard parts.count == 2 else {
                    throw GazetteerError.malformedLine(file: file.name, line: line.number, reason: "@tag needs CODE|NAME")
                }
                organizationTags[parts[0]] = parts[1]
                continue
            }
            if f[0] == "@gov" {
                let parts = Self.list(f[1])
                guard parts.count == 2 else {
                    throw GazetteerError.malformedLine(file: file.name, line: line.number, reason: "@gov needs ACRONYM|FIPS")
                }
                governmentAcronyms[parts[0]] = parts[1]
                continue
            }
            let index = entries.count
            entries.append(Entry(name: f[0], type: .organization, country: nil, generic: f[0].hasPrefix("Ministry of")))
            addPhrase(f[0], .entity(index), capsOnly: Self.looksLikeAcronym(f[0]))
            for alias in Self.list(f[1]) { addPhrase(alias, .entity(index), capsOnly: Self.looksLikeAcronym(alias)) }
        }
    }

    private mutating func addPhrase(_ text: String, _ payload: Payload, capsOnly: Bool) {
        let list = Tokenizer.tokenize(text)
        let keys = list.indices.map { list[$0].kind == .punct ? list.text($0) : list.keys[$0] }
        guard let first = keys.first, !keys.contains(where: { $0.isEmpty }) else { return }
        if keys.count == 1, case .entity = payload, stopwords.contains(first) { return }
        phrases[first, default: []].append(Phrase(keys: keys, payload: payload, capsOnly: capsOnly, written: text))
    }

    /// Entity phrases win over titles and demonyms of the same length; longer phrases win over shorter.
    private mutating func sortPhrases() {
        for (key, list) in phrases {
            let marked = list.map { phrase -> Phrase in
                var p = phrase
                p.wordLike = p.capsOnly && p.keys.count == 1 && p.keys[0] != "US" && isEnglish(p.keys[0])
                return p
            }
            phrases[key] = marked.sorted { a, b in
                if a.keys.count != b.keys.count { return a.keys.count > b.keys.count }
                return a.payload.rank < b.payload.rank
            }
        }
    }

    /// `UN`, `MOD`, `U.S.`, `EurAsEC`: short and mostly capitals. An ASCII text is read from its bytes
    /// (its letters are `A`-`Z` and `a`-`z` there), without Unicode property lookups; the same answer.
    static func looksLikeAcronym(_ s: String) -> Bool {
        let answer: Bool?? = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            var letters = 0, upper = 0
            for b in bytes {
                if b >= 0x80 { return nil }
                if b == 0x20 { return false }
                if b &- 0x41 < 26 { letters += 1; upper += 1 } else if b &- 0x61 < 26 { letters += 1 }
            }
            return letters > 0 && letters <= 6 && upper * 2 > letters
        }
        if let answer, let answer { return answer }
        return looksLikeAcronymByScalars(s)
    }

    /// `looksLikeAcronym` by the Unicode properties of every scalar (any text).
    static func looksLikeAcronymByScalars(_ s: String) -> Bool {
        let letters = s.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard !letters.isEmpty, !s.contains(" ") else { return false }
        let upper = letters.filter { $0.properties.isUppercase }.count
        return letters.count <= 6 && upper * 2 > letters.count
    }

    /// Station-style key of a place name: upper case without spaces (`BUENOSAIRES`). An ASCII name is
    /// read from its bytes, where the key is its letters in capitals; the same answer.
    static func stationKey(_ name: String) -> String {
        let key: String?? = name.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var k = 0
                for b in bytes {
                    let upper = b &- 0x61 < 26 ? b - 0x20 : b
                    if upper &- 0x41 < 26 { out[k] = upper; k += 1 }
                }
                return k
            }
        }
        if let key, let key { return key }
        return stationKeyByScalars(name)
    }

    /// `stationKey` by the Unicode properties of every scalar (any name).
    static func stationKeyByScalars(_ name: String) -> String {
        NameText.key(name).unicodeScalars.filter { $0.properties.isAlphabetic }.map(String.init).joined()
    }
}

extension Gazetteer.Payload {
    fileprivate var rank: Int {
        switch self {
        case .entity: 0
        case .demonym: 1
        case .title: 2
        }
    }
}
