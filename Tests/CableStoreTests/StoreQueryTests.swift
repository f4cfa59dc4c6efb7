import CableParser
import Foundation
import Testing
@testable import CableStore

/// A small store with varied cables: 3 origins, 3 classifications, tags, caveats, years, references
/// and entity mentions.
private func makeFixtureStore() throws -> CableStore {
    let store = try CableStore(path: temporaryDatabasePath())
    let almaty = { (surface: String) in Cable.EntityMention(id: "location:almaty", type: "location", surface: surface, start: 0, end: surface.count) }
    let nazarbayev = Cable.EntityMention(id: "person:nursultan-nazarbayev", type: "person", surface: "NAZARBAYEV", start: 0, end: 10)
    let origins = ["Embassy Astana", "Embassy Moscow", "Embassy Paris"]
    let classifications = ["CONFIDENTIAL", "SECRET", "UNCLASSIFIED"]
    for serial in 1...24 {
        let station = ["ASTANA", "MOSCOW", "PARIS"][serial % 3]
        let year = 2005 + serial % 4
        let id = "\(String(year).suffix(2))\(station)\(serial)"
        var paragraphs = ["Routine paragraph number \(serial) about trade.", "Another paragraph on energy policy."]
        if serial % 4 == 0 { paragraphs.append("The state secret law was discussed with Uzbek officials.") }
        if serial == 7 { paragraphs.append("Visa visa visa: the visa regime, visa fees and visa queues.") }
        var mentions: [Int: [Cable.EntityMention]] = [:]
        if serial % 2 == 0 { mentions[1] = [almaty(serial % 4 == 0 ? "ALMATY" : "Almaty")] }
        if serial % 6 == 0 { mentions[2] = [nazarbayev] }
        let cable = makeCable(
            id: id, date: serial == 24 ? nil : String(format: "%d-%02d-%02dT10:00:00Z", year, serial % 12 + 1, serial),
            origin: origins[serial % 3], classification: classifications[serial % 3],
            caveats: serial % 5 == 0 ? ["SIPDIS", "NOFORN"] : ["SIPDIS"],
            tags: serial % 2 == 0 ? ["PGOV", "KZ"] : ["ECON"],
            subject: serial == 9 ? "VISA SUBJECT ONLY" : "SUBJECT \(serial)",
            references: serial > 1 ? ["\(String(2005 + (serial - 1) % 4).suffix(2))\(["ASTANA", "MOSCOW", "PARIS"][(serial - 1) % 3])\(serial - 1)", "99NOWHERE1"] : [],
            paragraphs: paragraphs, mentions: mentions)
        try store.put(raw: "raw \(serial)", cable: cable)
    }
    return store
}

@Suite("Store queries")
struct StoreQueryTests {
    let store: CableStore
    let reader: CableReader

    init() throws {
        store = try makeFixtureStore()
        reader = try store.makeReader()
    }

