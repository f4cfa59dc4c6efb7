import Testing
@testable import CableParser

/// `07ASTANA3153` as a reader copied it from a web page: leading blank lines, no trailing newline,
/// TAGS as markdown links, `1.(SBU)` with no space. Every field, byte for byte.
@Suite("Seed cable 07ASTANA3153")
struct SeedCableTests {
    let cable: Cable

    init() throws {
        cable = try CableParser().parse(bytes: Support.fixture("07ASTANA3153"))
    }

    @Test func identity() {
        #expect(cable.id == "07ASTANA3153")
        #expect(cable.station == "ASTANA")
        #expect(cable.serial == 3153)
        #expect(cable.date == "2007-11-19T12:04:00Z")
        #expect(cable.origin == "Embassy Astana")
        #expect(cable.classification == "CONFIDENTIAL")
        #expect(cable.caveats == ["SIPDIS"])
        #expect(cable.section == nil)
        #expect(cable.partial == false)
        #expect(cable.corrected == false)
        #expect(cable.warnings == [])
    }

    @Test func header() {
        #expect(cable.header.transmissionId == "VZCZCXRO9896")
        #expect(cable.header.precedence == "ROUTINE")
        #expect(cable.header.routingIndicator == "RUEHTA")
        #expect(cable.header.stationId == "3153")
        #expect(cable.header.sequence == "3231204")
        #expect(cable.header.dtg == "191204Z NOV 07")
        #expect(cable.header.from == Cable.Recipient(name: "AMEMBASSY ASTANA"))
        #expect(cable.header.to == [Cable.Recipient(routing: "RUEHC", name: "SECSTATE WASHDC", mcn: "1207")])
        #expect(cable.header.info == [
            Cable.Recipient(routing: "RUCNCIS", name: "CIS COLLECTIVE", mcn: "0306"),
            Cable.Recipient(routing: "RUCNDT", name: "USMISSION USUN NEW YORK", mcn: "1893"),
        ])
    }

    @Test func preamble() {
        #expect(cable.executiveOrder == "12958")
        #expect(cable.declassifyOn == "2017-11-17")
        #expect(cable.tags.map(\.code) == ["PGOV", "PREL", "KZ"])
        #expect(cable.tags.map(\.kind) == ["subject", "subject", "geographic"])
        #expect(cable.tags.last?.meaning == "Kazakhstan")
        #expect(cable.subject == "UN HIGH COMMISSIONER FOR REFUGEES SEES POSITIVE STEPS FROM KAZAKHSTAN")
        #expect(cable.references == [])
        #expect(cable.classifiedBy?.title == "POL/ECON CHIEF")
        #expect(cable.classifiedBy?.name == "STEVE FAGIN")
        #expect(cable.classifiedBy?.reasons == ["1.4(b)", "1.4(d)"])
    }

    @Test func body() {
        #expect(cable.paragraphs.map(\.number) == [1, 2, 3])
        #expect(cable.paragraphs.map(\.classification) == ["SBU", "C", "C"])
        #expect(cable.paragraphs[0].text.hasPrefix("UN High Commissioner for Refugees Antonio Guterres and Kazakhstan's"))
        #expect(cable.paragraphs[2].text.hasSuffix("as a very positive sign."))
        #expect(cable.signature == "Ordway")
        #expect(cable.summary == nil)
        #expect(cable.comments == [])
        #expect(cable.wordCount == 306)
    }
}
