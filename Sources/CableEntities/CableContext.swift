import CableParser

/// What the cable as a whole says about where it is from and what it is about: the host country of the
/// sending post and the countries in TAGS. Used to read `GOK`-style acronyms and generic bodies (`MFA`).
struct CableContext: Sendable {
    let gazetteer: Gazetteer
    /// FIPS code of the country the cable was sent from (`KZ` for Embassy Astana, `US` for State).
    var hostCountry: String?
    /// FIPS codes of the geographic TAGS, in order.
    var tagCountries: [String]

    init(gazetteer: Gazetteer, cable: Cable) {
        self.gazetteer = gazetteer
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
            let code = tag.code.uppercased()
            return gazetteer.countryByCode[code] != nil && tag.kind != "subject" && tag.kind != "program" ? code : nil
        }
    }

    /// The country a demonym or country word names (`Russian` → RS).
    func countryOfAdjective(_ key: String) -> String? { gazetteer.countryOfWord[key] }

    /// `GOK` in a cable from Astana is the Government of Kazakhstan: the host country, then TAGS countries,
    /// whose name starts with the initial(s).
    func governmentCountry(initials: String) -> String? {
        guard !initials.isEmpty else { return nil }
        let order = [hostCountry].compactMap { $0 } + tagCountries
        for code in order {
            guard let name = gazetteer.country(code: code)?.name else { continue }
            let words = name.split(separator: " ").filter { !["of", "and", "the"].contains($0.lowercased()) }
            let letters = words.compactMap { $0.first.map { String($0).uppercased() } }.joined()
            if initials.count == 1, letters.first.map(String.init) == initials { return code }
            if initials.count > 1, letters == initials { return code }
        }
        return nil
    }

    /// `Embassy Astana` → `Astana`; `Secretary of State` → `Washington`.
    static func postCity(_ origin: String?) -> String? {
        guard let origin, !origin.isEmpty else { return nil }
        if origin.lowercased().contains("secretary of state") { return "Washington" }
        let prefixes = ["Embassy ", "Consulate ", "Mission ", "US Mission ", "USEU ", "US Office "]
        for prefix in prefixes where origin.hasPrefix(prefix) {
            return String(origin.dropFirst(prefix.count))
        }
        return nil
    }
}
