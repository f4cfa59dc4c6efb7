import CableParser
import Testing
@testable import CableEntities

/// Odd input never crashes and never produces out-of-range offsets.
@Suite struct RobustnessTests {
    @Test(arguments: [
        "", " ", "\n\n\n", "¶", "(", ")", "((SBU))", "'s", ",s", "U.S.", "-", "--", "A.B.C.D.E.F.", "Mr.", "Mr. ",
        "President", "PRESIDENT OF", "Ministry of", "the the the", String(repeating: "X", count: 10_000),
        String(repeating: "Kazakhstan ", count: 2_000), "🙂 Astana 🙂", "e\u{301}cole Zürich Ångström", "\u{0}\u{1}",
        "Brazil8 &the8", "Al-Attiyah-Al-Thani-", "GO GOA GOZZ", "(FCO) (", "Abdul Rahman Mohammed AL-MARZOUQ, ISN US9EG-00369DP;",
    ])
    func oddParagraphs(_ text: String) {
        let cable = Support.annotated(Support.cable([text]))
        let count = text.unicodeScalars.count
        for m in cable.paragraphs[0].entities {
            #expect(m.start >= 0 && m.start < m.end && m.end <= count)
        }
    }

    /// A damaged origin or signature leaves no name: no entity may be made of it (Fuzz/CableFuzz found
    /// `Embassy ` giving a place named "" with the id `location:unnamed`).
    @Test(arguments: ["Embassy ", "Embassy  ", "Embassy -", "Consulate ...", "US Mission \u{A0}"])
    func metadataWithoutANameMakesNoEntity(_ origin: String) {
        let cable = Support.annotated(Support.cable(["The talks in Almaty went well."], origin: origin, signature: "--"))
        for entity in cable.entities {
            #expect(entity.name.unicodeScalars.contains { $0.properties.isAlphabetic }, "\(entity)")
            #expect(!entity.id.hasSuffix(":unnamed"), "\(entity)")
        }
        #expect(cable.entities.map(\.id) == ["location:almaty"])
    }

    /// The ASCII shortcut of that check answers as the Unicode properties do, for every first byte.
    @Test func letterOrDigitShortcutAgreesWithUnicodeProperties() {
        func byProperties(_ name: String) -> Bool {
            name.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        }
        var names = ["", " ", "\u{A0}", "...", "-", "é", " Zürich", "Тажин", "٣", "--7"]
        for byte in UInt8(0)..<0x80 {
            let first = String(UnicodeScalar(byte))
            names += [first, first + " ", first + "x"]
        }
        for name in names {
            #expect(EntityResolver.hasLetterOrDigit(name) == byProperties(name), "\(Array(name.utf8))")
        }
    }

    @Test func emptyCable() {
        let cable = Support.annotated(Cable(id: "07X1", station: "X", serial: 1))
        #expect(cable.entities.isEmpty)
    }

    @Test func gazetteerLoadsAndKnowsFipsCodes() throws {
        let g = try Gazetteer.bundled()
        #expect(g.country(code: "KZ")?.name == "Kazakhstan")
        #expect(g.country(code: "GM")?.name == "Germany")
        #expect(g.country(code: "SP")?.name == "Spain")
        #expect(g.phraseCount > 5_000)
    }

    @Test func malformedGazetteerLineNamesFileAndLine() {
        var g = Gazetteer()
        do {
            try g.loadCues((name: "cues.tsv", text: "# comment\ntitle\tPresident\nbogus\tWord\n"))
            Issue.record("a line with an unknown cue kind was accepted")
        } catch {
            #expect(error.description.contains("cues.tsv:3"), "\(error)")
        }
    }
}
