import Foundation
import Testing
@testable import CableAPI

@Suite("Cable endpoints over a real store")
struct CablesEndpointTests {
    @Test("GET a cable in any id spelling; ETag and 304; fields=")
    func getCable() throws {
        let t = try TestAPI()
        let r = t.request("GET", "/v1/cables/07ASTANA3153")
        #expect(r.status == 200)
        let etag = try #require(r.headers.header("ETag"))
        #expect(etag.hasPrefix("\"") && etag.count > 10)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
        #expect(body["id"] as? String == "07ASTANA3153")
        #expect(body["classification"] as? String == "CONFIDENTIAL")

        let spelled = t.request("GET", "/v1/cables/07astana003153")
        #expect(spelled.status == 200)
        #expect(spelled.headers.header("Content-Location") == "/v1/cables/07ASTANA3153")
        #expect(spelled.body == r.body)

        #expect(t.request("GET", "/v1/cables/07ASTANA3153", headers: [("If-None-Match", etag)]).status == 304)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153", headers: [("If-None-Match", "W/\(etag), \"x\"")]).status == 304)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153", headers: [("If-None-Match", "\"other\"")]).status == 200)

        // A gzip client gets the stored compressed bytes; they inflate to the identity answer.
        let zipped = t.request("GET", "/v1/cables/07ASTANA3153", headers: [("Accept-Encoding", "br, gzip;q=0.8")])
        #expect(zipped.status == 200)
        #expect(zipped.headers.header("Content-Encoding") == "gzip")
        #expect(try gunzip(zipped.body) == r.body)
        let gzETag = try #require(zipped.headers.header("ETag"))
        #expect(gzETag != etag)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153", headers: [("Accept-Encoding", "gzip"), ("If-None-Match", gzETag)]).status == 304)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153", headers: [("If-None-Match", gzETag)]).status == 304)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153", headers: [("Accept-Encoding", "gzip;q=0")]).headers.header("Content-Encoding") == nil)

        let (status, selected) = t.json("GET", "/v1/cables/07ASTANA3153?fields=id,subject")
        #expect(status == 200)
        #expect(Set(selected.keys) == ["id", "subject"])
        let badField = t.request("GET", "/v1/cables/07ASTANA3153?fields=id,colour")
        #expect(badField.status == 400)
        #expect(String(decoding: badField.body, as: UTF8.self).contains("colour"))
    }

    @Test("unknown ids and unknown spellings are 404 problems")
    func notFound() throws {
        let t = try TestAPI()
        let missing = t.request("GET", "/v1/cables/07ASTANA9999")
        #expect(missing.status == 404)
        #expect(missing.headers.header("Content-Type") == "application/problem+json")
        #expect(String(decoding: missing.body, as: UTF8.self).contains("07ASTANA9999"))
        #expect(t.request("GET", "/v1/cables/not-an-id").status == 404)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153/paragraphs/99").status == 404)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153/paragraphs/x").status == 404)
        #expect(t.request("GET", "/v1/nothing").status == 404)
    }

    @Test("wrong method → 405 with Allow")
    func methodNotAllowed() throws {
        let t = try TestAPI()
        let r = t.request("PUT", "/v1/cables/07ASTANA3153")
        #expect(r.status == 405)
        #expect(r.headers.header("Allow") == "DELETE, GET, HEAD")
    }

    @Test("POST /v1/parse stores nothing; text that is not a cable is 422 saying what is missing")
    func parse() throws {
        let t = try TestAPI(loadSample: false)
        let r = t.request("POST", "/v1/parse", headers: [("Content-Type", "text/plain")], body: try seedText())
        #expect(r.status == 200)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153").status == 404)
        let json = try JSONSerialization.data(withJSONObject: ["text": String(decoding: try seedText(), as: UTF8.self)])
        #expect(t.request("POST", "/v1/parse", headers: [("Content-Type", "application/json")], body: Array(json)).status == 200)
        let notCable = t.request("POST", "/v1/parse", body: Array("hello, this is not a telegram".utf8))
        #expect(notCable.status == 422)
        #expect(notCable.headers.header("Content-Type") == "application/problem+json")
        #expect(t.request("POST", "/v1/parse", body: []).status == 422)
        #expect(t.request("POST", "/v1/parse", headers: [("Content-Type", "application/json")], body: Array("{".utf8)).status == 400)
        #expect(t.request("POST", "/v1/parse", headers: [("Content-Type", "image/png")], body: [1, 2]).status == 415)
        #expect(t.request("POST", "/v1/parse", body: [0xFF, 0xFE, 0x00, 0x01, 0x80]).status == 422)
    }

    @Test("POST /v1/cables: 201 + Location when new, 200 when it existed; DELETE 204 then 404")
    func createAndDelete() throws {
        let t = try TestAPI(loadSample: false)
        let created = t.request("POST", "/v1/cables", body: try seedText())
        #expect(created.status == 201)
        #expect(created.headers.header("Location") == "/v1/cables/07ASTANA3153")
        #expect(t.request("POST", "/v1/cables", body: try seedText()).status == 200)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153/raw").body == Array(String(decoding: try seedText(), as: UTF8.self).utf8))
        #expect(t.request("DELETE", "/v1/cables/07ASTANA3153").status == 204)
        #expect(t.request("GET", "/v1/cables/07ASTANA3153").status == 404)
        #expect(t.request("DELETE", "/v1/cables/07ASTANA3153").status == 404)
        let (status, versions) = t.json("GET", "/v1/cables/07ASTANA3153/versions")
        #expect(status == 200)
        #expect((versions["versions"] as? [Any])?.count == 1)
    }

    @Test("writes need the token when one is configured, loopback otherwise")
    func writeAuth() throws {
        let t = try TestAPI(configure: { $0.writeToken = "tok" }, loadSample: false)
        #expect(t.request("POST", "/v1/cables", body: try seedText()).status == 401)
        #expect(t.request("POST", "/v1/cables", headers: [("Authorization", "Bearer tok")], body: try seedText()).status == 201)
        #expect(t.request("POST", "/v1/parse", body: try seedText()).status == 200)
        let open = try TestAPI(loadSample: false)
        #expect(open.request("POST", "/v1/cables", body: try seedText(), loopback: false).status == 403)
        #expect(open.request("DELETE", "/v1/cables/07ASTANA3153", loopback: false).status == 403)
    }

    @Test("paragraphs, one paragraph, references")
    func views() throws {
        let t = try TestAPI()
        let list = t.request("GET", "/v1/cables/07ASTANA3153/paragraphs")
        let paragraphs = try #require(try JSONSerialization.jsonObject(with: Data(list.body)) as? [[String: Any]])
        #expect(paragraphs.count >= 3)
        let (status, one) = t.json("GET", "/v1/cables/07ASTANA3153/paragraphs/2")
        #expect(status == 200)
        #expect(one["number"] as? Int == 2)
        let (_, refs) = t.json("GET", "/v1/cables/09PARIS504/references")
        #expect((refs["cites"] as? [String])?.contains("08PARIS1501") == true)
        let (_, back) = t.json("GET", "/v1/cables/08PARIS1501/references")
        #expect((back["cited_by"] as? [String])?.contains("09PARIS504") == true)
    }
}
