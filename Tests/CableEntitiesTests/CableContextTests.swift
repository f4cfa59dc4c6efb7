import CableParser
import Testing
@testable import CableEntities

/// `CableContext.governmentCountry`'s byte path against the `String` rules it replaces.
@Suite struct CableContextTests {
    static func reference(_ context: CableContext, _ g: Gazetteer, initials: String) -> String? {
        guard !initials.isEmpty else { return nil }
        for code in [context.hostCountry].compactMap({ $0 }) + context.tagCountries {
            guard let name = g.country(code: code)?.name else { continue }
            let words = name.split(separator: " ").filter { !["of", "and", "the"].contains($0.lowercased()) }
            let letters = words.compactMap { $0.first.map { String($0).uppercased() } }.joined()
            if initials.count == 1, letters.first.map(String.init) == initials { return code }
            if initials.count > 1, letters == initials { return code }
        }
        return nil
    }

    @Test func governmentInitialsAsTheStringRules() throws {
        let g = try Gazetteer.bundled()
        var context = CableContext(gazetteer: g, cable: Cable(id: "07X1", station: "X", serial: 1))
        let codes = g.countryByCode.keys.sorted()
        #expect(codes.count > 100)
        var matches = 0
        for code in codes {
            context.hostCountry = code
            context.tagCountries = ["KZ", "RS"]
            let name = g.country(code: code)?.name ?? ""
            let letters = name.split(separator: " ").filter { !["of", "and", "the"].contains($0.lowercased()) }
                .compactMap { $0.first.map { String($0).uppercased() } }.joined()
            for initials in [letters, String(letters.prefix(1)), String(letters.dropLast()), letters + "X", "K", "R", "KZ",
                             "UK", "US", "", letters.lowercased(), "É"] {
                let answer = context.governmentCountry(initials: initials)
                #expect(answer == Self.reference(context, g, initials: initials), "\(code) \(name) \(initials)")
                if answer == code { matches += 1 }
            }
        }
        #expect(matches > codes.count)
        context.hostCountry = nil
        context.tagCountries = []
        #expect(context.governmentCountry(initials: "K") == nil)
    }

    /// The same over the fixture cables' own host and TAGS countries.
    @Test func governmentInitialsOfTheFixtureCablesAsTheStringRules() throws {
        let g = try Gazetteer.bundled()
        let initials = ["K", "I", "A", "T", "US", "UK", "ING", "OOD", "RK", "KZ", "", "SA", "UAE", "DRC", "Z", "N", "G", "NG"]
        var matched = 0
        for item in try FixtureCables.parsed() {
            let context = CableContext(gazetteer: g, cable: item.cable)
            for text in initials {
                let answer = context.governmentCountry(initials: text)
                #expect(answer == Self.reference(context, g, initials: text), "\(item.cable.id) \(text)")
                if answer != nil { matched += 1 }
            }
        }
        #expect(matched > 10)
    }

    @Test func byteShortcutsAsTheGazetteerRules() {
        let texts = ["ASTANA", "Buenos Aires", "usun new york", "SECSTATE", "St. John's", "Zürich", "A-1 B2", "", "  ", "Ōsaka",
                     "NATO", "GoK", "UNHCR", "EU/NATO", "Nato", "ABCDEFG", "abc", "USG's", "MFA", "K2", "ÉU", "U.S."]
        for text in texts {
            #expect(Gazetteer.stationKey(text) == Gazetteer.stationKeyByScalars(text), "\(text)")
            #expect(Gazetteer.looksLikeAcronym(text) == Gazetteer.looksLikeAcronymByScalars(text), "\(text)")
        }
    }
}
