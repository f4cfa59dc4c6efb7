import Foundation
import HTTPServer
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// gzip by the system tool, independent of the code under test.
func systemGzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
}

func seedBytes() throws -> [UInt8] {
    Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("Sources/CableAPI/Resources/sample/07ASTANA3153.txt")))
}

/// The real binary on port 0 with a temporary database, spoken to over raw sockets.
@Suite("End to end: cablegate serve", .serialized)
struct EndToEndTests {
    @Test("a fresh database answers the README's curl, and every read endpoint answers")
    func readEndpoints() throws {
        let server = try ServerProcess()
        let seed = try RawHTTP.request(port: server.port, "GET", "/v1/cables/07ASTANA3153")
        #expect(seed.status == 200)
        #expect(seed.json["id"] as? String == "07ASTANA3153")
        #expect(server.log.contains("try: curl http://127.0.0.1:\(server.port)/v1/cables/07ASTANA3153"))
        let expectations: [(String, Int, String)] = [
            ("/healthz", 200, "application/json"), ("/readyz", 200, "application/json"),
            ("/metrics", 200, "text/plain"), ("/openapi.yaml", 200, "application/yaml"),
            ("/v1/cables?limit=5", 200, "application/json"), ("/v1/cables/07astana003153", 200, "application/json"),
            ("/v1/cables/07ASTANA3153/raw", 200, "text/plain"), ("/v1/cables/07ASTANA3153/paragraphs", 200, "application/json"),
            ("/v1/cables/07ASTANA3153/paragraphs/1", 200, "application/json"),
            ("/v1/cables/07ASTANA3153/references", 200, "application/json"),
            ("/v1/cables/07ASTANA3153/versions", 200, "application/json"),
            ("/v1/paragraphs?q=refugees", 200, "application/json"), ("/v1/entities", 200, "application/json"),
            ("/v1/tags", 200, "application/json"), ("/v1/stats", 200, "application/json"),
            ("/v1/export", 200, "application/x-ndjson"),
            ("/v1/cables/07ASTANA9999", 404, "application/problem+json"),
            ("/v1/entities/person:nobody", 404, "application/problem+json"),
            ("/v1/cables?limit=0", 400, "application/problem+json"),
            ("/v1/cables?limit=1&limit=2", 400, "application/problem+json"),
            ("/v1/cables?colour=red", 400, "application/problem+json"),
            ("/v1/cables?q=%ZZ", 400, "application/problem+json"),
            ("/nowhere", 404, "application/problem+json"),
        ]
        for (target, status, type) in expectations {
            let r = try RawHTTP.request(port: server.port, "GET", target)
            #expect(r.status == status, "\(target)")
            #expect(r.header("Content-Type")?.hasPrefix(type) == true, "\(target): \(r.header("Content-Type") ?? "none")")
        }
        // The entity extractor runs on the sample as it is loaded.
        let guterres = try RawHTTP.request(port: server.port, "GET", "/v1/entities/person:antonio-guterres")
        #expect(guterres.status == 200)
        #expect((guterres.json["aliases"] as? [String])?.contains("Guterres") == true)
        let related = try RawHTTP.request(port: server.port, "GET", "/v1/entities/person:antonio-guterres/related?limit=50")
        #expect(related.status == 200 && related.json["id"] as? String == "person:antonio-guterres")
        #expect((related.json["items"] as? [[String: Any]])?.contains { $0["id"] as? String == "location:kazakhstan" } == true, "\(related.json)")
        // The detail's `related` is the same list's first 20.
        func pairs(_ list: Any?) -> [String] { (list as? [[String: Any]] ?? []).map { "\($0["id"] ?? "") \($0["cables"] ?? "")" } }
        let three = try RawHTTP.request(port: server.port, "GET", "/v1/entities/person:antonio-guterres/related?limit=3")
        #expect(pairs(three.json["items"]).count == 3)
        #expect(pairs(three.json["items"]) == Array(pairs(guterres.json["related"]).prefix(3)))
        #expect(pairs(related.json["items"]).prefix(20) == pairs(guterres.json["related"]).prefix(20))
        let mentioning = try RawHTTP.request(port: server.port, "GET", "/v1/entities/person:antonio-guterres/cables")
        #expect((mentioning.json["items"] as? [[String: Any]])?.first?["id"] as? String == "07ASTANA3153")
        let filtered = try RawHTTP.request(port: server.port, "GET", "/v1/cables?entity=person:antonio-guterres")
        #expect(filtered.json["total"] as? Int == 1)
        // The seed's signer is named only in its metadata, and still finds the cable.
        let signed = try RawHTTP.request(port: server.port, "GET", "/v1/cables?entity=person:ordway")
        #expect((signed.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.contains("07ASTANA3153") == true)
        #expect((try RawHTTP.request(port: server.port, "GET", "/v1/entities/person:ordway").json["cables"] as? Int ?? 0) >= 1)
        let head = try RawHTTP.request(port: server.port, "HEAD", "/v1/cables/07ASTANA3153")
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == String(seed.body.count))
        // A streamed answer keeps its GET head under HEAD: chunked, no Content-Length: 0.
        let exportHead = try RawHTTP.request(port: server.port, "HEAD", "/v1/export")
        #expect(exportHead.status == 200)
        #expect(exportHead.header("Content-Length") == nil)
        #expect(exportHead.header("Transfer-Encoding") == "chunked")
        #expect(exportHead.header("Content-Type")?.hasPrefix("application/x-ndjson") == true)
        #expect(exportHead.body.isEmpty)
        let wrong = try RawHTTP.request(port: server.port, "PUT", "/v1/cables/07ASTANA3153")
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow")?.contains("DELETE") == true)
        let metrics = try RawHTTP.request(port: server.port, "GET", "/metrics").text
        #expect(metrics.contains("cablegate_http_requests_total"))
        #expect(metrics.contains("route=\"/v1/cables/{id}\""))
        #expect(server.stop() == 0)
    }

    @Test("ETag and If-None-Match over the wire; gzip when accepted; fields=")
    func conditionalAndGzip() throws {
        let server = try ServerProcess()
        let plain = try RawHTTP.request(port: server.port, "GET", "/v1/cables/07ASTANA3153")
        let etag = try #require(plain.header("ETag"))
        let again = try RawHTTP.request(port: server.port, "GET", "/v1/cables/07ASTANA3153", headers: [("If-None-Match", etag)])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        let zipped = try RawHTTP.request(port: server.port, "GET", "/v1/cables/07ASTANA3153", headers: [("Accept-Encoding", "gzip")])
        #expect(zipped.header("Content-Encoding") == "gzip")
        let decoder = GzipDecoder(limit: 1 << 24)
        #expect(try decoder.decompress(zipped.body) == plain.body)
        #expect(throws: Never.self) { try decoder.finish() }
        let some = try RawHTTP.request(port: server.port, "GET", "/v1/cables/07ASTANA3153?fields=id,date")
        #expect(Set(some.json.keys) == ["id", "date"])
        #expect(server.stop() == 0)
    }

    @Test("pagination over the wire: following Link rel=next visits every cable once")
    func pagination() throws {
        let server = try ServerProcess()
        var target = "/v1/cables?limit=4&sort=-date&facets=year"
        var ids: [String] = []
        var total = -1
        for _ in 0..<100 {
            let r = try RawHTTP.request(port: server.port, "GET", target)
            #expect(r.status == 200)
            total = r.json["total"] as? Int ?? -1
            ids += (r.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            guard let link = r.header("Link") else { break }
            target = String(link.dropFirst().prefix { $0 != ">" })
        }
        #expect(total == 31)
        #expect(ids.count == total)
        #expect(Set(ids).count == total)
        let export = try RawHTTP.request(port: server.port, "GET", "/v1/cables?format=ndjson")
        #expect(export.header("Transfer-Encoding")?.lowercased() == "chunked")
        #expect(export.text.split(separator: "\n").count == total)
        #expect(server.stop() == 0)
    }

    @Test("an entity named in Cyrillic has an id of its own, reachable percent-encoded")
    func cyrillicEntityID() throws {
        let server = try ServerProcess(arguments: ["--no-sample"])
        let text = String(decoding: try seedBytes(), as: UTF8.self).replacingOccurrences(of: "Tazhin", with: "Тажин")
        #expect(try RawHTTP.request(port: server.port, "POST", "/v1/cables", body: Array(text.utf8)).status == 201)
        let id = "person:marat-тажин"
        let encoded = "person:marat-%D1%82%D0%B0%D0%B6%D0%B8%D0%BD"
        let entity = try RawHTTP.request(port: server.port, "GET", "/v1/entities/\(encoded)")
        #expect(entity.status == 200)
        #expect(entity.json["id"] as? String == id)
        #expect(entity.json["name"] as? String == "Marat Тажин")
        let cables = try RawHTTP.request(port: server.port, "GET", "/v1/entities/\(encoded)/cables")
        #expect((cables.json["items"] as? [[String: Any]])?.first?["id"] as? String == "07ASTANA3153")
        // Before, the Cyrillic surname was dropped from the slug and the id was every Marat's.
        #expect(try RawHTTP.request(port: server.port, "GET", "/v1/entities/person:marat").status == 404)
        #expect(server.stop() == 0)
    }

    @Test("writes: loopback allowed without a token; a configured token is required; imports report failures")
    func writes() throws {
        let open = try ServerProcess(arguments: ["--no-sample"])
        let created = try RawHTTP.request(port: open.port, "POST", "/v1/cables", headers: [("Content-Type", "text/plain")], body: try seedBytes())
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/cables/07ASTANA3153")
        #expect(try RawHTTP.request(port: open.port, "POST", "/v1/cables", body: try seedBytes()).status == 200)
        let notCable = try RawHTTP.request(port: open.port, "POST", "/v1/cables", body: Array("just some words".utf8))
        #expect(notCable.status == 422)
        #expect(notCable.header("Content-Type") == "application/problem+json")
        let ndjson = try JSONSerialization.data(withJSONObject: ["text": String(decoding: try seedBytes(), as: UTF8.self)])
        let batch = Array(ndjson) + Array("\n{\"text\": 12}\nnot json at all\n".utf8)
        let report = try RawHTTP.request(port: open.port, "POST", "/v1/imports", headers: [("Content-Type", "application/x-ndjson")], body: batch)
        #expect(report.status == 200)
        #expect(report.json["unchanged"] as? Int == 1)
        #expect((report.json["failed"] as? [[String: Any]])?.compactMap { $0["record"] as? Int } == [2, 3])
        #expect(try RawHTTP.request(port: open.port, "POST", "/v1/imports", headers: [("Content-Type", "text/csv")], body: Array(" ".utf8)).status == 400)
        let zipped = try systemGzip(batch)
        let gzReport = try RawHTTP.request(port: open.port, "POST", "/v1/imports",
                                           headers: [("Content-Type", "application/x-ndjson"), ("Content-Encoding", "gzip")], body: zipped)
        #expect(gzReport.status == 200)
        #expect(gzReport.json["unchanged"] as? Int == 1)
        #expect(gzReport.json["failed_total"] as? Int == 2)
        #expect(try RawHTTP.request(port: open.port, "GET", "/v1/entities/person:ordway").status == 200)
        #expect(try RawHTTP.request(port: open.port, "DELETE", "/v1/cables/07astana3153").status == 204)
        #expect(try RawHTTP.request(port: open.port, "GET", "/v1/cables/07ASTANA3153").status == 404)
        // The only cable naming them is gone, so are its entities: not listed with 0 cables.
        #expect(try RawHTTP.request(port: open.port, "GET", "/v1/entities/person:ordway").status == 404)
        let listed = try RawHTTP.request(port: open.port, "GET", "/v1/entities?q=Guterres")
        #expect(listed.status == 200 && (listed.json["items"] as? [Any])?.isEmpty == true, "\(listed.json)")
        #expect(open.stop() == 0)

        let locked = try ServerProcess(arguments: ["--no-sample"], environment: ["CABLEGATE_AUTH_WRITE_TOKEN": "e2e-token"])
        let refused = try RawHTTP.request(port: locked.port, "POST", "/v1/cables", body: try seedBytes())
        #expect(refused.status == 401)
        #expect(refused.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        #expect(try RawHTTP.request(port: locked.port, "POST", "/v1/cables", headers: [("Authorization", "Bearer wrong")], body: try seedBytes()).status == 401)
        #expect(try RawHTTP.request(port: locked.port, "POST", "/v1/cables", headers: [("Authorization", "Bearer e2e-token")], body: try seedBytes()).status == 201)
        #expect(try RawHTTP.request(port: locked.port, "DELETE", "/v1/cables/07ASTANA3153").status == 401)
        // The streaming import route refuses before reading the body.
        #expect(try RawHTTP.request(port: locked.port, "POST", "/v1/imports", headers: [("Content-Type", "text/csv")],
                                    body: Array(repeating: 0x41, count: 200_000)).status == 401)
        #expect(try RawHTTP.request(port: locked.port, "GET", "/healthz").status == 200)
        #expect(try RawHTTP.request(port: locked.port, "POST", "/v1/parse", body: try seedBytes()).status == 200)
        #expect(locked.stop() == 0)
    }

    @Test("imports stream: chunked bodies, gzip counted decompressed against the limit, 413 past it")
    func streamingImports() throws {
        let server = try ServerProcess(arguments: ["--no-sample"], environment: ["CABLEGATE_HTTP_MAX_IMPORT_BODY_BYTES": "65536"])
        let line = Array(try JSONSerialization.data(withJSONObject: ["text": String(decoding: try seedBytes(), as: UTF8.self)])) + [0x0A]
        // Chunked request body, several chunks.
        let fd = try RawHTTP.connect(port: server.port)
        var request = Array("POST /v1/imports HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for part in stride(from: 0, to: line.count, by: 1000) {
            let piece = Array(line[part..<min(part + 1000, line.count)])
            request += Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Array("\r\n".utf8)
        }
        request += Array("0\r\n\r\n".utf8)
        try RawHTTP.send(fd, request)
        let chunked = try RawHTTP.parse(RawHTTP.readAll(fd), method: "POST")
        close(fd)
        #expect(chunked.status == 200)
        #expect(chunked.json["imported"] as? Int == 1)
        // 40 copies: ~100 KB of NDJSON, a few KB gzip-compressed, over the 64 KiB limit once decompressed.
        let many = Array((0..<40).map { _ in line }.joined())
        let bomb = try systemGzip(many)
        #expect(bomb.count < 65536)
        let refused = try RawHTTP.request(port: server.port, "POST", "/v1/imports",
                                          headers: [("Content-Type", "application/x-ndjson"), ("Content-Encoding", "gzip")], body: bomb)
        #expect(refused.status == 413)
        let plainTooBig = try RawHTTP.request(port: server.port, "POST", "/v1/imports",
                                              headers: [("Content-Type", "application/x-ndjson")], body: many)
        #expect(plainTooBig.status == 413)
        let corrupt = try RawHTTP.request(port: server.port, "POST", "/v1/imports",
                                          headers: [("Content-Type", "text/csv"), ("Content-Encoding", "gzip")], body: [0x1F, 0x8B, 8, 0, 1, 2, 3])
        #expect(corrupt.status == 400)
        #expect(server.stop() == 0)
    }

    @Test("SIGTERM drains and exits 0; SIGINT too")
    func shutdown() throws {
        let server = try ServerProcess()
        // A request in flight when the signal arrives (head sent, body half sent) still gets its answer.
        let fd = try RawHTTP.connect(port: server.port)
        defer { close(fd) }
        let body = try seedBytes()
        let half = body.count / 2
        try RawHTTP.send(fd, Array("POST /v1/parse HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body[..<half])
        usleep(100_000)
        kill(server.process.processIdentifier, SIGTERM)
        usleep(100_000)
        try RawHTTP.send(fd, Array(body[half...]))
        let answer = RawHTTP.readAll(fd)
        #expect(String(decoding: answer.prefix(12), as: UTF8.self) == "HTTP/1.1 200")
        #expect(server.stop(signal: 0) == 0)
        #expect(server.log.contains("cablegate stopped"))
        #expect((try? RawHTTP.connect(port: server.port)) == nil)

        let other = try ServerProcess(arguments: ["--log-format", "json"])
        #expect(other.log.contains("\"message\":\"cablegate serving"))
        #expect(other.stop(signal: SIGINT) == 0)
    }

    @Test("a bad setting stops startup with a message naming the setting and value")
    func badSettings() throws {
        let (status, output) = try runToCompletion(["serve", "--port", "99999", "--db", "/tmp/never.sqlite"])
        #expect(status != 0)
        #expect(output.contains("server.port"))
        #expect(output.contains("99999"))
        let (envStatus, envOutput) = try runToCompletion(["serve", "--db", "/tmp/never.sqlite"],
                                                         environment: ["CABLEGATE_LOG_FORMAT": "yaml"])
        #expect(envStatus != 0)
        #expect(envOutput.contains("CABLEGATE_LOG_FORMAT"))
        #expect(envOutput.contains("yaml"))
    }
}
