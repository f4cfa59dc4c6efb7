import Foundation
import Testing
@testable import CableEntities

/// The metadata rules answered from bytes against the `String` and Foundation answers they replace.
@Suite struct MetadataBytesTests {
    static func preamble(_ raw: String, bytePath: Bool) -> [String] {
        var raw = raw
        return raw.withUTF8 { CableEvidence.preambleForLines(bytes: $0, bytePath: bytePath) }
    }

    @Test func addresseeLinesFromBytesAsFromStrings() throws {
        var texts = try FixtureCables.parsed().map(\.raw)
        texts.append("""
        R 011200Z JAN 07
        \tc o n f i d e n t i a l  ASTANA 003153\r
        SIPDIS\r
        pass to marc frey, dave gordner,
        kiko corti, mike
          SCA/CEN for M. O'MARA  \r
        DEPARTMENT FOR JUAN GONZALEZ, WHA
        BILL MCILHENNY and JOHN DOE
        NSC FOR CBARTON
        one two three four five FOR X
        Eo 12958: DECL: 01/01/2017
        """)
        texts.append("""
        UNCLAS SECTION 01 OF 02 STATE 123
        PASS TO MARC FREY, DAVE GORDNER
        PASS TO ONE
        NEXT LINE
        SCA FOR SEÑOR GÓMEZ, WHA
        ÉLAN, MORE
        TAGS PREL
        """)
        texts.append("LIMITED OFFICIAL USE\nPASS TO A, B,\n")
        var kept = 0
        for text in texts {
            let bytes = Self.preamble(text, bytePath: true)
            #expect(bytes == Self.preamble(text, bytePath: false))
            kept += bytes.count
        }
        #expect(kept >= 8)
    }

    @Test func upperCaseAsTheStandardLibrary() throws {
        var texts = try FixtureCables.parsed().flatMap { $0.raw.split(separator: "\n").map(String.init) }
        texts += ["", "abc xyz", "straße", "ŉ ǰ ΐ ﬁ ﬀ", "ı i İ", "ſ", "Señor Gómez for é\u{301}", "ᾳ ᾼ", "ǆ ǅ", "😀 a", "\r\n x",
                  "ﬆ ﬓ", "Ꭰ ꭰ", "ⓐ", "\u{1E9E}"]
        var nonASCII = 0
        for text in texts {
            #expect(CableEvidence.uppercased(text) == text.uppercased(), "\(text.debugDescription)")
            #expect(Array(CableEvidence.uppercased(text).utf8) == Array(text.uppercased().utf8), "\(text.debugDescription)")
            if text.utf8.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
        }
        #expect(nonASCII >= 10)
    }

    @Test func tagRulesAsFoundation() throws {
        var texts = try FixtureCables.parsed().flatMap { $0.cable.tags.flatMap { [$0.code, $0.meaning ?? ""] } }
        #expect(texts.count >= 40)
        texts += ["", "OVIP", "OVI", "ovip (x)", "OVIP (CLINTON, HILLARY)", "OVIP\u{301} (X)", "ÖVIP", "XOVIP", "OVIPÉ",
                  "Serbia (TAGS usage after 2006; FIPS RI)", " Serbia  (x) (y)", "(x)", " (", "Côte d'Ivoire (FIPS IV)",
                  "a\u{301} (b)", "Serbia\t(x)", "Serbia (", "No note here "]
        for text in texts {
            #expect(CableEvidence.isVIPCode(text) == text.hasPrefix("OVIP"), "\(text.debugDescription)")
            let foundation = text.components(separatedBy: " (")[0].trimmingCharacters(in: .whitespaces)
            #expect(CableEvidence.nameBeforeNote(text) == foundation, "\(text.debugDescription)")
        }
    }

    @Test func markSearchAsFoundation() {
        let texts = ["", " ", "a b", "ab", "a/b", "/", "ab/", "é b", "a \u{301}b", "\u{600} x", "x/\u{301}", "WHA/PPC", "Señor Gómez",
                     "ÉLAN", "a\r\n b", "\u{600}/"]
        for text in texts {
            #expect(CableEvidence.contains(text, mark: 0x20, foundation: { text.contains(" ") }) == text.contains(" "), "\(text.debugDescription)")
            #expect(CableEvidence.contains(text, mark: 0x2F, foundation: { text.contains("/") }) == text.contains("/"), "\(text.debugDescription)")
            let sub = text.dropFirst()
            #expect(CableEvidence.contains(sub, mark: 0x2F, foundation: { sub.contains("/") }) == sub.contains("/"), "\(text.debugDescription)")
        }
        var asked = false
        #expect(CableEvidence.contains("a b", mark: 0x20, foundation: { asked = true; return false }))
        #expect(!asked)
    }

    @Test func secretaryOfStateAsFoundation() {
        for origin in ["Secretary of State", "SECRETARY OF STATE", "The secretary of state's office", "Embassy Astana",
                       "secretary  of state", "Sécretary of State", "Secretary of Staté", "", "secretary of stat"] {
            #expect(CableContext.mentionsSecretaryOfState(origin) == origin.lowercased().contains("secretary of state"), "\(origin)")
        }
    }
}
