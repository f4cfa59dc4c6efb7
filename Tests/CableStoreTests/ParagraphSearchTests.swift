import CableParser
import Foundation
import Testing
@testable import CableStore

@Suite("Paragraph search")
struct ParagraphSearchTests {
    let store: CableStore
    let reader: CableReader

    init() throws {
        store = try CableStore(path: temporaryDatabasePath())
        for serial in 1...30 {
            var paragraphs = ["Grain exports and visa policy.", "Ministers met on energy."]
            if serial % 3 == 0 { paragraphs.append("Visa visa: the ministry of visas.") }
            try store.put(raw: "raw \(serial)", cable: makeCable(id: "08POST\(serial)", paragraphs: paragraphs))
        }
        reader = try store.makeReader()
    }

    /// (cable id, paragraph number, score) in the order FTS5 ranks every match, as the reference.
    private func reference(_ query: String) throws -> [String] {
        let statement = try reader.connection.prepare("""
            SELECT c.id, p.number FROM paragraphs_fts f JOIN paragraphs p ON p.pk = f.rowid JOIN cables c ON c.pk = p.cable_pk
            WHERE paragraphs_fts MATCH ? ORDER BY f.rank, f.rowid
            """)
        try statement.bind(try FTSQuery(query).expression)
        defer { statement.reset() }
        var rows: [String] = []
        while try statement.step() { rows.append("\(statement.text(0) ?? "")/\(statement.int(1))") }
        return rows
    }

    private func allPages(_ query: String, sort: ParagraphSort = .relevance, limit: Int) throws -> [ParagraphHit] {
        var items: [ParagraphHit] = []
        var cursor: String?
        repeat {
            let page = try reader.searchParagraphs(query: query, sort: sort, limit: limit, cursor: cursor)
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return items
    }

    @Test func relevancePagesFollowTheRankOrderWithSnippetsForEveryRow() throws {
        for query in ["visa", "minist* OR grain", "\"visa policy\""] {
            for limit in [1, 4, 100] {
                let hits = try allPages(query, limit: limit)
                #expect(hits.map { "\($0.cableID)/\($0.number)" } == (try reference(query)), "\(query) limit \(limit)")
                #expect(hits.allSatisfy { $0.snippet.contains("<mark>") }, "\(query)")
            }
        }
        let stored = try allPages("minist*", sort: .stored, limit: 7)
        #expect(stored.count == (try reference("minist*")).count)
        #expect(stored.allSatisfy { $0.snippet.contains("<mark>") })
    }

    @Test func overTheBoundOnlyTheNewestMatchesAreRanked() throws {
        reader.relevanceBound = 5
        defer { reader.relevanceBound = 10_000 }
        let first = try reader.searchParagraphs(query: "visa", limit: 100)
        #expect(first.rankedMatches == 5)
        #expect(first.items.count == 5)
        // The five newest matching paragraphs: cables 30, 29, 28 and 27 (30 has two).
        #expect(Set(first.items.map(\.cableID)) == ["08POST30", "08POST29", "08POST28", "08POST27"])
        let scores = first.items.map(\.score)
        #expect(scores == scores.sorted())
        let paged = try allPages("visa", limit: 2)
        #expect(paged.map { "\($0.cableID)/\($0.number)" } == first.items.map { "\($0.cableID)/\($0.number)" })
        #expect(try reader.searchParagraphs(query: "energy", sort: .stored, limit: 3).rankedMatches == nil)
        reader.relevanceBound = 10_000
        #expect(try reader.searchParagraphs(query: "visa", limit: 100).rankedMatches == nil)
    }
}
