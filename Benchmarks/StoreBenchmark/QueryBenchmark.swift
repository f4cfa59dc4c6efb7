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

    @Option(help: "Run only the kinds whose label contains this text (e.g. 'get by id').")
    var only: String?

    @Option(help: "CableReader.relevanceBound for the run (default: the reader's).")
    var relevanceBound: Int?

    @Option(help: "Distinct frequent terms, comma-separated, for the paragraph relevance mix (each first queried cold).")
    var mix = QueryBenchmark.frequentTerms.joined(separator: ",")

    func run() throws {
        let store = try CableStore(path: db)
        let reader = try store.makeReader()
        if let relevanceBound { reader.relevanceBound = relevanceBound }
        let ids = try sampleIDs(reader)
        let origins = try reader.stats().byOrigin.prefix(40).map(\.value)
        var random = SplitMix64(seed: seed)
        print("database: \(db), \(try reader.count()) cables, \(iterations) queries per kind")
        // Wall time suffers from other processes on this shared machine; this thread's CPU time does
        // not, so both are printed.
        print("kind | wall p50 ms | wall p99 ms | cpu p50 ms | cpu p99 ms | note")

        try measure("get by id (JSON + hash)") {
            let id = ids[Int(random.next() % UInt64(ids.count))]
            guard try reader.cableJSON(id: id) != nil else { throw ValidationError("missing \(id)") }
            return ""
        }
        try measure("get by id (stored gzip + hash, no gunzip)") {
            let id = ids[Int(random.next() % UInt64(ids.count))]
            guard try reader.cableJSONGzip(id: id) != nil else { throw ValidationError("missing \(id)") }
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
            try measureRelevanceCold(reader, label: label, term: term)
            try measure("paragraph search, \(label) term '\(term)', 20 with snippets, stored order") {
                let page = try reader.searchParagraphs(query: term, sort: .stored, limit: 20)
                return "\(page.items.count) hits"
            }
        }
        try measureRelevanceMix(store)
        try measureEntities(reader, ids: ids, random: &random)
        // A fresh reader's first full-text listing reads the paragraph-to-cable map (again after any
        // write by another connection): timed once, apart from the steady-state figures below.
        if only == nil || only == "map" {
            // Rare: ≤ 20,000 matching paragraphs are looked up by pk; common: reads the whole map.
            for term in [rare, common] {
                let fresh = try store.makeReader()
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try fresh.listCables(filter: CableFilter(query: term), sort: .relevance, limit: 50)
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                print("first cable list q='\(term)' on a fresh reader (or after a write) | " + String(format: "%.1f ms wall", milliseconds))
            }
        }
        for (label, term) in [("rare", rare), ("common", common)] {
            try measure("cable list q='\(term)' (\(label)), 50, relevance (the API default), exact total", iterations: min(iterations, 200)) {
                let page = try reader.listCables(filter: CableFilter(query: term), sort: .relevance, limit: 50)
                return "total \(page.total)" + (page.relevance.map { ", ranked \($0.rankedMatches) of \($0.matches) matches, \($0.rankedCables) cables" } ?? "")
            }
            try measure("cable list q='\(term)' (\(label)), 50, -date, exact total", iterations: min(iterations, 200)) {
                let page = try reader.listCables(filter: CableFilter(query: term), sort: .dateDescending, limit: 50)
                return "total \(page.total)"
            }
        }
        // The common term made this reader read the map; a reader that serves common terms runs rare ones so.
        try measure("cable list q='\(rare)' (rare), 50, relevance, reader with a current map", iterations: min(iterations, 200)) {
            let page = try reader.listCables(filter: CableFilter(query: rare), sort: .relevance, limit: 50)
            return "total \(page.total)"
        }
        for term in [rare, common] {
            try measure("facets (classification, year, origin, tag) for q='\(term)'", iterations: min(iterations, 200)) {
                let facets = try reader.facets(filter: CableFilter(query: term))
                return "\(facets.classification.reduce(0) { $0 + $1.count }) cables by classification"
            }
        }
        // NDJSON export with a query: the first 1,000 documents (one API page of a long download), and
        // a rare term's whole result.
        for (term, count) in [(common, 1_000), (rare, Int.max)] {
            try measure("export q='\(term)', \(count == Int.max ? "every matching cable" : "first \(count) cables"), JSON documents",
                        iterations: min(iterations, 20)) {
                var export = try reader.export(filter: CableFilter(query: term))
                var exported = 0
                while exported < count, export.next() != nil { exported += 1 }
                if let error = export.error { throw error }
                return "\(exported) cables"
            }
        }
        try measure("cable list q='\(common)' + origin + classification, 50, relevance, exact total", iterations: min(iterations, 200)) {
            let origin = origins[Int(random.next() % UInt64(origins.count))]
            let page = try reader.listCables(filter: CableFilter(query: common, origin: origin, classifications: ["SECRET", "CONFIDENTIAL"]),
                                             sort: .relevance, limit: 50)
            return "total \(page.total)"
        }
    }

    private static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private func sampleIDs(_ reader: CableReader) throws -> [String] {
        var ids: [String] = []
        var cursor: String?
        repeat {
            let page = try reader.listCables(limit: 1_000, cursor: cursor)
            for item in page.items {
                // Every id, so no reader cache can make repeated ids look warmer than a server would be.
                ids.append(item.id)
            }
            cursor = page.nextCursor
        } while cursor != nil
        guard !ids.isEmpty else { throw ValidationError("the database is empty") }
        return ids
    }

    func measure(_ label: String, iterations: Int? = nil, warmUp: Bool = true, _ body: () throws -> String) throws {
        if let only, !label.contains(only) { return }
        var n = iterations ?? self.iterations
        var wall: [Double] = []
        var cpu: [Double] = []
        wall.reserveCapacity(n)
        cpu.reserveCapacity(n)
        var note = ""
        // Warm the statement cache, pages and the reader's caches; a kind needing over 50 ms of CPU
        // runs 50 times, not 1,000. Judged by a second call (the first may fill a cache the kind
        // measures warm) and by CPU time (wall time jumps whenever other processes take the cores).
        if warmUp {
            _ = try body()
            let warmStart = Self.threadCPUNanoseconds()
            _ = try body()
            if Self.threadCPUNanoseconds() - warmStart > 50_000_000 { n = min(n, 50) }
        }
        for _ in 0..<n {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = Self.threadCPUNanoseconds()
            note = try body()
            cpu.append(Double(Self.threadCPUNanoseconds() - cpuStart) / 1e6)
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        func percentile(_ values: [Double], _ p: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        let figures = String(format: "%.3f | %.3f | %.3f | %.3f", percentile(wall, 0.5), percentile(wall, 0.99),
                             percentile(cpu, 0.5), percentile(cpu, 0.99))
        print("\(label) | \(figures) | \(note) (n=\(n))")
    }
}
