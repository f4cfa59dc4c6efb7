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

    /// Every matching row's (rowid, FTS5 rank, cablegate_bm25 given the match count as its one count).
    private func scores(_ table: String, _ query: String) throws -> [(rowid: Int, rank: Double, ours: Double)] {
        let match = try FTSQuery(query).expression
        let documents = try reader.connection.scalarInt("SELECT count(*) FROM \(table) WHERE \(table) MATCH ?", match) ?? 0
        let statement = try reader.connection.prepare(
            "SELECT rowid, rank, cablegate_bm25(\(table), ?) FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid")
        try statement.bind(PhraseDocumentCounts([Int64(documents)]), match)
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

    /// Every matching row's (rank, cablegate_bm25 with `counts`), and the counts afterwards.
    private func scores(_ table: String, _ query: String, counts: PhraseDocumentCounts) throws -> [(rank: Double, ours: Double)] {
        let statement = try reader.connection.prepare(
            "SELECT rank, cablegate_bm25(\(table), ?) FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid")
        try statement.bind(counts, try FTSQuery(query).expression)
        defer { statement.reset() }
        var rows: [(Double, Double)] = []
        while try statement.step() { rows.append((statement.double(0), statement.double(1))) }
        return rows
    }

    /// Several phrases, in FTS5's phrase order, and the document count of each counted alone.
    @Test(arguments: [("oil OR gas", ["oil", "gas"]), ("government NOT kazakhstan", ["government", "kazakhstan"]),
                      ("embassy officials government", ["embassy", "officials", "government"]), ("\"prime minister\" AND econ*", ["\"prime minister\"", "econ*"]),
                      ("(oil OR gas) -russia econ*", ["oil", "gas", "econ*", "russia"]), ("government", ["government"])])
    func phrasesCountedAndHandedBackBitForBit(query: String, phrases: [String]) throws {
        for table in ["paragraphs_fts", "subjects_fts"] {
            let counts = PhraseDocumentCounts()
            let counted = try scores(table, query, counts: counts)
            if table == "paragraphs_fts" { #expect(!counted.isEmpty, "\(query) matches no paragraph of the fixtures") }
            for row in counted { #expect(row.rank.bitPattern == row.ours.bitPattern, "\(table) \(query): \(row.rank) vs \(row.ours)") }
            guard !counted.isEmpty else { continue }
            var alone: [Int64] = []
            for phrase in phrases {
                alone.append(Int64(try reader.connection.scalarInt(
                    "SELECT count(*) FROM \(table) WHERE \(table) MATCH ?", try FTSQuery(phrase).expression) ?? -1))
            }
            #expect(counts.counts == alone, "\(table) \(query)")
            // Handed back in, the same counts give the same scores without counting.
            let supplied = try scores(table, query, counts: PhraseDocumentCounts(alone))
            #expect(supplied.map(\.ours.bitPattern) == counted.map(\.rank.bitPattern), "\(table) \(query)")
        }
    }

    @Test func suppliedCountsMustMatchThePhrases() throws {
        for (query, counts) in [("oil OR gas", [Int64(3)]), ("embassy", [1, 2])] {
            #expect(throws: SQLiteError.self, "\(query)") { try scores("paragraphs_fts", query, counts: PhraseDocumentCounts(counts)) }
        }
        // Counts come only as a bound `PhraseDocumentCounts`, never as a plain value.
        #expect(throws: SQLiteError.self) {
            try reader.connection.scalarInt(
                "SELECT cablegate_bm25(paragraphs_fts, 5) FROM paragraphs_fts WHERE paragraphs_fts MATCH '\"oil\" OR \"gas\"' LIMIT 1")
        }
        #expect(throws: SQLiteError.self) {
            try reader.connection.scalarInt(
                "SELECT cablegate_bm25(paragraphs_fts, NULL) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'embassy' LIMIT 1")
        }
    }

    @Test func aWrongDocumentCountGivesOtherScores() throws {
        let match = try FTSQuery("embassy").expression
        let statement = try reader.connection.prepare(
            "SELECT rank, cablegate_bm25(paragraphs_fts, ?) FROM paragraphs_fts WHERE paragraphs_fts MATCH ? LIMIT 1")
        try statement.bind(PhraseDocumentCounts([3]), match)
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