    /// Walks every page and checks the pages add up to one ordered list of `total` items.
    private func allPages(_ filter: CableFilter, sort: CableSort = .date, limit: Int = 5) throws -> [CableSummary] {
        var items: [CableSummary] = []
        var cursor: String?
        var total: Int?
        repeat {
            let page = try reader.listCables(filter: filter, sort: sort, limit: limit, cursor: cursor)
            if let total { #expect(page.total == total) }
            total = page.total
            items += page.items
            cursor = page.nextCursor
            #expect(page.items.count <= limit)
        } while cursor != nil
        #expect(items.count == total)
        #expect(Set(items.map(\.id)).count == items.count)
        return items
    }

    @Test func listPagesInDateOrderBothWays() throws {
        let ascending = try allPages(CableFilter())
        #expect(ascending.count == 24)
        let keys = ascending.map { ($0.date ?? "") + $0.id }
        #expect(keys == keys.sorted())
        #expect(ascending.first?.date == nil)  // undated sorts first
        let descending = try allPages(CableFilter(), sort: .dateDescending, limit: 7)
        #expect(descending.map(\.id) == ascending.map(\.id).reversed())
    }

    @Test func filtersByOriginClassificationTagCaveatEntityAndDates() throws {
        #expect(try allPages(CableFilter(origin: "embassy moscow")).allSatisfy { $0.origin == "Embassy Moscow" })
        #expect(try reader.listCables(filter: CableFilter(origin: "Embassy Moscow")).total == 8)
        #expect(try reader.listCables(filter: CableFilter(classifications: ["SECRET"])).total == 8)
        #expect(try reader.listCables(filter: CableFilter(classifications: ["SECRET", "UNCLASSIFIED"])).total == 16)
        #expect(try reader.listCables(filter: CableFilter(tags: ["PGOV"])).total == 12)
        #expect(try reader.listCables(filter: CableFilter(tags: ["PGOV", "ECON"])).total == 0)
        #expect(try reader.listCables(filter: CableFilter(caveat: "NOFORN")).total == 4)
        #expect(try reader.listCables(filter: CableFilter(entity: "person:nursultan-nazarbayev")).total == 4)
        let in2006 = try allPages(CableFilter(from: "2006-01-01", to: "2006-12-31"), limit: 2)
        #expect(!in2006.isEmpty && in2006.allSatisfy { $0.date?.hasPrefix("2006") == true })
        #expect(try reader.listCables(filter: CableFilter(from: "2006", to: "2006")).total == in2006.count)
        let combined = try reader.listCables(filter: CableFilter(origin: "Embassy Astana", classifications: ["CONFIDENTIAL"], tags: ["PGOV"]))
        #expect(combined.total == 4)
        #expect(combined.items.allSatisfy { $0.origin == "Embassy Astana" && $0.classification == "CONFIDENTIAL" })
    }

    /// A link condition (tag, caveat, entity) read from the link's rows (`c.pk IN`) or probed per cable
    /// (`EXISTS`) selects the same cables, and the one-link count from the link's primary key agrees;
    /// `listCables` (which picks the form by the link's size) gives that set, in date order.
    @Test func linkConditionsSelectTheSameCablesWrittenEitherWay() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        let people = ["person:a", "person:b", "person:c"].map { Cable.EntityMention(id: $0, type: "person", surface: "X", start: 0, end: 1) }
        for serial in 1...30 {
            let tags = ["KZ", "PGOV", "PREL"].filter { _ in next() % 2 == 0 }
            let named = people.filter { _ in next() % 3 == 0 }
            let cable = makeCable(id: "07ASTANA\(serial)", date: String(format: "2007-%02d-%02dT00:00:00Z", 1 + next() % 12, 1 + next() % 28),
                                  caveats: next() % 2 == 0 ? ["NOFORN"] : [], tags: tags, mentions: named.isEmpty ? [:] : [1: named])
            try store.put(raw: "\(serial)", cable: cable)
        }
        let reader = try store.makeReader()
        let filters = [
            CableFilter(tags: ["KZ"]), CableFilter(tags: ["KZ", "PREL"]), CableFilter(caveat: "NOFORN"),
            CableFilter(entity: "person:a"), CableFilter(entity: "person:nobody"), CableFilter(tags: ["PGOV"], entity: "person:b"),
            CableFilter(caveat: "NOFORN", entity: "person:c", from: "2007-06"), CableFilter(tags: ["XX"]),
        ]
        for filter in filters {
            var answers: [[String]] = []
            for few in [FewLinks(), FewLinks(tags: Set(filter.tags), caveat: true, entity: true)] {
                let sql = try FilterSQL(filter, few: few)
                let statement = try reader.connection.prepare("SELECT c.id FROM \(sql.from)\(sql.whereClause) ORDER BY c.date, c.id")
                try statement.bind(sql.values)
                var ids: [String] = []
                while try statement.step() { ids.append(statement.text(0) ?? "") }
                statement.reset()
                answers.append(ids)
                if let count = sql.linkCount {
                    #expect(try reader.connection.scalarInt(count.sql, count.value) == ids.count, "\(filter)")
                }
            }
            #expect(answers[0] == answers[1], "\(filter)")
            let page = try reader.listCables(filter: filter, limit: 1000)
            #expect(page.items.map(\.id) == answers[0] && page.total == answers[0].count, "\(filter)")
            #expect(filter.tags.count + (filter.caveat == nil ? 0 : 1) + (filter.entity == nil ? 0 : 1) == 1
                    ? (try FilterSQL(filter)).linkCount != nil : (try FilterSQL(filter)).linkCount == nil, "\(filter)")
        }
        // In a store this small every link is few.
        #expect(try reader.fewLinks(CableFilter(tags: ["KZ"], caveat: "NOFORN", entity: "person:a"))
                == FewLinks(tags: ["KZ"], caveat: true, entity: true))
    }

    @Test func fullTextListMatchesParagraphsAndSubjectsWithRelevance() throws {
        #expect(try reader.listCables(filter: CableFilter(query: "\"state secret\" uzbek*")).total == 6)
        let visa = try reader.listCables(filter: CableFilter(query: "visa"), sort: .relevance)
        #expect(Set(visa.items.map(\.id)) == ["06ASTANA9", "08MOSCOW7"])
        #expect(visa.items.first?.id == "08MOSCOW7")  // five hits beat a subject hit
        #expect(visa.items.allSatisfy { $0.score != nil })
        let paged = try allPages(CableFilter(query: "paragraph"), sort: .relevance, limit: 4)
        #expect(paged.count == 24)
        let scores = paged.map { $0.score ?? 0 }
        #expect(scores == scores.sorted())
        #expect(try reader.listCables(filter: CableFilter(query: "energy", origin: "Embassy Paris")).total == 8)
    }

    @Test func badParametersAreTypedErrors() throws {
        #expect(throws: StoreError.self) { try reader.listCables(limit: 0) }
        #expect(throws: StoreError.self) { try reader.listCables(limit: 1001) }
        #expect(throws: StoreError.self) { try reader.listCables(sort: .relevance) }
        #expect(throws: StoreError.self) { try reader.listCables(filter: CableFilter(from: "yesterday")) }
        #expect(throws: StoreError.self) { try reader.listCables(filter: CableFilter(query: "\"open")) }
        for cursor in ["", "!!!", "bm90IGEgY3Vyc29y", String(repeating: "A", count: 5000)] {
            #expect(throws: StoreError.self) { try reader.listCables(cursor: cursor) }
        }
        // A cursor from one sort order is refused by another.
        let cursor = try #require(try reader.listCables(limit: 2).nextCursor)
        #expect(throws: StoreError.self) { try reader.listCables(sort: .dateDescending, cursor: cursor) }
    }

    @Test func facetsCountTheFilteredSet() throws {
        let all = try reader.facets()
        #expect(all.classification.map(\.count).reduce(0, +) == 24)
        #expect(all.origin.count == 3 && all.origin.allSatisfy { $0.count == 8 })
        #expect(all.tag.first(where: { $0.value == "PGOV" })?.count == 12)
        #expect(all.year.map(\.count).reduce(0, +) == 23)  // one cable has no date
        let moscow = try reader.facets(filter: CableFilter(origin: "Embassy Moscow"))
        #expect(moscow.origin == [FacetCount(value: "Embassy Moscow", count: 8)])
        #expect(moscow.classification == [FacetCount(value: "SECRET", count: 8)])
        let text = try reader.facets(filter: CableFilter(query: "uzbek"))
        #expect(text.classification.map(\.count).reduce(0, +) == 6)
    }

    @Test func paragraphSearchWithSnippetsFiltersAndPages() throws {
        let page = try reader.searchParagraphs(query: "\"state secret\"", limit: 4)
        #expect(page.items.count == 4)
        #expect(page.items.allSatisfy { $0.snippet.contains("<mark>state secret</mark>") }, "\(page.items.map(\.snippet))")
        var all = page.items
        var cursor = page.nextCursor
        while let next = cursor {
            let more = try reader.searchParagraphs(query: "\"state secret\"", limit: 4, cursor: next)
            all += more.items
            cursor = more.nextCursor
        }
        #expect(all.count == 6)
        #expect(Set(all.map { "\($0.cableID)/\($0.number)" }).count == 6)
        let secret = try reader.searchParagraphs(query: "energy", classifications: ["SECRET"], limit: 100)
        #expect(secret.items.count == 8)
        let stored = try reader.searchParagraphs(query: "energy", sort: .stored, limit: 10)
        let rest = try reader.searchParagraphs(query: "energy", sort: .stored, limit: 100, cursor: stored.nextCursor)
        #expect(stored.items.count + rest.items.count == 24)
        let custom = try reader.searchParagraphs(query: "visa", limit: 1, highlight: ("[", "]"))
        #expect(custom.items.first?.snippet.contains("[visa]") == true || custom.items.first?.snippet.contains("[Visa]") == true)
        #expect(throws: StoreError.self) { try reader.searchParagraphs(query: "NOT") }
        #expect(throws: StoreError.self) { try reader.searchParagraphs(query: "energy", cursor: try reader.listCables(limit: 1).nextCursor) }
    }

    @Test func paragraphsAndOneParagraph() throws {
        let paragraphs = try #require(try reader.paragraphs(id: "05ASTANA12"))
        #expect(paragraphs.map(\.number) == [1, 2, 3])
        #expect(paragraphs[0].entities.map(\.id) == ["location:almaty"])
        #expect(try reader.paragraph(id: "05ASTANA12", number: 3)?.text.contains("state secret") == true)
        #expect(try reader.paragraph(id: "05ASTANA12", number: 9) == nil)
        #expect(try reader.paragraphs(id: "99NOPE1") == nil)
    }

    @Test func referencesBothWaysAndMissing() throws {
        let refs = try #require(try reader.references(id: "07ASTANA6"))
        #expect(refs.cites == ["06PARIS5", "99NOWHERE1"])
        #expect(refs.missing == ["99NOWHERE1"])
        #expect(refs.citedBy == ["08MOSCOW7"])
        #expect(try reader.references(id: "99NOWHERE1") == nil)
    }

    @Test func tagsStatsAndExport() throws {
        let tags = try reader.tags()
        #expect(tags.map(\.code) == ["ECON", "KZ", "PGOV"] || tags.first?.cables == 12)
        #expect(tags.first(where: { $0.code == "KZ" }) == TagCount(code: "KZ", kind: "geographic", meaning: "meaning of KZ", cables: 12))
        let stats = try reader.stats()
        #expect(stats.cables == 24)
        #expect(stats.byClassification.map(\.count).reduce(0, +) == 24)
        #expect(stats.byYear.map(\.value).sorted() == ["2005", "2006", "2007", "2008"])
        var exported: [String] = []
        var export = try reader.export(filter: CableFilter(tags: ["PGOV"]), pageSize: 5)
        while let (id, json) = export.next() {
            exported.append(id)
            #expect(try Cable.makeJSONDecoder().decode(Cable.self, from: json).id == id)
        }
        #expect(export.error == nil)
        #expect(exported.count == 12 && exported == exported.sorted())
    }

    @Test func entitiesListDetailRelated() throws {
        let all = try reader.listEntities()
        #expect(all.items.map(\.id) == ["location:almaty", "person:nursultan-nazarbayev"])
        #expect(all.items[0].cables == 12 && all.items[0].mentions == 12)
        #expect(try reader.listEntities(prefix: "alm").items.map(\.id) == ["location:almaty"])
        #expect(try reader.listEntities(prefix: "%").items.isEmpty)
        #expect(try reader.listEntities(type: "person").items.map(\.id) == ["person:nursultan-nazarbayev"])
        let first = try reader.listEntities(limit: 1)
        let second = try reader.listEntities(limit: 1, cursor: first.nextCursor)
        #expect(second.items.map(\.id) == ["person:nursultan-nazarbayev"] && second.nextCursor == nil)
        let detail = try #require(try reader.entity(id: "location:almaty"))
        #expect(detail.aliases == ["ALMATY", "Almaty"])
        #expect(try reader.entity(id: "nobody") == nil)
        #expect(try reader.relatedEntities(id: "person:nursultan-nazarbayev") == [
            RelatedEntity(id: "location:almaty", type: "location", name: "Almaty", cables: 4)])
    }
}
