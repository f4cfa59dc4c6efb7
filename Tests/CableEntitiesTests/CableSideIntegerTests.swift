import CableParser
import Foundation
import Testing
@testable import CableEntities

/// The cable side's integer and byte paths (round 7) against the `String` and `Character` rules they replace.
@Suite struct CableSideIntegerTests {
    /// The `Character` rules `addresseeNames` stands for (the non-ASCII path of `personsAfterCues`).
    static func referenceNames(_ names: Substring) -> [String] {
        var out: [String] = []
        for name in names.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let cleaned = name.replacingOccurrences(of: " AND ", with: ",", options: .caseInsensitive)
            for part in cleaned.split(separator: ",") {
                let words = part.split(separator: " ")
                if part.contains("/") || (words.count == 1 && words[0].count <= 4) { continue }
                out.append(String(part))
            }
        }
        return out
    }

    @Test func addresseeNamesFromBytesAsFromCharacters() {
        let texts = [
            "M. O'MARA", "CBARTON", "JUAN GONZALEZ, WHA", "BILL MCILHENNY, WHA/PPC", "marc frey, dave gordner,",
            "KIKO CORTI AND MIKE SMITH", "a and b and c", "JOHN DOE AND AND JANE ROE", " AND ", "AND JOHN SMITH",
            ",,;;", "", "WHA", "EUR/WE; JOHN SMITH", "JOHN SMITH\r", "JOHN\tSMITH, ANN LEE AnD BOB  JONES",
            "  PETER   PAN  ", "DCM AND POLOFF ANNA KARENINA", "X;Y;ZZZZZ WWWW", "ABCDE", "ABCD",
        ]
        for text in texts {
            let names = Substring(text)
            #expect(CableEvidence.addresseeNames(names) == Self.referenceNames(names), "\(text)")
        }
        // Not ASCII: the Character path answers.
        #expect(CableEvidence.addresseeNames("JOSÉ MARTÍ, WHA") == nil)
        #expect(CableEvidence.addresseeNames("A\nB") == nil)
    }

    @Test func addresseeNamesOfRandomMixes() {
        var rng = SystemRandomNumberGenerator()
        let pieces = [" AND ", " and ", ",", ";", " ", "/", "JOHN", "SMITH", "AB", "ANNA", "X", "\r", "\t", "AND", "DOE "]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(CableEvidence.addresseeNames(Substring(text)) == Self.referenceNames(Substring(text)), "\(text)")
        }
    }

    @Test func summariesSortAsByMentionsThenName() {
        var rng = SystemRandomNumberGenerator()
        let names = ["Astana", "Astana", "astana", "Astana Hotel", "Astana Hotels", "ASTANA", "Zhanaozen", "Ab", "Ab\u{0}",
                     "Almaty City Akimat", "Almaty City Akimat Office", "Ålesund", "A\u{30A}lesund", "Émile", "E\u{301}mile",
                     "Kabul", "\u{212A}abul", "", "Ministry of Foreign Affairs (Kazakhstan)", "Ministry of Foreign Affairs"]
        var keys: [ExtractionWorkspace.SummaryKey] = []
        for _ in 0..<300 {
            let summaries = (0..<Int.random(in: 0...30, using: &rng)).map { k in
                Cable.EntitySummary(id: "location:\(k)", name: names.randomElement(using: &rng)!, type: "location",
                                    mentions: Int.random(in: 1...3, using: &rng))
            }
            let expected = summaries.sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.name < $1.name }
            keys.removeAll()
            for (index, summary) in summaries.enumerated() {
                let prefix = SortPrefix(summary.name)
                keys.append(.init(mentions: summary.mentions, prefix: prefix.value, ascii: prefix.ascii, index: index))
            }
            keys.withUnsafeMutableBufferPointer { keys in EntityExtractor.sortSummaryKeys(keys) { summaries[$0].name } }
            #expect(keys.map { summaries[$0.index] } == expected)
        }
    }

    @Test func tableLookupInPlaceFindsTheStoredKeys() {
        var table = ByteKeyTable()
        let keys = (0..<500).map { Array("p|WORD \($0)".utf8) }
        for (k, key) in keys.enumerated() { key.withUnsafeBufferPointer { table.set($0, k) } }
        for (k, key) in keys.enumerated() {
            let found = key.withUnsafeBufferPointer { key in
                table.value(hash: ByteKeyTable.hash(key)) { $0.elementsEqual(key) }
            }
            #expect(found == k)
        }
        let missing = Array("p|WORD 500".utf8)
        #expect(missing.withUnsafeBufferPointer { key in table.value(hash: ByteKeyTable.hash(key)) { $0.elementsEqual(key) } } == nil)
    }

    @Test func composedAndDecomposedNamesAreOneEntity() {
        // The index is looked up from the words where they are ASCII and from built canonical keys where
        // they are not: both must meet in one table.
        let cable = Support.annotated(Support.cable([
            "Foreign Minister Jos\u{E9} Ram\u{F3}n Ortega met Ambassador Tazhin in Astana.",
            "Later Foreign Minister Jose\u{301} Ramo\u{301}n Ortega and Ambassador Tazhin flew to Astana.",
        ]))
        let people = cable.entities.filter { $0.type == "person" }
        let ortega = people.filter { $0.name.contains("Ortega") }
        #expect(ortega.count == 1)
        #expect(ortega.first?.mentions == 2)
        #expect(people.first { $0.name.contains("Tazhin") }?.mentions == 2)
        #expect(cable.entities.first { $0.name == "Astana" }?.mentions ?? 0 >= 2)
    }

    @Test func idsAreTypeColonSlug() {
        let names = ["Antonio Guterres", "M. O'Mara", "U.S. Embassy", "...", "", "'", "Ministry of Foreign Affairs (Kazakhstan)",
                     "Diyarbakır", "José Martí", "Al-Qaida", "  GOK  ", "3rd Division", "A--B", "Ünal", "K\u{212A}"]
        for type in ["person", "organization", "location"] {
            for name in names {
                #expect(NameText.id(type: type, name: name) == type + ":" + NameText.slug(name), "\(name)")
            }
        }
    }

    @Test func markSearchFromBuffersAsFromStrings() {
        let texts = ["Antonio Guterres", "EUR/WE", "/", "a/", "/b", "é/", "\u{301}/", "x/\u{301}", "NOSPACE", " ", "a\u{301} b", "a \u{301}b", ""]
        for text in texts {
            #expect(CableEvidence.contains(text, mark: 0x20, foundation: { text.contains(" ") }) == text.contains(" "), "\(text)")
            #expect(CableEvidence.contains(text, mark: 0x2F, foundation: { text.contains("/") }) == text.contains("/"), "\(text)")
            let sub = Substring(text)
            #expect(CableEvidence.contains(sub, mark: 0x2F, foundation: { sub.contains("/") }) == sub.contains("/"), "\(text)")
        }
    }

    @Test func scalarOffsetsOfLongRuns() {
        // Every lane full of continuation bytes for many blocks: the lane sums must not carry.
        for piece in ["€", "é", "𝄞", "a", "a€"] {
            let text = String(repeating: piece, count: 900)
            let bytes = Array(text.utf8)
            var counter = ScalarCounter()
            let perPiece = piece.utf8.count, scalars = piece.unicodeScalars.count
            bytes.withUnsafeBufferPointer { buffer in
                #expect(counter.offset(bytes.count, in: buffer) == 900 * scalars)
                #expect(counter.offset(0, in: buffer) == 0)
                #expect(counter.offset(perPiece * 451, in: buffer) == 451 * scalars)
            }
        }
    }

    @Test func scalarOffsetsCountedEightBytesAtATime() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", " ", "é", "“", "€", "𝄞", "\u{301}", "ü", ".", "\r\n"]
        for _ in 0..<300 {
            // Up to ~1,100 bytes: runs of more than 31 eight-byte words are summed in several blocks.
            let text = (0..<Int.random(in: 0...400, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let bytes = Array(text.utf8)
            // Byte offsets where a scalar starts (and the end), asked in any order.
            var offsets: [Int] = []
            var at = 0
            for scalar in text.unicodeScalars { offsets.append(at); at += String(scalar).utf8.count }
            offsets.append(at)
            var counter = ScalarCounter()
            bytes.withUnsafeBufferPointer { buffer in
                for _ in 0..<20 {
                    let pick = Int.random(in: offsets.indices, using: &rng)
                    #expect(counter.offset(offsets[pick], in: buffer) == pick, "\(text) at \(offsets[pick])")
                }
            }
        }
    }
}
