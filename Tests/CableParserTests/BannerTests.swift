import Testing
@testable import CableParser

@Suite("Classification banner and id")
struct BannerTests {
    @Test("banner forms", arguments: [
        ("C O N F I D E N T I A L ASTANA 003153", "07ASTANA3153", "CONFIDENTIAL", nil as Cable.Section?),
        ("UNCLAS SECTION 01 OF 03 MADRID 002164", "07MADRID2164", "UNCLASSIFIED", Cable.Section(number: 1, of: 3)),
        ("C o n f i d e n t i a l section 01 of 04 ankara 000348", "07ANKARA348", "CONFIDENTIAL", Cable.Section(number: 1, of: 4)),
        ("S E C R E T SECTION 02 OF 05 TEL AVIV 001234", "07TELAVIV1234", "SECRET", Cable.Section(number: 2, of: 5)),
        ("SS E C R E T MOSCOW 000226", "07MOSCOW226", "SECRET", nil),
        ("E C R E T SECTION 01 OF 03 BAGHDAD 000146", "07BAGHDAD146", "SECRET", Cable.Section(number: 1, of: 3)),
        ("UUNCLAS MANAGUA 001002", "07MANAGUA1002", "UNCLASSIFIED", nil),
        ("UNCLASSIFIED BUENOS AIRES 2481", "07BUENOSAIRES2481", "UNCLASSIFIED", nil),
        ("S e c r e t state 068250", "07STATE68250", "SECRET", nil),
        ("SECRET//NOFORN STATE 012345", "07STATE12345", "SECRET//NOFORN", nil),
    ])
    func forms(banner: String, id: String, classification: String, section: Cable.Section?) throws {
        let cable = try Support.parse(Support.cable(banner: banner, preamble: "SUBJECT: X"))
        #expect(cable.id == id)
        #expect(cable.classification == classification)
        #expect(cable.section == section)
    }

    @Test("caveats trailing the serial are read")
    func trailingCaveats() throws {
        let cable = try Support.parse(Support.cable(banner: "S E C R E T BOGOTA 000243 SIPDIS NOFORN", preamble: "SUBJECT: X"))
        #expect(cable.id == "07BOGOTA243")
        #expect(cable.classification == "SECRET//NOFORN")
        #expect(cable.caveats == ["SIPDIS", "NOFORN"])
    }

    @Test("a page id glued to letters is no banner")
    func pageID() {
        #expect(Banner.match(Array("CONFIDENTIALPTQ1859".utf8), line: 0) != nil)
        let text = CableText(bytes: Array("                           CONFIDENTIAL     PTQ1859\n".utf8))
        #expect(Banner.find(in: text, lines: 0..<1) == nil)
    }

