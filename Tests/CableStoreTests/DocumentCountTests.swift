import CableParser
import Foundation
import Testing
@testable import CableStore

/// Paragraph relevance scored by `cablegate_bm25` with cached phrase document counts, against
/// FTS5's own `rank` over every match.
@Suite("Cached document counts")
struct DocumentCountTests {
    let store: CableStore
    let reader: CableReader

    /// One word, a prefix, a quoted phrase, AND / OR / NOT, several words, and a mix.
    static let queries = ["government", "kazakh*", "\"prime minister\"", "oil AND gas", "oil OR gas",
                          "government NOT kazakhstan", "embassy officials government", "(oil OR gas) -russia",
                          "\"state secret\" OR econ* OR nazarbayev"]

    init() throws {
        store = try CableStore(path: temporaryDatabasePath())
        let summary = try Importer(store: store).run([.path(packageRoot.appendingPathComponent("Tests/Fixtures/cables").path)])
        #expect(summary.failedCount == 0)
        reader = try store.makeReader()
    }

    /// Every match of `query` as "cable/number" with FTS5's rank, best first (rank, then rowid).
    private func reference(_ query: String, on reader: CableReader? = nil) throws -> [(key: String, rank: Double)] {
        let statement = try (reader ?? self.reader).connection.prepare("""
            SELECT c.id, p.number, f.rank FROM paragraphs_fts f JOIN paragraphs p ON p.pk = f.rowid
            JOIN cables c ON c.pk = p.cable_pk WHERE paragraphs_fts MATCH ? ORDER BY f.rank, f.rowid
            """)
        try statement.bind(try FTSQuery(query).expression)
        defer { statement.reset() }
        var rows: [(String, Double)] = []
        while try statement.step() { rows.append(("\(statement.text(0) ?? "")/\(statement.int(1))", statement.double(2))) }
        return rows
    }

