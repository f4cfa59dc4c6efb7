import CableParser
import Testing
@testable import CableEntities

/// Each kind of evidence the extractor uses, on small constructed text.
@Suite struct EvidenceTests {
    @Test func titleCuesInMixedCaseAndCapitals() {
        let mixed = Support.annotated(Support.cable(["Later, Foreign Minister Kohout and Senate Speaker Tokayev spoke."]))
        let caps = Support.annotated(Support.cable(["LATER, FOREIGN MINISTER KOHOUT AND SENATE SPEAKER TOKAYEV SPOKE TO THE PRESS."]))
        for cable in [mixed, caps] {
            let people = Set(cable.entities.filter { $0.type == "person" }.map(\.name))
            #expect(people.contains("Kohout"), "\(people)")
            #expect(people.contains("Tokayev"), "\(people)")
        }
    }

    @Test func honorificsAndGivenNames() {
        let cable = Support.annotated(Support.cable(["MR. BLACKWOOD WILL TRAVEL WITH DOUGLAS BRAVO TO THE MEETING ON FRIDAY."]))
        let people = Set(cable.entities.filter { $0.type == "person" }.map(\.name))
        #expect(people == ["Blackwood", "Douglas Bravo"], "\(people)")
    }

    @Test func demonymsAreNotPlaces() {
        let cable = Support.annotated(Support.cable(["The Uzbeks and the Kazakhstanis told Russian and Chinese officials nothing."], origin: nil))
        #expect(cable.entities.isEmpty, "\(cable.entities.map(\.name))")
    }

    @Test func governmentAcronymsFollowTheSendingPost() {
        let astana = Support.annotated(Support.cable(["The GOK disagrees."]))
        #expect(astana.entities.map(\.id) == ["organization:government-of-kazakhstan", "location:astana"]
            || Set(astana.entities.map(\.id)) == ["organization:government-of-kazakhstan", "location:astana"])
        let tehran = Support.annotated(Support.cable(["The GOI disagrees."], station: "TEHRAN", origin: "Embassy Tehran"))
        #expect(tehran.entities.contains { $0.id == "organization:government-of-iran" })
        let london = Support.annotated(Support.cable(["HMG disagrees."], station: "LONDON", origin: "Embassy London"))
        #expect(london.entities.contains { $0.id == "organization:her-majestys-government" })
    }

    @Test func tagsNamePlacesPeopleAndOrganizations() {
        let cable = Support.annotated(Support.cable(["Nothing else here."], tags: [
            .init(code: "KZ"), .init(code: "PGOV", kind: "subject", meaning: "Internal Governmental Affairs"),
            .init(code: "OVIP (CLINTON, HILLARY)", kind: "person"), .init(code: "EUN"),
        ]))
        let ids = Set(cable.entities.map(\.id))
        #expect(ids.contains("location:kazakhstan"))
        #expect(ids.contains("person:hillary-clinton"))
        #expect(ids.contains("organization:european-union"))
        #expect(!ids.contains { $0.contains("internal") })
    }

    @Test func acronymDefinedInParenthesesJoinsItsOrganization() {
        let cable = Support.annotated(Support.cable([
            "The Shahid Bakeri Industrial Group (SBIG) bought it. Later SBIG sold it.",
        ], station: "BERLIN", origin: "Embassy Berlin"))
        let sbig = cable.paragraphs[0].entities.filter { $0.type == "organization" }
        #expect(sbig.count == 3)
        #expect(Set(sbig.map(\.id)).count == 1)
    }

    @Test func signatureClassifierAndForLines() throws {
        let raw = """
        C O N F I D E N T I A L ASTANA 000001

        SIPDIS

        SCA/CEN FOR M. O'MARA
        NSC FOR CBARTON

        E.O. 12958: DECL: 11/17/2017
        """
        var cable = Support.cable(["Nothing to see."], signature: "Ordway")
        cable.classifiedBy = .init(text: "CLASSIFIED BY POL/ECON CHIEF STEVE FAGIN FOR REASONS 1.4 (B) and (D)")
        let annotated = Support.annotated(cable, raw: raw)
        let people = Set(annotated.entities.filter { $0.type == "person" }.map(\.name))
        #expect(people.isSuperset(of: ["Ordway", "Steve Fagin", "M. O'Mara", "Cbarton"]), "\(people)")
    }

    @Test func placeHeadWordsAndPrepositions() {
        let cable = Support.annotated(Support.cable(["Crowds filled Azadi Square and the Gebeit region, near Tindouf."]))
        let places = Set(cable.entities.filter { $0.type == "location" }.map(\.name))
        #expect(places.isSuperset(of: ["Azadi Square", "Gebeit", "Tindouf"]), "\(places)")
    }

    @Test func organizationHeadWords() {
        let cable = Support.annotated(Support.cable([
            "The Social Democratic Party and the Electricity Markets Regulatory Board met the Ministry of Defense and Armed Forces Logistics.",
        ]))
        let orgs = Set(cable.entities.filter { $0.type == "organization" }.map(\.name))
        #expect(orgs.isSuperset(of: ["Social Democratic Party", "Electricity Markets Regulatory Board",
                                     "Ministry of Defense and Armed Forces Logistics"]), "\(orgs)")
    }

    @Test func theWordUsInCapitals() {
        let pronoun = Support.annotated(Support.cable(["THE MINISTER TOLD US THAT HE WOULD LET US KNOW BY FRIDAY."]))
        #expect(!pronoun.entities.contains { $0.id == "location:united-states" })
        let country = Support.annotated(Support.cable(["THE MINISTER SAID US OFFICIALS AND THE US WOULD AGREE."]))
        #expect(country.entities.contains { $0.id == "location:united-states" })
    }

    @Test func acronymsThatAreWordsStayWordsInCapitals() {
        let caps = Support.annotated(Support.cable(["THEY WILL LET THE DELEGATION KNOW WHO WILL ATTEND AND WHO WILL NOT."], origin: nil))
        #expect(caps.entities.isEmpty, "\(caps.entities.map(\.name))")
        let mixed = Support.annotated(Support.cable(["Officials blamed LeT for the attack."], origin: nil))
        #expect(mixed.entities.map(\.name) == ["Lashkar-e-Tayyiba"])
    }
}
