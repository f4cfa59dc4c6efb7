import CableParser
import Testing
@testable import CableEntities

/// Offsets, ids and the shape of the output.
@Suite struct MentionTests {
    @Test func offsetsAreUnicodeScalarsIntoTheParagraph() throws {
        let text = "“Señor” Kazakhstan’s Foreign Minister Marat Tazhin met UN officials in Astana ¶ on Monday."
        let cable = Support.annotated(Support.cable([text]))
        let scalars = Array(text.unicodeScalars)
        let mentions = cable.paragraphs[0].entities
        #expect(!mentions.isEmpty)
        for m in mentions {
            let slice = String(String.UnicodeScalarView(scalars[m.start..<m.end]))
            #expect(slice == m.surface)
        }
        let kazakhstan = try #require(mentions.first { $0.surface == "Kazakhstan" })
        #expect(kazakhstan.start == 8)  // after “Señor” and a space, counted in scalars
        #expect(mentions.contains { $0.surface == "Marat Tazhin" && $0.type == "person" })
    }

    @Test func mentionsAreSortedAndIdsAreSlugs() {
        let cable = Support.annotated(Support.cable([
            "President Nursultan Nazarbayev met Foreign Minister Tazhin in Astana and Almaty.",
        ]))
        let mentions = cable.paragraphs[0].entities
        #expect(mentions.map(\.start) == mentions.map(\.start).sorted())
        for e in cable.entities {
            let parts = e.id.split(separator: ":")
            #expect(parts.count == 2 && parts[0] == e.type)
            #expect(parts[1].allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        }
        #expect(cable.entities.contains { $0.id == "person:nursultan-nazarbayev" })
    }

    @Test func sameNameGivesSameIdInDifferentCables() {
        let a = Support.annotated(Support.cable(["UN High Commissioner Antonio Guterres arrived."]))
        let b = Support.annotated(Support.cable(["ANTONIO GUTERRES, THE UN HIGH COMMISSIONER, ARRIVED IN ALMATY TODAY."]))
        let idA = a.entities.first { $0.type == "person" }?.id
        let idB = b.entities.first { $0.type == "person" }?.id
        #expect(idA == "person:antonio-guterres")
        #expect(idA == idB)
    }

    @Test func annotatingTwiceGivesTheSameResult() {
        let once = Support.annotated(Support.cable(["The GOK told Ambassador Ordway that Russia and China agree."]))
        let twice = Support.annotated(once)
        #expect(once == twice)
    }
}