    private func allPages(_ query: String, limit: Int, reader: CableReader? = nil) throws -> [ParagraphHit] {
        let reader = reader ?? self.reader
        var items: [ParagraphHit] = []
        var cursor: String?
        repeat {
            let page = try reader.searchParagraphs(query: query, limit: limit, cursor: cursor)
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return items
    }

    /// The hits equal the reference row for row: same paragraphs, same order, same score bits.
    private func expectRank(_ hits: [ParagraphHit], _ query: String, _ label: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try reference(query)
        #expect(!expected.isEmpty, "\(query) matches nothing in the fixtures", sourceLocation: sourceLocation)
        #expect(hits.map { "\($0.cableID)/\($0.number)" } == expected.map(\.key), "\(label) \(query)", sourceLocation: sourceLocation)
        #expect(hits.map(\.score.bitPattern) == expected.map(\.rank.bitPattern), "\(label) \(query)", sourceLocation: sourceLocation)
    }

    @Test(arguments: queries)
    func coldAndWarmScoresEqualRank(query: String) throws {
        reader.cachesDocumentCounts = false
        try expectRank(try allPages(query, limit: 1_000), query, "bypassed")
        #expect(reader.documentCountCache.count == 0)
        reader.cachesDocumentCounts = true
        try expectRank(try allPages(query, limit: 1_000), query, "cold")
        #expect(reader.documentCountCache.count == 1)
        try expectRank(try allPages(query, limit: 1_000), query, "warm")
        #expect(reader.documentCountCache.count == 1)
    }

    @Test func pagingWithCursorsGivesTheRankSequence() throws {
        for query in Self.queries {
            for limit in [1, 3, 7] {
                try expectRank(try allPages(query, limit: limit), query, "limit \(limit)")
            }
        }
    }

    @Test func aCursorInTheUnchangedFormatContinuesAfterItsRow() throws {
        // Cursors carry (score bits, rowid) as before the change, so one made from FTS5's rank resumes.
        let query = "oil OR gas"
        let statement = try reader.connection.prepare(
            "SELECT rowid, rank FROM paragraphs_fts WHERE paragraphs_fts MATCH ? ORDER BY rank, rowid LIMIT 1 OFFSET 2")
        try statement.bind(try FTSQuery(query).expression)
        #expect(try statement.step())
        let cursor = Cursor.encode(kind: "paragraphs:relevance", [Cursor.encode(statement.double(1)), String(statement.int(0))])
        statement.reset()
        let page = try reader.searchParagraphs(query: query, limit: 1_000, cursor: cursor)
        let expected = try reference(query).dropFirst(3)
        #expect(page.items.map { "\($0.cableID)/\($0.number)" } == expected.map(\.key))
        #expect(page.items.map(\.score) == expected.map(\.rank))
    }

    @Test func theCachedCountsAreTheOnesUsed() throws {
        // Counts planted for the current version must change the scores: proof that a warm query
        // does not count again.
        let query = "oil OR gas"
        let match = try FTSQuery(query).expression
        let honest = try allPages(query, limit: 1_000).map(\.score)
        let version = try reader.connection.scalarInt("PRAGMA data_version") ?? 0
        #expect(reader.documentCountCache.counts("paragraphs_fts", match, at: version) != nil)
        reader.documentCountCache.store([1, 1], "paragraphs_fts", match, at: version)
        let planted = try allPages(query, limit: 1_000).map(\.score)
        #expect(planted.count == honest.count)
        #expect(planted != honest)
    }

    @Test func aCommitByAnotherConnectionInvalidatesTheCache() throws {
        for query in ["government", "oil OR gas", "kazakh*"] {
            try expectRank(try allPages(query, limit: 5), query, "before the write")
        }
        let before = reader.documentCountCache.count
        #expect(before == 3)
        let match = try FTSQuery("government").expression
        let oldVersion = try reader.connection.scalarInt("PRAGMA data_version") ?? 0
        let oldCounts = reader.documentCountCache.counts("paragraphs_fts", match, at: oldVersion)
        // The writer is another connection: its commit moves this reader's data_version.
        try store.put(raw: "raw added", cable: makeCable(id: "09ADDED1", paragraphs: [
            "The government of Kazakhstan and the government of Uzbekistan signed an oil and gas deal.",
            "Government officials met.",
        ]))
        for query in ["government", "oil OR gas", "kazakh*"] {
            try expectRank(try allPages(query, limit: 5), query, "after the write")
        }
        let newVersion = try reader.connection.scalarInt("PRAGMA data_version") ?? 0
        #expect(newVersion != oldVersion)
        let newCounts = reader.documentCountCache.counts("paragraphs_fts", match, at: newVersion)
        #expect(newCounts != nil)
        #expect(newCounts.map { $0[0] } == oldCounts.map { $0[0] + 2 })
    }

    @Test func aCableListRelevanceFillsAndUsesTheCacheToo() throws {
        for query in ["oil OR gas", "government NOT kazakhstan"] {
            let fresh = try store.makeReader()
            fresh.cachesDocumentCounts = false
            let bypassed = try fresh.listCables(filter: CableFilter(query: query), sort: .relevance, limit: 1_000)
            let cold = try reader.listCables(filter: CableFilter(query: query), sort: .relevance, limit: 1_000)
            let warm = try reader.listCables(filter: CableFilter(query: query), sort: .relevance, limit: 1_000)
            #expect(!bypassed.items.isEmpty, "\(query)")
            #expect(cold.items.map(\.id) == bypassed.items.map(\.id), "\(query)")
            #expect(cold.items.map(\.score) == bypassed.items.map(\.score), "\(query)")
            #expect(warm.items.map(\.score) == bypassed.items.map(\.score), "\(query)")
        }
        let version = try reader.connection.scalarInt("PRAGMA data_version") ?? 0
        for query in ["oil OR gas", "government NOT kazakhstan"] {
            #expect(reader.documentCountCache.counts("paragraphs_fts", try FTSQuery(query).expression, at: version)?.count == 2)
        }
    }

    @Test(arguments: ["NEAR(a b)", "text:visa", "col : \"x\"", "^visa", "visa*)", "') OR 1=1; --", "\"\"", "** *"])
    func hostileQueriesAreSafeOrRefused(query: String) throws {
        do {
            let page = try reader.searchParagraphs(query: query, limit: 20)
            #expect(page.items.allSatisfy { $0.score.isFinite }, "\(query)")
        } catch let error as StoreError {
            guard case .invalidQuery(let message) = error else {
                Issue.record("\(query): \(error)")
                return
            }
            #expect(!message.isEmpty)
        }
    }

    @Test func refusedQueriesNameTheProblem() throws {
        for query in ["(visa", "\"unclosed", "AND", "visa OR", "-visa", String(repeating: "a ", count: 40), "()"] {
            #expect(throws: StoreError.self, "\(query)") { try reader.searchParagraphs(query: query, limit: 20) }
        }
        // The reader stays usable (no transaction left open) after each refusal.
        #expect(reader.connection.isAutocommit)
        try expectRank(try allPages("government", limit: 50), "government", "after refusals")
    }
}

@Suite("Document count cache")
struct DocumentCountCacheTests {
    @Test func keepsAtMostCapacityDroppingTheOldestFirst() {
        var cache = DocumentCountCache()
        cache.capacity = 3
        for term in 0..<10 { cache.store([Int64(term)], "t", "e\(term)", at: 1) }
        #expect(cache.count == 3)
        #expect(cache.counts("t", "e6", at: 1) == nil)
        #expect((7..<10).map { cache.counts("t", "e\($0)", at: 1) } == [[7], [8], [9]])
        // Storing a kept expression again replaces its counts without evicting anything.
        cache.store([70], "t", "e7", at: 1)
        #expect(cache.count == 3)
        #expect(cache.counts("t", "e7", at: 1) == [70])
        cache.store([11], "t", "e11", at: 1)
        #expect(cache.counts("t", "e7", at: 1) == nil)
        #expect(cache.counts("t", "e8", at: 1) == [8])
    }

    @Test func tablesAreKeptApartAndAnotherVersionEmptiesIt() {
        var cache = DocumentCountCache()
        cache.store([1, 2], "paragraphs_fts", "x", at: 5)
        cache.store([3, 4], "subjects_fts", "x", at: 5)
        #expect(cache.counts("paragraphs_fts", "x", at: 5) == [1, 2])
        #expect(cache.counts("subjects_fts", "x", at: 5) == [3, 4])
        #expect(cache.counts("paragraphs_fts", "x", at: 6) == nil)
        #expect(cache.count == 0)
        #expect(cache.dataVersion == 6)
        cache.store([9], "paragraphs_fts", "y", at: 7)
        #expect(cache.count == 1)
        #expect(cache.counts("paragraphs_fts", "y", at: 7) == [9])
    }
}
