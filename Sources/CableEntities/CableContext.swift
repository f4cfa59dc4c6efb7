import CableParser

/// What the cable as a whole says about where it is from and what it is about: the host country of the
/// sending post and the countries in TAGS. Used to read `GOK`-style acronyms and generic bodies (`MFA`).
struct CableContext: Sendable {
    /// The gazetteer's tables the context reads (not the whole gazetteer: a context is copied into the
    /// cable's recogniser environment, and a copy of the gazetteer retains each of its thirty fields).
    private let entries: [Gazetteer.Entry]
    private let countryByCode: [String: Int]
    private let countryOfWord: [String: String]
    /// FIPS code of the country the cable was sent from (`KZ` for Embassy Astana, `US` for State).
    var hostCountry: String?
    /// FIPS codes of the geographic TAGS, in order.
    var tagCountries: [String]

    init(gazetteer: borrowing Gazetteer, cable: borrowing Cable) {
        entries = gazetteer.entries
        countryByCode = gazetteer.countryByCode
        countryOfWord = gazetteer.countryOfWord
        let station = Gazetteer.stationKey(cable.station)
        if station == "STATE" || station.hasPrefix("US") || station == "SECSTATE" {
            hostCountry = "US"
        } else if let code = gazetteer.countryOfPlace[station] {
            hostCountry = code
        } else if let city = Self.postCity(cable.origin), let code = gazetteer.countryOfPlace[Gazetteer.stationKey(city)] {
            hostCountry = code
        } else {
            hostCountry = nil
        }
        tagCountries = cable.tags.compactMap { tag in
            guard tag.kind != "subject", tag.kind != "program" else { return nil }
            let code = tag.code.uppercased()
            return gazetteer.countryByCode[code] != nil ? code : nil
        }
    }

    /// The country a demonym or country word names (`Russian` → RS).
    func countryOfAdjective(_ key: String) -> String? { countryOfWord[key] }

    /// `GOK` in a cable from Astana is the Government of Kazakhstan: the host country, then TAGS countries,
    /// whose name starts with the initial(s).
    func governmentCountry(initials: String) -> String? {
        guard !initials.isEmpty else { return nil }
        if let host = hostCountry, initialsMatch(initials, country: host) { return host }
        for code in tagCountries where initialsMatch(initials, country: code) { return code }
        return nil
    }

    /// The initials are those of the country's name (its words but `of`, `and`, `the`), or its first one
    /// when a single initial is given. From the bytes when both are ASCII (where the answer is the same),
    /// with no `String` made; by the `String` rules otherwise.
    private func initialsMatch(_ initials: String, country code: String) -> Bool {
        guard let index = countryByCode[code] else { return false }
        let name = entries[index].name
        let answer: Bool?? = name.utf8.withContiguousStorageIfAvailable { name -> Bool? in
            initials.utf8.withContiguousStorageIfAvailable { initials -> Bool? in
                guard !name.contains(where: { $0 >= 0x80 || $0 == 0x0D }), !initials.contains(where: { $0 >= 0x80 || $0 == 0x0D })
                else { return nil }
                var matched = 0, start = 0
                while start < name.count {
                    while start < name.count, name[start] == 0x20 { start += 1 }
                    guard start < name.count else { break }
                    var end = start
                    while end < name.count, name[end] != 0x20 { end += 1 }
                    defer { start = end }
                    if Self.isSkippedWord(UnsafeBufferPointer(rebasing: name[start..<end])) { continue }
                    let letter = name[start] &- 0x61 < 26 ? name[start] - 0x20 : name[start]
                    // One initial: the first letter only; several: every letter, in order, and no more.
                    guard matched < initials.count, initials[matched] == letter else { return false }
                    matched += 1
                    if initials.count == 1 { return true }
                }
                return matched == initials.count && initials.count > 1
            } ?? nil
        }
        if let answer, let answer { return answer }
        let words = name.split(separator: " ").filter { !["of", "and", "the"].contains($0.lowercased()) }
        let letters = words.compactMap { $0.first.map { String($0).uppercased() } }.joined()
        if initials.count == 1 { return letters.first.map(String.init) == initials }
        return letters == initials
    }

    /// `of`, `and`, `the` in any case.
    private static func isSkippedWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        switch word.count {
        case 2: return word[0] | 0x20 == 0x6F && word[1] | 0x20 == 0x66
        case 3: return (word[0] | 0x20 == 0x61 && word[1] | 0x20 == 0x6E && word[2] | 0x20 == 0x64)
            || (word[0] | 0x20 == 0x74 && word[1] | 0x20 == 0x68 && word[2] | 0x20 == 0x65)
        default: return false
        }
    }

    /// `Embassy Astana` → `Astana`; `Secretary of State` → `Washington`.
    static func postCity(_ origin: String?) -> String? {
        guard let origin, !origin.isEmpty else { return nil }
        if Self.mentionsSecretaryOfState(origin) { return "Washington" }
        let prefixes = ["Embassy ", "Consulate ", "Mission ", "US Mission ", "USEU ", "US Office "]
        for prefix in prefixes where origin.hasPrefix(prefix) {
            return String(origin.dropFirst(prefix.count))
        }
        return nil
    }

    /// `origin.lowercased().contains("secretary of state")`: a search of the bytes in lower case when the
    /// origin is ASCII (where that is Foundation's answer), Foundation otherwise.
    static func mentionsSecretaryOfState(_ origin: String) -> Bool {
        let answer: Bool?? = origin.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            let needle: StaticString = "secretary of state"
            let n = needle.utf8CodeUnitCount, p = needle.utf8Start
            guard bytes.count >= n else { return false }
            for start in 0...(bytes.count - n) {
                var k = 0
                while k < n, (bytes[start + k] &- 0x41 < 26 ? bytes[start + k] + 0x20 : bytes[start + k]) == p[k] { k += 1 }
                if k == n { return true }
            }
            return false
        }
        if let answer, let answer { return answer }
        return origin.lowercased().contains("secretary of state")
    }
}
