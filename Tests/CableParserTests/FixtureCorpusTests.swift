import Foundation
import Testing
@testable import CableParser

/// The fixture set (Tests/Fixtures, copied from the dev corpus, with the odd renderings) against its
/// manifest. Runs everywhere, including clean clones without ../shared.
@Suite("Fixture cables")
struct FixtureCorpusTests {
    static let rows: [Support.ManifestRow] = (try? Support.manifest(Support.fixtures.appendingPathComponent("manifest.jsonl"))) ?? []

    /// Fixtures whose published metadata the text cannot give, and why (see CorpusTests for the full list).
    static let known: [String: String] = [
        // The published page pairs this header with the body of 07MOSCOW5154 (banner SECRET).
        "07PARIS2725": "classification",
        // The published page pairs this header with the body of 09STATE68250 (a 2009 State cable).
        "88BAGHDAD28": "classification",
        // WikiLeaks published SECRET although the text has a NOFORN line under the banner.
        "09STATE119085": "classification",
        // The text has SENSITIVE BUT UNCLASSIFIED under the banner; WikiLeaks published UNCLASSIFIED.
        "07PARIS2027": "classification",
        // No NOFORN line or banner marking; WikiLeaks published CONFIDENTIAL//NOFORN (from the (C/NF) marks).
        "08LONDON1991": "classification",
    ]

    @Test("the fixture manifest lists every fixture")
    func complete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Support.fixtures.appendingPathComponent("cables").path)
        #expect(Set(files) == Set(Self.rows.map(\.file)))
        #expect(Self.rows.count >= 30)
    }

    @Test("id, date to the hour, classification and origin", arguments: rows.map(\.id))
    func fields(id: String) throws {
        let row = try #require(Self.rows.first { $0.id == id })
        let cable = try CableParser().parse(bytes: Support.fixture(id), knownID: id)
        #expect(cable.id == row.id)
        #expect(cable.origin == row.origin)
        if let date = cable.date {
            #expect(date.prefix(13) == String(row.created.prefix(13)).replacingOccurrences(of: " ", with: "T"))
        } else {
            // Partial extracts (05PARIS1699, 04MADRID4367) have no routing header, so no DTG and no date.
            #expect(cable.partial)
        }
        if Self.known[id] != "classification" {
            #expect(cable.classification == row.classification)
        } else {
            #expect(cable.classification != row.classification, "an exception that no longer is one: drop it from the list")
        }
    }
}
