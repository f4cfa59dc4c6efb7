import ArgumentParser
import CableStore
import Dispatch
import Foundation

/// Measures p50/p99 latency of the read queries the API serves, on one reader connection.
struct QueryBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Query latency on an imported database.")

    @Option(help: "Database to query.")
    var db: String

    @Option(help: "Queries per kind.")
    var iterations = 1_000

    @Option(help: "A term most cables contain.")
    var common = "government"

    @Option(help: "A term few cables contain.")
    var rare = "uzbek*"

    @Option(help: "Random seed.")
    var seed: UInt64 = 7

    func run() throws {
        let store = try CableStore(path: db)
        let reader = try store.makeReader()
        let ids = try sampleIDs(reader)
        let origins = try reader.stats().byOrigin.prefix(40).map(\.value)
        var random = SplitMix64(seed: seed)
        print("database: \(db), \(try reader.count()) cables, \(iterations) queries per kind")
        print("kind | p50 ms | p99 ms | mean ms | note")

        try measure("get by id (JSON + hash)") {
            let id = ids[Int(random.next() % UInt64(ids.count))]
            guard try reader.cableJSON(id: id) != nil else { throw ValidationError("missing \(id)") }
            return ""
        }
        try measure("list 50, classification + origin, -date, with total") {
            let origin = origins[Int(random.next() % UInt64(origins.count))]
            let page = try reader.listCables(filter: CableFilter(origin: origin, classifications: ["SECRET", "CONFIDENTIAL"]),
                                             sort: .dateDescending, limit: 50)
            return "total \(page.total)"
        }
        try measure("list 50, no filter, date, page 2 via cursor") {
            let first = try reader.listCables(limit: 50)
            let page = try reader.listCables(limit: 50, cursor: first.nextCursor)
            return "total \(page.total)"
        }
        for (label, term) in [("common", common), ("rare", rare)] {
            try measure("paragraph search, \(label) term '\(term)', 20 with snippets, relevance") {
                let page = try reader.searchParagraphs(query: term, limit: 20)
                return "\(page.items.count) hits"
            }
            try measure("paragraph search, \(label) term '\(term)', 20 with snippets, stored order") {
                let page = try reader.searchParagraphs(query: term, sort: .stored, limit: 20)
                return "\(page.items.count) hits"
            }
        }
        try measure("cable list q='\(rare)' 50 + exact total", iterations: min(iterations, 200)) {
            let page = try reader.listCables(filter: CableFilter(query: rare), sort: .relevance, limit: 50)
            return "total \(page.total)"
        }
        try measure("cable list q='\(common)' 50 + exact total", iterations: min(iterations, 20)) {
            let page = try reader.listCables(filter: CableFilter(query: common), sort: .dateDescending, limit: 50)
            return "total \(page.total)"
        }
    }

    private func sampleIDs(_ reader: CableReader) throws -> [String] {
        var ids: [String] = []
        var export = try reader.export(pageSize: 1_000)
        var index = 0
        while let (id, _) = export.next() {
            if index % 97 == 0 { ids.append(id) }
            index += 1
        }
        guard !ids.isEmpty else { throw ValidationError("the database is empty") }
        return ids
    }

    private func measure(_ label: String, iterations: Int? = nil, _ body: () throws -> String) throws {
        let n = iterations ?? self.iterations
        var samples: [Double] = []
        samples.reserveCapacity(n)
        var note = ""
        _ = try body()  // warm the statement cache and pages
        for _ in 0..<n {
            let start = DispatchTime.now().uptimeNanoseconds
            note = try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        samples.sort()
        let p50 = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
        let mean = samples.reduce(0, +) / Double(samples.count)
        let figures = String(format: "%.3f | %.3f | %.3f", p50, p99, mean)
        print("\(label) | \(figures) | \(note) (n=\(n))")
    }
}
