import HTTPTypes
import Testing
@testable import HTTPServer

@Suite struct RouterTests {
    func makeRouter() -> Router<Void> {
        var router = Router<Void>()
        router.get("/v1/cables") { _, _ in .text("list") }
        router.get("/v1/cables/{id}") { request, _ in .text("cable \(request.parameters["id"] ?? "?")") }
        router.delete("/v1/cables/{id}") { _, _ in Response(status: .noContent) }
        router.get("/v1/cables/{id}/paragraphs/{n}") { _, _ in .text("paragraph") }
        router.get("/v1/cables/new") { _, _ in .text("literal wins") }
        router.get("/") { _, _ in .text("root") }
        return router
    }

    func match(_ method: HTTPRequest.Method, _ path: String) throws -> RouteMatch {
        makeRouter().table.match(method, try PercentDecoding.pathSegments(path[...]))
    }

    @Test func templatesBindDecodedParameters() throws {
        guard case .found(let route, let parameters) = try match(.get, "/v1/cables/07ASTANA3153/paragraphs/4") else {
            Issue.record("no match")
            return
        }
        #expect(route.template == "/v1/cables/{id}/paragraphs/{n}")
        #expect(parameters["id"] == "07ASTANA3153")
        #expect(parameters["n"] == "4")
        guard case .found(_, let encoded) = try match(.get, "/v1/cables/a%2Fb%20c") else {
            Issue.record("no match")
            return
        }
        #expect(encoded["id"] == "a/b c")
    }

    @Test func literalBeatsParameter() throws {
        guard case .found(let route, _) = try match(.get, "/v1/cables/new") else {
            Issue.record("no match")
            return
        }
        #expect(route.template == "/v1/cables/new")
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() throws {
        guard case .notFound = try match(.get, "/v2/nothing") else {
            Issue.record("expected 404")
            return
        }
        guard case .notFound = try match(.get, "/v1/cables/x/y") else {
            Issue.record("expected 404")
            return
        }
        guard case .methodNotAllowed(let allow) = try match(.post, "/v1/cables/x") else {
            Issue.record("expected 405")
            return
        }
        #expect(allow.map(\.rawValue) == ["DELETE", "GET", "HEAD"])
        guard case .methodNotAllowed = try match(HTTPRequest.Method("get")!, "/v1/cables") else {
            Issue.record("lowercase method should be 405")
            return
        }
    }

    @Test func headIsServedByGet() throws {
        guard case .found(let route, _) = try match(.head, "/v1/cables") else {
            Issue.record("HEAD should match the GET route")
            return
        }
        #expect(route.template == "/v1/cables")
    }

    @Test func rootAndTrailingSlash() throws {
        guard case .found(let route, _) = try match(.get, "/") else {
            Issue.record("root should match")
            return
        }
        #expect(route.template == "/")
        guard case .notFound = try match(.get, "/v1/cables/") else {
            Issue.record("empty parameter should not match")
            return
        }
    }

    @Test func badPercentEncodingIs400() {
        for path in ["/v1/cables/%", "/v1/cables/%4", "/v1/cables/%zz", "/v1/cables/%00", "/v1/cables/%C3%28"] {
            #expect(throws: HTTPParseError.self, "\(path)") { _ = try PercentDecoding.pathSegments(path[...]) }
        }
    }

    @Test func queryKeepsRepeatedKeysAndDecodes() throws {
        let query = try QueryItems(parsing: "tag=PREL&tag=ENRG&q=hello+world%21&empty&x=")
        #expect(query.values("tag") == ["PREL", "ENRG"])
        #expect(query["q"] == "hello world!")
        #expect(query["empty"] == "")
        #expect(query["x"] == "")
        #expect(query["missing"] == nil)
        #expect(throws: HTTPParseError.self) { _ = try QueryItems(parsing: "q=%G1") }
    }

    @Test func templatesAreListed() {
        #expect(makeRouter().registeredTemplates.contains("/v1/cables/{id}/paragraphs/{n}"))
    }
}
