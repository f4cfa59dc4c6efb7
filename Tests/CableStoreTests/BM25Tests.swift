import Foundation
import Testing
@testable import CableStore

@Suite("cablegate_bm25 against FTS5's rank")
struct BM25Tests {
    let reader: CableReader

    init() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let summary = try Importer(store: store).run([.path(packageRoot.appendingPathComponent("Tests/Fixtures/cables").path)])
        #expect(summary.failedCount == 0)
        reader = try store.makeReader()
        try reader.registerBM25()
    }

    /// Every matching row's (rowid, FTS5 rank, cablegate_bm25 given the match count).
    private func scores(_ table: String, _ query: String) throws -> [(rowid: Int, rank: Double, ours: Double)] {
        let match = try FTSQuery(query).expression
        let documents = try reader.connection.scalarInt("SELECT count(*) FROM \(table) WHERE \(table) MATCH ?", match) ?? 0
        let statement = try reader.connection.prepare(
            "SELECT rowid, rank, cablegate_bm25(\(table), ?) FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid")
        try statement.bind(documents, match)
        defer { statement.reset() }
        var rows: [(Int, Double, Double)] = []
        while try statement.step() { rows.append((statement.int(0), statement.double(1), statement.double(2))) }
        return rows
    }

    /// Words (common ones, where FTS5 floors the IDF, and rare ones), quoted phrases and prefixes.
    @Test(arguments: ["government", "the", "embassy", "kazakhstan", "nazarbayev", "\"prime minister\"", "U.S.", "kazakh*", "econ*", "oil"])
    func sameScoresBitForBit(query: String) throws {
        for table in ["paragraphs_fts", "subjects_fts"] {
            let rows = try scores(table, query)
            if table == "paragraphs_fts" { #expect(!rows.isEmpty, "\(query) matches no paragraph of the fixtures") }
            for row in rows {
                #expect(row.rank.bitPattern == row.ours.bitPattern, "\(table) \(query) rowid \(row.rowid): \(row.rank) vs \(row.ours)")
            }
        }
    }

    @Test func aWrongDocumentCountGivesOtherScores() throws {
        let match = try FTSQuery("embassy").expression
        let statement = try reader.connection.prepare(
            "SELECT rank, cablegate_bm25(paragraphs_fts, 3) FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT 1")
        try statement.bind(match)
        defer { statement.reset() }
        #expect(try statement.step())
        #expect(statement.double(0) != statement.double(1))
    }

    @Test func onlyOnePhraseQueriesTakeThePassedCount() throws {
        let single = ["visa", "\"prime minister\"", "uzbek*", "U.S.", "(visa)"]
        let several = ["visa fees", "visa OR fees", "visa -fees", "(visa OR fees) AND minister", "\"a\" \"b\"*"]
        for query in single { #expect(FTSQuery.isSinglePhrase(try FTSQuery(query).expression), "\(query)") }
        for query in several { #expect(!FTSQuery.isSinglePhrase(try FTSQuery(query).expression), "\(query)") }
    }

    @Test func aMissingArgumentIsAnSQLError() throws {
        #expect(throws: SQLiteError.self) {
            try reader.connection.scalarInt(
                "SELECT cablegate_bm25(paragraphs_fts) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'embassy' LIMIT 1")
        }
    }
}
