/// Human names of sending posts, in the form WikiLeaks published (`Embassy Astana`, `Secretary of State`).
enum Origin {
    /// Origin from the `FM` addressee (`AMEMBASSY ABU DHABI` → `Embassy Abu Dhabi`).
    static func name(fromAddressee addressee: String) -> String? {
        var name = addressee.uppercased()
        // The e-mail export writes `AMEMBASSY ABU DHABI (ABU DHABI 2641 - UNKNOWN)`.
        if let parenthesis = name.firstIndex(of: "(") { name = String(name[..<parenthesis]) }
        name = name.trimmingBlanks()
        if let special = specialPosts[CableID.canonicalStation(name)] { return special }
        for (prefix, title) in prefixes where name.hasPrefix(prefix) {
            let place = name.dropFirst(prefix.count).trimmingBlanks()
            guard !place.isEmpty else { return nil }
            if let spelling = embassySpellings[CableID.canonicalStation(place)] { return title + spelling }
            return title + titleCase(place)
        }
        return nil
    }

    /// Origin from a banner station when there is no `FM` line (partial extracts).
    static func name(fromStation station: String, spelled written: String? = nil) -> String {
        if let special = specialPosts[station] { return special }
        if let consulate = consulates[station] { return "Consulate " + consulate }
        if let spelling = embassySpellings[station] { return "Embassy " + spelling }
        return "Embassy " + titleCase(written ?? station)
    }

    private static let prefixes: [(String, String)] = [
        ("AMEMBASSY ", "Embassy "), ("AMCONSUL ", "Consulate "),
    ]

    /// Posts whose published name is not `Embassy …` / `Consulate …`.
    private static let specialPosts: [String: String] = [
        "STATE": "Secretary of State", "SECSTATEWASHDC": "Secretary of State",
        "USNATO": "Mission USNATO", "USMISSIONUSNATO": "Mission USNATO",
        "USEUBRUSSELS": "USEU Brussels",
        "UNVIEVIENNA": "UNVIE", "USMISSIONUNVIEVIENNA": "UNVIE",
        "USINTHAVANA": "US Interests Section Havana", "HAVANA": "US Interests Section Havana",
        "RPODUBAI": "Iran RPO Dubai", "IRANRPODUBAI": "Iran RPO Dubai",
        "USUNNEWYORK": "USUN New York", "USMISSIONUSUNNEWYORK": "USUN New York",
        "USMISSIONGENEVA": "Mission Geneva",
    ]

    /// Embassies whose published name is not the banner's spelling.
    private static let embassySpellings: [String: String] = ["KIEV": "Kyiv"]

    /// Stations that are consulates, with their spelling (for banners without an `FM` line).
    private static let consulates: [String: String] = [
        "CAPETOWN": "Cape Town", "CASABLANCA": "Casablanca", "DUBAI": "Dubai", "HAMBURG": "Hamburg",
        "ISTANBUL": "Istanbul", "JEDDAH": "Jeddah", "LAGOS": "Lagos", "MUNICH": "Munich",
        "PESHAWAR": "Peshawar", "RIODEJANEIRO": "Rio De Janeiro", "SAOPAULO": "Sao Paulo",
        "SHANGHAI": "Shanghai", "SHENYANG": "Shenyang", "VLADIVOSTOK": "Vladivostok",
        "FRANKFURT": "Frankfurt", "DUSSELDORF": "Dusseldorf", "LEIPZIG": "Leipzig", "MILAN": "Milan",
        "NAPLES": "Naples", "FLORENCE": "Florence", "BARCELONA": "Barcelona", "MARSEILLE": "Marseille",
        "STRASBOURG": "Strasbourg", "TORONTO": "Toronto", "MONTREAL": "Montreal", "VANCOUVER": "Vancouver",
        "CALGARY": "Calgary", "HALIFAX": "Halifax", "QUEBEC": "Quebec", "GUADALAJARA": "Guadalajara",
        "MONTERREY": "Monterrey", "TIJUANA": "Tijuana", "CIUDADJUAREZ": "Ciudad Juarez",
        "MATAMOROS": "Matamoros", "NUEVOLAREDO": "Nuevo Laredo", "NOGALES": "Nogales", "MERIDA": "Merida",
        "HERMOSILLO": "Hermosillo", "RECIFE": "Recife", "GUANGZHOU": "Guangzhou", "CHENGDU": "Chengdu",
        "WUHAN": "Wuhan", "HONGKONG": "Hong Kong", "MUMBAI": "Mumbai", "CHENNAI": "Chennai",
        "KOLKATA": "Kolkata", "HYDERABAD": "Hyderabad", "KARACHI": "Karachi", "LAHORE": "Lahore",
        "OSAKAKOBE": "Osaka Kobe", "NAHA": "Naha", "SAPPORO": "Sapporo", "FUKUOKA": "Fukuoka",
        "NAGOYA": "Nagoya", "BUSAN": "Busan", "JERUSALEM": "Jerusalem", "ADANA": "Adana",
        "BASRAH": "Basrah", "KIRKUK": "Kirkuk", "ERBIL": "Erbil", "HILLAH": "Hillah", "MOSUL": "Mosul",
        "DHAHRAN": "Dhahran", "YEKATERINBURG": "Yekaterinburg", "STPETERSBURG": "St Petersburg",
        "KRAKOW": "Krakow", "CHIANGMAI": "Chiang Mai", "HOCHIMINHCITY": "Ho Chi Minh City",
        "MELBOURNE": "Melbourne", "SYDNEY": "Sydney", "PERTH": "Perth", "AUCKLAND": "Auckland",
        "JOHANNESBURG": "Johannesburg", "DURBAN": "Durban", "GUAYAQUIL": "Guayaquil",
        "PONTADELGADA": "Ponta Delgada", "CURACAO": "Curacao", "BELFAST": "Belfast",
        "EDINBURGH": "Edinburgh", "THESSALONIKI": "Thessaloniki", "SURABAYA": "Surabaya",
    ]

    /// `RIO DE JANEIRO` → `Rio De Janeiro` (every word capitalised, as the published names are).
    static func titleCase<S: StringProtocol>(_ text: S) -> String {
        text.split(separator: " ").map { word in
            word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }
}
