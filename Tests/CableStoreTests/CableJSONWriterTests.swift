import CableParser
import Foundation
import Testing
@testable import CableStore

/// `CableJSONWriter` must produce exactly the bytes of `Cable.makeJSONEncoder()`: stored JSON and its
/// hash (the ETag) may not depend on which of the two wrote it.
@Suite("Direct JSON writer")
struct CableJSONWriterTests {
    private func expectSameBytes(_ cable: Cable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try Cable.makeJSONEncoder().encode(cable)
        let written = Data(CableJSONWriter.encode(cable))
        #expect(written == expected, "\(cable.id): \(String(decoding: written, as: UTF8.self).prefix(300))",
                sourceLocation: sourceLocation)
    }

    private func parseAll(_ directory: URL) throws -> [Cable] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try files.map { file in
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(file)))
            return try CableParser().parse(TextDecoding.decode(bytes), knownID: String(file.dropLast(4)))
        }
    }

    @Test func fixtureCablesEncodeByteForByteLikeJSONEncoder() throws {
        let cables = try parseAll(packageRoot.appendingPathComponent("Tests/Fixtures/cables"))
        #expect(cables.count >= 20)
        for cable in cables { try expectSameBytes(cable) }
    }

    @Test func devCorpusEncodesByteForByteLikeJSONEncoder() throws {
        guard let corpus = sharedCorpus else {
            print("skipped: ../shared/corpus is not beside this checkout")
            return
        }
        let cables = try parseAll(corpus.appendingPathComponent("cables"))
        #expect(cables.count > 1_000)
        for cable in cables { try expectSameBytes(cable) }
    }

    @Test func everyFieldAndEveryEscapeMatch() throws {
        // Every control character, quote, backslash, slash, DEL, non-ASCII, U+2028 and an emoji.
        let awkward = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
            + "\"\\/ \u{7F} é – \u{2028} 👍 end"
        let mention = Cable.EntityMention(id: "person:a-b", type: "person", surface: awkward, start: 1, end: 2)
        let recipient = Cable.Recipient(routing: "RUEHC", name: awkward, precedence: "PRIORITY", mcn: "1207")
        let full = Cable(
            id: "07ASTANA3153", date: "2007-11-19T12:04:00Z", origin: "Embassy Astana", station: "ASTANA", serial: 3153,
            classification: "CONFIDENTIAL", caveats: ["SIPDIS", awkward], section: Cable.Section(number: 1, of: 2),
            partial: true, corrected: true,
            header: Cable.Header(transmissionId: "VZCZC", precedence: "PP", routingIndicator: "RUEHWEB", stationId: "RUEHTA",
                                 sequence: "#3153/01", dtg: "191204Z NOV 07", from: recipient, to: [recipient, recipient],
                                 info: [Cable.Recipient(name: "X")], xmt: [recipient], distribution: "d", source: "s",
                                 draftedBy: "a", approvedBy: "b"),
            executiveOrder: "12958", declassifyOn: "11/17/2017",
            tags: [Cable.Tag(code: "PGOV", kind: "subject", meaning: awkward), Cable.Tag(code: "KZ")],
            subject: awkward,
            references: [Cable.Reference(label: "A", id: "07STATE5", text: awkward), Cable.Reference(text: "t")],
            classifiedBy: Cable.ClassifiedBy(name: "n", title: "t", office: "o", reasons: ["1.4 (b)", "(d)"], text: awkward),
            paragraphs: [Cable.Paragraph(number: 1, classification: "C", text: awkward, entities: [mention, mention]),
                         Cable.Paragraph(number: -2, text: "")],
            summary: awkward, comments: [awkward, ""], signature: "ORDWAY", wordCount: Int.max, warnings: [awkward],
            entities: [Cable.EntitySummary(id: "person:a-b", name: awkward, type: "person", mentions: 2)])
        try expectSameBytes(full)
        try expectSameBytes(Cable(id: "", station: "", serial: Int.min))
    }

    @Test func preparedCableStoresTheWriterBytesWithTheirHash() throws {
        let cable = makeCable(id: "07ASTANA1", mentions: [1: [Cable.EntityMention(id: "location:almaty", type: "location", surface: "Almaty", start: 0, end: 6)]])
        let prepared = try PreparedCable(raw: "raw", cable: cable)
        #expect(prepared.json == (try Cable.makeJSONEncoder().encode(cable)))
        #expect(prepared.jsonHash == SHA256.hex(prepared.json))
        #expect(try Cable.makeJSONDecoder().decode(Cable.self, from: prepared.json) == cable)
    }
}
