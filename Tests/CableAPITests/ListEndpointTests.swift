import Foundation
import Testing
@testable import CableAPI

@Suite("Lists, facets, export, imports")
struct ListEndpointTests {
    @Test("walking every page with small limits loses and repeats nothing, in every sort order")
    func pagination() throws {
        let t = try TestAPI()
        let (_, first) = t.json("GET", "/v1/cables?limit=1000")
        let total = try #require(first["total"] as? Int)
        #expect(total == SampleCorpus.files().count)
        for sort in ["date", "-date"] {
            var seen: [String] = []
            var target = "/v1/cables?limit=7&sort=\(sort)"
            var pages = 0
            while true {
                let r = t.request("GET", target)
                #expect(r.status == 200)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
                #expect(body["total"] as? Int == total)
                seen += (body["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                pages += 1
                guard let link = r.headers.header("Link") else {
                    #expect(body["next_cursor"] == nil)
                    break
                }
                #expect(link.hasSuffix("; rel=\"next\""))
                target = String(link.dropFirst().prefix { $0 != ">" })
                #expect(target.contains("sort=\(sort)"))
                #expect(pages < 100)
            }
            #expect(seen.count == total)
            #expect(Set(seen).count == total)
        }
    }

    @Test("filters and facets agree with each other")
    func facets() throws {
        let t = try TestAPI()
        let (status, body) = t.json("GET", "/v1/cables?facets=classification,year,origin,tag&limit=1")
        #expect(status == 200)
        let facets = try #require(body["facets"] as? [String: [[String: Any]]])
        #expect(Set(facets.keys) == ["classification", "year", "origin", "tag"])
        let secret = try #require(facets["classification"]?.first { $0["value"] as? String == "SECRET" })
        let (_, filtered) = t.json("GET", "/v1/cables?classification=SECRET&limit=1")
        #expect(filtered["total"] as? Int == secret["count"] as? Int)
        let (_, two) = t.json("GET", "/v1/cables?classification=SECRET&classification=CONFIDENTIAL&limit=1")
        #expect((two["total"] as? Int ?? 0) > (filtered["total"] as? Int ?? 0))
        let (_, tagged) = t.json("GET", "/v1/cables?tag=KZ")
        #expect((tagged["items"] as? [[String: Any]])?.contains { $0["id"] as? String == "07ASTANA3153" } == true)
        let (_, ranged) = t.json("GET", "/v1/cables?from=2007-11-19&to=2007-11-19")
        #expect((ranged["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["07ASTANA3153"])
        #expect(t.request("GET", "/v1/cables?from=2008-01-01&to=2007-01-01").status == 400)
        #expect(t.request("GET", "/v1/cables?facets=colour").status == 400)
        #expect(t.request("GET", "/v1/cables?sort=relevance").status == 400)
        let (_, searched) = t.json("GET", "/v1/cables?q=refugees")
        #expect((searched["items"] as? [[String: Any]])?.first?["id"] as? String == "07ASTANA3153")
    }

    @Test("NDJSON export streams every matching cable once")
    func export() throws {
        let t = try TestAPI()
        for target in ["/v1/export", "/v1/cables?format=ndjson"] {
            let r = t.request("GET", target)
            #expect(r.status == 200)
            #expect(r.headers.header("Content-Type") == "application/x-ndjson")
            let lines = String(decoding: r.body, as: UTF8.self).split(separator: "\n")
            #expect(lines.count == SampleCorpus.files().count)
            let ids = lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String }
            #expect(ids == ids.sorted())
        }
        let secret = t.request("GET", "/v1/export?classification=SECRET")
        let (_, listed) = t.json("GET", "/v1/cables?classification=SECRET")
        #expect(String(decoding: secret.body, as: UTF8.self).split(separator: "\n").count == listed["total"] as? Int)
        #expect(t.request("GET", "/v1/cables?format=ndjson&limit=5").status == 400)
        // A query the store refuses is a 400 before streaming starts, not a cut-off 200.
        let refused = t.request("GET", "/v1/export?q=%5C%C2%A4")
        #expect(refused.status == 400)
        #expect(refused.headers.header("Content-Type") == "application/problem+json")
    }

    @Test("CSV import with a broken record reports counts and the record number")
    func importCSV() throws {
        let t = try TestAPI(loadSample: false)
        let seed = String(decoding: try seedText(), as: UTF8.self)
        let batch = csvRecord(id: "07ASTANA3153", text: seed)
            + csvRecord(id: "", text: "nothing here looks like a cable")
        let (status, report) = t.json("POST", "/v1/imports", headers: [("Content-Type", "text/csv")], body: Array(batch.utf8))
        #expect(status == 200)
        #expect(report["imported"] as? Int == 1)
        let failed = try #require(report["failed"] as? [[String: Any]])
        #expect(failed.count == 1)
        #expect(failed.first?["record"] as? Int == 2)
        let (_, again) = t.json("POST", "/v1/imports", headers: [("Content-Type", "text/csv")], body: Array(batch.utf8))
        #expect(again["unchanged"] as? Int == 1)
        #expect(again["imported"] as? Int == 0)
    }

    @Test("NDJSON import, gzip bodies, empty batch, limits, media types")
    func importNDJSON() throws {
        let t = try TestAPI(configure: { $0.maxImportBodyBytes = 64 * 1024 }, loadSample: false)
        let seed = String(decoding: try seedText(), as: UTF8.self)
        let line = String(decoding: try JSONSerialization.data(withJSONObject: ["text": seed]), as: UTF8.self)
        let body = Array((line + "\n" + "{\"text\": 5}\n").utf8)
        let gz = try gzip(body)
        let (status, report) = t.json("POST", "/v1/imports", headers: [("Content-Type", "application/x-ndjson"), ("Content-Encoding", "gzip")], body: gz)
        #expect(status == 200)
        #expect(report["imported"] as? Int == 1)
        #expect((report["failed"] as? [[String: Any]])?.first?["record"] as? Int == 2)
        #expect(t.request("POST", "/v1/imports", headers: [("Content-Type", "text/csv")], body: Array("\n \n".utf8)).status == 400)
        #expect(t.request("POST", "/v1/imports", headers: [("Content-Type", "text/plain")], body: body).status == 415)
        #expect(t.request("POST", "/v1/imports", headers: [("Content-Type", "text/csv"), ("Content-Encoding", "br")], body: body).status == 415)
        let bomb = try gzip([UInt8](repeating: 0x20, count: 1_000_000))
        #expect(bomb.count < 64 * 1024)
        #expect(t.request("POST", "/v1/imports", headers: [("Content-Type", "text/csv"), ("Content-Encoding", "gzip")], body: bomb).status == 413)
        #expect(t.request("POST", "/v1/imports", headers: [("Content-Type", "text/csv"), ("Content-Encoding", "gzip")], body: [1, 2, 3]).status == 400)
    }

    @Test("paragraph search, tags, stats, entities answer with their shapes")
    func corpus() throws {
        let t = try TestAPI()
        let (s1, hits) = t.json("GET", "/v1/paragraphs?q=refugees&limit=2")
        #expect(s1 == 200)
        #expect((hits["items"] as? [[String: Any]])?.first?["cable_id"] as? String == "07ASTANA3153")
        #expect(t.request("GET", "/v1/paragraphs").status == 400)
        let (_, tags) = t.json("GET", "/v1/tags")
        #expect((tags["items"] as? [[String: Any]])?.contains { $0["code"] as? String == "KZ" } == true)
        let (_, stats) = t.json("GET", "/v1/stats")
        #expect(stats["cables"] as? Int == SampleCorpus.files().count)
        #expect(t.request("GET", "/v1/entities?type=planet").status == 400)
        #expect(t.request("GET", "/v1/entities").status == 200)
        #expect(t.request("GET", "/v1/entities/person:nobody").status == 404)
        #expect(t.request("GET", "/v1/entities/person:nobody/cables").status == 404)
        #expect(t.request("GET", "/v1/entities/person:nobody/related").status == 404)
        // Parameters are checked before the entity is looked up (the sample here has no entities).
        for bad in ["limit=0", "limit=1001", "limit=x", "sort=date"] {
            #expect(t.request("GET", "/v1/entities/person:nobody/related?\(bad)").status == 400, "\(bad)")
        }
        #expect(t.request("GET", "/healthz").status == 200)
        #expect(t.request("GET", "/readyz").status == 200)
        let metrics = t.request("GET", "/metrics")
        #expect(String(decoding: metrics.body, as: UTF8.self).contains("cablegate_cables"))
    }
}

/// gzip via the system's gzip tool (an independent implementation from the one under test).
func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let input = try temporaryFile(String(decoding: bytes, as: UTF8.self), suffix: ".txt")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c", input]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
}

/// gunzip via the system's gzip tool.
func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("cablegate-\(UUID().uuidString).gz")
    try Data(bytes).write(to: input)
    defer { try? FileManager.default.removeItem(at: input) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc", input.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
}

