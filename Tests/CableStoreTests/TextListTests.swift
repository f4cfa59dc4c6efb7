import CableParser
import Foundation
import Testing
@testable import CableStore

/// 40 cables whose paragraphs repeat (so many bm25 scores tie), some matching only by subject, some
/// replaced after the first listing (so paragraph keys stop being in cable order).
private func makeTieStore() throws -> CableStore {
    let store = try CableStore(path: temporaryDatabasePath())
    for serial in 1...40 {
        var paragraphs = ["Trade talks on grain.", "Energy policy and pipelines."]
        if serial % 3 == 0 { paragraphs.append("The minister discussed the visa regime.") }
        if serial % 5 == 0 { paragraphs.append("Visa fees, visa queues and the minister.") }
        if serial % 7 == 0 { paragraphs = ["Nothing about travel here."] }
        let cable = makeCable(
            id: "07STATION\(serial)", date: serial % 11 == 0 ? nil : String(format: "2007-%02d-%02dT10:00:00Z", serial % 12 + 1, serial % 27 + 1),
            origin: serial % 2 == 0 ? "Embassy Astana" : "Embassy Paris", classification: serial % 4 == 0 ? "SECRET" : "CONFIDENTIAL",
            tags: serial % 3 == 1 ? ["PGOV"] : ["ECON"], subject: serial % 7 == 0 ? "VISA WAIVER" : "SUBJECT \(serial % 4)",
            paragraphs: paragraphs)
        try store.put(raw: "raw \(serial)", cable: cable)
    }
    return store
}

@Suite("Full-text cable listing")
struct TextListTests {
    let store: CableStore
    let reader: CableReader

    init() throws {
        store = try makeTieStore()
        reader = try store.makeReader()
    }

    /// The listing as the single SQL join over every matching paragraph computes it (the reference).
    private func reference(_ filter: CableFilter, sort: CableSort) throws -> [(id: String, score: Double)] {
        let sql = try FilterSQL(filter)
        let order = switch sort {
        case .date: "c.date, c.id"
        case .dateDescending: "c.date DESC, c.id DESC"
        case .relevance: "m.score, c.id"
        }
        let statement = try reader.connection.prepare("SELECT c.id, m.score FROM \(sql.from)\(sql.whereClause) ORDER BY \(order)")
        try statement.bind(sql.values)
        defer { statement.reset() }
        var rows: [(String, Double)] = []
        while try statement.step() { rows.append((statement.text(0) ?? "", statement.double(1))) }
        return rows
    }

