import CableParser
import Testing
@testable import CableEntities

/// The metadata memo's kept answers against the metadata worked out afresh.
@Suite struct MetadataMemoTests {
    static func describe(_ m: MetadataMention) -> String {
        "\(m.type) \(m.surface) \(m.canonical ?? "-") \(m.keys) \(m.evidence.rawValue)"
    }

    static func collect(_ cable: Cable, raw: String?, memo: MetadataMemo?) -> [String] {
        let g = Support.extractor.gazetteer
        let env = ParagraphRecognizer.Environment(gazetteer: g, context: CableContext(gazetteer: g, cable: cable))
        return CableEvidence(env: env, memo: memo).collect(cable, rawText: raw).map(describe)
    }

    /// Fields that share a code, a name or a city but not the rest, so a memo keyed on too little answers wrongly.
    static func lookalikes() -> [Cable] {
        func cable(_ tags: [Cable.Tag], origin: String?, signature: String?, classifiedBy: String?) -> Cable {
            var c = Support.cable(["Nothing here."], origin: origin, tags: tags, signature: signature)
            c.classifiedBy = classifiedBy.map { Cable.ClassifiedBy(name: $0, text: "Classified by: \($0)") }
            return c
        }
        return [
            cable([.init(code: "XKZ", kind: "organization", meaning: "United Nations"), .init(code: "KZ"),
                   .init(code: "OVIP (CLINTON, HILLARY)", kind: "person")],
                  origin: "Embassy Astana", signature: "ORDWAY", classifiedBy: "Ambassador John Ordway"),
            cable([.init(code: "XKZ", kind: "geographic", meaning: "Serbia (TAGS usage after 2006; FIPS RI)"),
                   .init(code: "KZ", kind: "subject"), .init(code: "OVIP (RICE, CONDOLEEZZA)", kind: "person")],
                  origin: "Embassy Tehran", signature: "ORDWAY/MILLER", classifiedBy: "DCM Kevin Milas"),
            cable([.init(code: "XKZ", kind: "organization", meaning: "World Bank"), .init(code: "XKZ")],
                  origin: "Embassy Astana ", signature: "ORDWAY,\nMILLER", classifiedBy: " Ambassador John Ordway"),
        ]
    }

    @Test func signatureNamesFromBytesAsFromCharacters() throws {
        var signatures = try FixtureCables.parsed().compactMap(\.cable.signature)
        #expect(signatures.count >= 10)
        signatures += ["", " ", "RICE", "ORDWAY/MILLER", "ORDWAY,\nMILLER", "A,\r\nB", "A\r\nB/C", " / ,\n", "\tSMITH JR. / JONES ",
                       "SEÑOR/GÓMEZ", "X\n\nY,,Z/", "a\u{301}/b", "WHA/PPC"]
        for signature in signatures {
            #expect(CableEvidence.signatureNames(signature) == CableEvidence.signatureNames(signature, characterPath: true),
                    "\(signature.debugDescription)")
        }
        #expect(CableEvidence.signatureNames(" A / B ,C\nD ") == ["A", "B", "C", "D"])
    }

    @Test func keptAnswersAreTheAnswers() throws {
        var cases = try FixtureCables.parsed().map { (cable: $0.cable, raw: Optional($0.raw)) }
        cases += Self.lookalikes().map { (cable: $0, raw: nil) }
        let memo = MetadataMemo()
        var mentions = 0
        // Twice over the same memo: the second round is answered from it.
        for _ in 0..<2 {
            for (cable, raw) in cases {
                let fresh = Self.collect(cable, raw: raw, memo: nil)
                #expect(Self.collect(cable, raw: raw, memo: memo) == fresh, "\(cable.id)")
                mentions += fresh.count
            }
        }
        #expect(mentions >= 100)
    }
}
