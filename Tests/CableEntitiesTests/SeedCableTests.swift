import CableParser
import Testing
@testable import CableEntities

/// The acceptance example: the seed cable 07ASTANA3153.
@Suite struct SeedCableTests {
    @Test func findsThePeople() throws {
        let cable = try Support.annotatedFixture("07ASTANA3153.txt")
        let people = Set(cable.entities.filter { $0.type == "person" }.map(\.name))
        for name in ["Antonio Guterres", "Marat Tazhin", "Nazarbayev", "Juergen Keilholz", "Tokayev", "Steve Fagin", "Ordway"] {
            #expect(people.contains(name), "missing person \(name); found \(people.sorted())")
        }
    }

    @Test func findsTheOrganizations() throws {
        let cable = try Support.annotatedFixture("07ASTANA3153.txt")
        let orgs = Support.forms(cable, .organization)
        for name in ["unhcr", "gok", "cis"] {
            #expect(orgs.contains(name), "missing organisation \(name); found \(orgs.sorted())")
        }
        #expect(cable.entities.contains { $0.id == "organization:government-of-kazakhstan" })
    }

    @Test func findsThePlaces() throws {
        let cable = try Support.annotatedFixture("07ASTANA3153.txt")
        let places = Set(cable.entities.filter { $0.type == "location" }.map(\.name))
        for name in ["Kazakhstan", "Central Asia", "Russia", "China", "Uzbekistan", "Astana"] {
            #expect(places.contains(name), "missing location \(name); found \(places.sorted())")
        }
    }

    @Test func reportsNoDemonymsOrTitles() throws {
        let cable = try Support.annotatedFixture("07ASTANA3153.txt")
        let banned = ["kazakhstani", "kazakhstanis", "uzbeks", "chinese", "german", "foreign minister", "president",
                      "dcm", "senate speaker", "high commissioner", "minister", "ambassador"]
        var all = Set(cable.entities.map { $0.name.lowercased() })
        for paragraph in cable.paragraphs { all.formUnion(paragraph.entities.map { $0.surface.lowercased() }) }
        for word in banned { #expect(!all.contains(word), "\(word) reported as an entity") }
    }

    @Test func mergesFormsOfOneName() throws {
        let cable = try Support.annotatedFixture("07ASTANA3153.txt")
        let guterres = cable.paragraphs.flatMap(\.entities).filter { $0.surface.hasSuffix("Guterres") }
        #expect(guterres.count >= 10)
        #expect(Set(guterres.map(\.id)) == ["person:antonio-guterres"])
        let summary = try #require(cable.entities.first { $0.id == "person:antonio-guterres" })
        #expect(summary.mentions >= guterres.count)
    }

    @Test func readsTheForLine() throws {
        let cable = try Support.annotatedFixture("07ASTANA3153.txt")
        #expect(cable.entities.contains { $0.type == "person" && $0.name == "M. O'Mara" })
    }
}