    private func allPages(_ filter: CableFilter, sort: CableSort, limit: Int) throws -> (items: [CableSummary], total: Int) {
        var items: [CableSummary] = []
        var cursor: String?
        var total = -1
        repeat {
            let page = try reader.listCables(filter: filter, sort: sort, limit: limit, cursor: cursor)
            #expect(total == -1 || page.total == total)
            total = page.total
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return (items, total)
    }

    private func expectSameAsReference(_ filter: CableFilter, limit: Int) throws {
        for sort in CableSort.allCases {
            let expected = try reference(filter, sort: sort)
            let listed = try allPages(filter, sort: sort, limit: limit)
            #expect(listed.total == expected.count, "\(filter) \(sort)")
            #expect(listed.items.map(\.id) == expected.map(\.id), "\(filter) \(sort)")
            if sort == .relevance {
                #expect(listed.items.map { $0.score ?? .nan } == expected.map(\.score))
            }
        }
    }

    /// Both ways of finding a paragraph's cable: the in-memory map (limit 0) and pk lookups.
    @Test(arguments: [0, 20_000])
    func sameCablesOrderAndTotalsAsTheParagraphJoin(ownerLookupLimit: Int) throws {
        reader.ownerLookupLimit = ownerLookupLimit
        for limit in [1, 3, 50] {
            try expectSameAsReference(CableFilter(query: "visa"), limit: limit)
            try expectSameAsReference(CableFilter(query: "minister OR grain"), limit: limit)
        }
        try expectSameAsReference(CableFilter(query: "visa", origin: "embassy astana"), limit: 2)
        try expectSameAsReference(CableFilter(query: "visa", classifications: ["SECRET"], tags: ["PGOV"]), limit: 2)
        try expectSameAsReference(CableFilter(query: "energy", from: "2007-03", to: "2007-08"), limit: 4)
        try expectSameAsReference(CableFilter(query: "nothingmatchesthis"), limit: 3)
    }

    @Test(arguments: [0, 20_000])
    func manyMatchesTakeTheIndexWalkAndStillAgree(ownerLookupLimit: Int) throws {
        reader.ownerLookupLimit = ownerLookupLimit
        reader.seekLimit = 2
        defer { reader.seekLimit = 5_000 }
        try expectSameAsReference(CableFilter(query: "visa"), limit: 3)
        try expectSameAsReference(CableFilter(query: "grain", origin: "Embassy Paris"), limit: 5)
        try expectSameAsReference(CableFilter(query: "visa", classifications: ["SECRET"], from: "2007-02"), limit: 2)
    }

    @Test func boundedRelevanceSaysWhatItRankedAndKeepsAnExactTotal() throws {
        reader.ownerLookupLimit = 0
        reader.relevanceBound = 4
        defer { reader.relevanceBound = 10_000 }
        let filter = CableFilter(query: "visa")
        let exact = try reference(filter, sort: .relevance)
        let first = try reader.listCables(filter: filter, sort: .relevance, limit: 50)
        #expect(first.total == exact.count)
        let coverage = try #require(first.relevance)
        #expect(coverage.rankedMatches <= 8)  // 4 paragraphs + 4 subjects at most
        #expect(coverage.matches > coverage.rankedMatches)
        #expect(coverage.rankedCables == first.items.count)
        #expect(first.items.count < first.total)
        let scores = first.items.map { $0.score ?? .nan }
        #expect(scores == scores.sorted())
        // Every ranked cable really matches, and paging gives the same list.
        #expect(Set(first.items.map(\.id)).isSubset(of: Set(exact.map(\.id))))
        let paged = try allPages(filter, sort: .relevance, limit: 2)
        #expect(paged.items.map(\.id) == first.items.map(\.id))
        // Date order is never bounded.
        #expect(try allPages(filter, sort: .date, limit: 7).items.count == exact.count)
        reader.relevanceBound = 10_000
        #expect(try reader.listCables(filter: filter, sort: .relevance).relevance == nil)
    }

    @Test(arguments: [0, 20_000])
    func aWriteByAnotherConnectionIsSeenByTheNextListing(ownerLookupLimit: Int) throws {
        reader.ownerLookupLimit = ownerLookupLimit
        let before = try reader.listCables(filter: CableFilter(query: "visa"), sort: .relevance, limit: 100)
        // Replacing a cable moves its paragraphs to new keys at the end; deleting one leaves a gap.
        try store.put(raw: "raw 1 again", cable: makeCable(id: "07STATION1", paragraphs: ["Visa visa visa visa."]))
        try store.delete(id: "07STATION3")
        try store.put(raw: "raw 41", cable: makeCable(id: "07STATION41", paragraphs: ["A visa paragraph."]))
        let after = try reader.listCables(filter: CableFilter(query: "visa"), sort: .relevance, limit: 100)
        #expect(after.total == before.total + 1)  // +1, +41, -3
        #expect(after.items.first?.id == "07STATION1")
        #expect(!after.items.contains { $0.id == "07STATION3" })
        try expectSameAsReference(CableFilter(query: "visa"), limit: 3)
    }

    @Test func aCableWhoseParagraphKeysAreNotOneBlockIsStillFound() throws {
        reader.ownerLookupLimit = 0
        _ = try reader.listCables(filter: CableFilter(query: "visa"))
        // No writer does this today; the map must not depend on it (keys may be derived otherwise).
        try store.write { writer in
            try writer.connection.transaction {
                let pk = try #require(try writer.connection.scalarInt("SELECT pk FROM cables WHERE id = '07STATION2'"))
                try writer.connection.execute("""
                    INSERT INTO paragraphs(pk, cable_pk, position, number, classification, text)
                        VALUES (1000000, \(pk), 99, 99, 'U', 'A scattered zanzibar paragraph.');
                    INSERT INTO paragraphs_fts(rowid, text) VALUES (1000000, 'A scattered zanzibar paragraph.');
                    """)
            }
        }
        let page = try reader.listCables(filter: CableFilter(query: "zanzibar"), sort: .relevance)
        #expect(page.items.map(\.id) == ["07STATION2"])
        #expect(page.total == 1)
        try expectSameAsReference(CableFilter(query: "zanzibar OR grain"), limit: 4)
    }

    /// Facets as the SQL join over every matching paragraph groups them (the reference).
    private func referenceFacets(_ filter: CableFilter) throws -> CableFacets {
        let sql = try FilterSQL(filter)
        func group(_ expression: String, join: String = "") throws -> [FacetCount] {
            let statement = try reader.connection.prepare("""
                SELECT \(expression) AS value, count(*) AS n FROM \(sql.from) \(join)\(sql.whereClause)
                GROUP BY value HAVING value IS NOT NULL ORDER BY n DESC, value LIMIT 100
                """)
            try statement.bind(sql.values)
            defer { statement.reset() }
            var counts: [FacetCount] = []
            while try statement.step() { counts.append(FacetCount(value: statement.text(0) ?? "", count: statement.int(1))) }
            return counts
        }
        return CableFacets(classification: try group("c.classification"), year: try group("CAST(c.year AS TEXT)"),
                           origin: try group("c.origin"), tag: try group("ft.code", join: "JOIN cable_tags ft ON ft.cable_pk = c.pk"))
    }

    @Test(arguments: [2, 5_000])
    func textFacetsCountTheSameCablesAsTheJoin(seekLimit: Int) throws {
        reader.seekLimit = seekLimit
        for filter in [CableFilter(query: "visa"), CableFilter(query: "grain OR visa"), CableFilter(query: "energy", origin: "Embassy Paris"),
                       CableFilter(query: "visa", classifications: ["SECRET"], from: "2007-02"), CableFilter(query: "nothingmatchesthis")] {
            #expect(try reader.facets(filter: filter) == (try referenceFacets(filter)), "\(filter)")
        }
    }

    @Test func aFailedListingLeavesNoReadTransactionOpen() throws {
        #expect(throws: StoreError.self) {
            try reader.listCables(filter: CableFilter(query: "visa"), sort: .relevance, cursor: "not-a-cursor")
        }
        #expect(throws: StoreError.self) {
            try reader.listCables(filter: CableFilter(query: "visa", from: "yesterday"))
        }
        #expect(reader.connection.isAutocommit)
        let before = try reader.listCables(filter: CableFilter(query: "visa")).total
        try store.put(raw: "raw 50", cable: makeCable(id: "07STATION50", paragraphs: ["One more visa."]))
        #expect(try reader.listCables(filter: CableFilter(query: "visa")).total == before + 1)
        #expect(try reader.facets(filter: CableFilter(query: "visa")).classification.reduce(0) { $0 + $1.count } == before + 1)
    }

    @Test func preparingTheMapMakesEvenRareTermsUseIt() throws {
        #expect(reader.paragraphOwners == nil)
        _ = try reader.listCables(filter: CableFilter(query: "visa"))
        #expect(reader.paragraphOwners == nil)  // few matches: looked up by pk, no map read
        try reader.prepareFullTextMap()
        let map = try #require(reader.paragraphOwners)
        try expectSameAsReference(CableFilter(query: "visa OR grain"), limit: 3)
        #expect(reader.paragraphOwners?.dataVersion == map.dataVersion)
        try store.put(raw: "raw 60", cable: makeCable(id: "07STATION60", paragraphs: ["Visa again."]))
        try reader.prepareFullTextMap()
        #expect(reader.paragraphOwners?.dataVersion != map.dataVersion)
        try expectSameAsReference(CableFilter(query: "visa"), limit: 5)
    }

    /// The NDJSON export with a query walks the matching-cable set: the same cables as the SQL join,
    /// in id order, with their stored JSON, across page boundaries.
    @Test(arguments: [1, 3, 256])
    func exportWithAQueryHasTheJoinsCablesInIDOrder(pageSize: Int) throws {
        let filters = [
            CableFilter(query: "visa"), CableFilter(query: "visa", classifications: ["SECRET"]),
            CableFilter(query: "minister OR grain", origin: "embassy astana"), CableFilter(query: "zebra"),
        ]
        for filter in filters {
            var export = try reader.export(filter: filter, pageSize: pageSize)
            var ids: [String] = []
            while let (id, json) = export.next() {
                ids.append(id)
                #expect(json == (try reader.cableJSON(id: id))?.json)
            }
            #expect(export.error == nil)
            #expect(ids == (try reference(filter, sort: .date)).map(\.id).sorted(), "\(filter)")
        }
        #expect(try reference(CableFilter(query: "visa"), sort: .date).count > 3)
    }
}