    @Test("classification from caveat lines", arguments: [
        ("UNCLAS ASTANA 003153", "SENSITIVE\nSIPDIS", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ("UNCLAS ASTANA 003153", "SENSITIVE BUT UNCLASSIFIED", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ("UNCLAS ASTANA 003153", "DEA SENSITIVE", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ("UNCLAS ASTANA 003153", "SIPDIS", "UNCLASSIFIED"),
        ("S E C R E T ASTANA 003153", "NOFORN\n\nSIPDIS", "SECRET//NOFORN"),
        ("C O N F I D E N T I A L ASTANA 003153", "NOFORN, NOT FOR INTERNET DISTRIBUTION", "CONFIDENTIAL//NOFORN"),
    ])
    func caveatClassification(banner: String, caveats: String, expected: String) throws {
        let cable = try Support.parse(Support.cable(banner: banner, preamble: caveats + "\n\nSUBJECT: X"))
        #expect(cable.classification == expected)
    }

    @Test("only the banner and the caption block set the classification; other caveat lines stay caveats", arguments: [
        // A drafter's marking line repeating the level is no caption (09STATE119085, 06CARACAS219).
        ("S E C R E T ASTANA 003153", "SECRET//NOFORN\n\nSUBJECT: X", "SECRET", ["NOFORN"]),
        ("S E C R E T ASTANA 003153", "SIPDIS\nSECRET NOFORN\n\nSUBJECT: X", "SECRET", ["SIPDIS", "NOFORN"]),
        ("S E C R E T ASTANA 003153", "SIPDIS\nSECRET/NOFORN\n\nSUBJECT: X", "SECRET", ["SIPDIS", "NOFORN"]),
        // An SBU note after the keyed fields (07PARIS2027) is body guidance, not a caption.
        ("UNCLAS ASTANA 003153", "SIPDIS\n\nE.O. 12958: N/A\nSUBJECT: X\n\nSENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY",
         "UNCLASSIFIED", ["SIPDIS", "SENSITIVE"]),
        ("UNCLAS ASTANA 003153", "SENSITIVE\n\nE.O. 12958: N/A\nSUBJECT: X\n\nSENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY",
         "UNCLASSIFIED//FOR OFFICIAL USE ONLY", ["SENSITIVE"]),
        // A bare NOFORN caption counts; the marking block after `Classified By` adds FGI to the caveats.
        ("S E C R E T STATE 063860", "NOFORN\n\nSUBJECT: X\n\nClassified By: Derived from Multiple Sources\n\nSECRET//FGI//NOFORN",
         "SECRET//NOFORN", ["NOFORN", "FGI"]),
    ])
    func captionBlock(banner: String, preamble: String, expected: String, caveats: [String]) throws {
        let cable = try Support.parse(Support.cable(banner: banner, preamble: preamble))
        #expect(cable.classification == expected)
        #expect(cable.caveats == caveats)
    }

    @Test("a page pairing two cables takes the level of the header the caller's id names")
    func pairedPageClassification() throws {
        let text = Support.cable(banner: "S E C R E T MOSCOW 000512", preamble: "NOFORN\n\nSUBJECT: X")
        let record = try Support.parse(text, knownID: "07ASTANA3153")
        #expect(record.classification == "CONFIDENTIAL")
        #expect(record.warnings.contains("classification CONFIDENTIAL taken from the routing header: the banner names another cable"))
        // From the text alone the record is the body's cable.
        #expect(try Support.parse(text).classification == "SECRET//NOFORN")
        // Levels that agree leave the banner's classification, caveats included.
        let same = Support.cable(banner: "C O N F I D E N T I A L MOSCOW 000512", preamble: "NOFORN\n\nSUBJECT: X")
        #expect(try Support.parse(same, knownID: "07ASTANA3153").classification == "CONFIDENTIAL//NOFORN")
    }

    @Test("the caller's id wins; the text's disagreement is a warning")
    func knownIDDisagrees() throws {
        let cable = try Support.parse(Support.cable(), knownID: "07astana003152")
        #expect(cable.id == "07ASTANA3152")
        #expect(cable.serial == 3152)
        #expect(cable.warnings.contains("banner serial 3153 disagrees with id given 07ASTANA3152"))
    }

    @Test("agreeing id gives no warning")
    func knownIDAgrees() throws {
        let cable = try Support.parse(Support.cable(), knownID: "07ASTANA3153")
        #expect(cable.warnings.isEmpty)
    }

    @Test("banner station and FM line disagree: warned")
    func mismatchedPage() throws {
        let cable = try Support.parse(Support.cable(banner: "C O N F I D E N T I A L MOSCOW 000512"))
        #expect(cable.id == "07MOSCOW512")
        #expect(cable.warnings.contains("banner station MOSCOW disagrees with FM line station ASTANA"))
    }

    @Test("redacted banner station is taken from the FM line")
    func redactedStation() throws {
        let header = "R 070012Z JAN 10\nFM AMCONSUL SHENYANG\nTO RUEHC/SECSTATE WASHDC 8952"
        let cable = try Support.parse(Support.cable(header: header, banner: "SE C R E T SECTION 01 OF 02 XXXXXXXXXXXX 000004"))
        #expect(cable.id == "10SHENYANG4")
        #expect(cable.origin == "Consulate Shenyang")
    }

    @Test("a banner-like page header above the routing header is skipped")
    func pageHeaderAboveRouting() throws {
        let header = "S E C R E T   STATE   00119085\nVZCZCXRO1706\nDE RUEHC #9085/01 3221739\nP 181729Z NOV 09\nFM SECSTATE WASHDC"
        let cable = try Support.parse(Support.cable(header: header, banner: "S E C R E T SECTION 01 OF 11 STATE 119085"))
        #expect(cable.id == "09STATE119085")
        #expect(cable.header.dtg == "181729Z NOV 09")
        #expect(cable.origin == "Secretary of State")
        #expect(cable.section == Cable.Section(number: 1, of: 11))
    }
}
