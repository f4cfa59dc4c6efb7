import Testing
@testable import CableEntities

/// `KeySet` must answer exactly as `Set<String>` over the same keys.
@Suite struct KeySetTests {
    static let stored = ["THE", "OF", "GUTERRES", "O'MARA", "AL-MASRI", "MÜLLER", "Mu\u{308}ller", "\u{212A}", "", "A"]
    static let probes = stored + ["the", "GUTERRE", "GUTERRESS", "MÜLLER", "M\u{DC}LLER", "K", "k", "Ü", "MULLER", "B", " "]

    @Test func membershipMatchesSetOfString() {
        let keys = KeySet(Self.stored)
        let reference = Set(Self.stored)
        for probe in Self.probes {
            #expect(keys.contains(probe) == reference.contains(probe), "\(probe.unicodeScalars.map { $0.value })")
        }
        #expect(keys.count == reference.count)
    }

    @Test func growsPastItsFirstTable() {
        let words = (0..<5_000).map { "WORD\($0)" }
        let keys = KeySet(words.filter { $0.hasSuffix("7") == false })
        for word in words { #expect(keys.contains(word) == !word.hasSuffix("7")) }
    }

    @Test func hashFilterNeverDropsAMember() {
        let keys = KeySet(Self.stored)
        for probe in Self.probes {
            guard let hash = KeySet.asciiHash(probe) else { continue }
            if keys.contains(probe) { #expect(keys.mayContain(hash: hash), "\(probe)") }
        }
        #expect(!keys.mayContain(hash: KeySet.asciiHash("NOT A MEMBER")!))
    }

    @Test func bundledLexiconAnswersAsBefore() throws {
        let gazetteer = try Gazetteer.bundled()
        #expect(gazetteer.englishWords.contains("NEGOTIATION"))
        #expect(!gazetteer.englishWords.contains("GUTERRES"))
        #expect(gazetteer.firstNames.contains("ANTONIO"))
    }
}
