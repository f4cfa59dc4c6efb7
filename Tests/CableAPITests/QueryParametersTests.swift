import Testing
@testable import CableAPI

@Suite("Strict query parameters")
struct QueryParametersTests {
    func problem(_ body: () throws -> Void) -> Problem? {
        do { try body(); return nil } catch { return error as? Problem }
    }

    @Test("unknown parameter → 400 naming it and the allowed ones")
    func unknown() {
        let p = problem { _ = try QueryParameters("limit=5&colour=red", allowed: ["limit"]) }
        #expect(p?.status == 400)
        #expect(p?.parameter == "colour")
        #expect(p?.detail.contains("limit") == true)
    }

    @Test("repeated single-valued parameter → 400; repeatable ones collect")
    func repeated() throws {
        #expect(problem { _ = try QueryParameters("limit=5&limit=6", allowed: ["limit"]) }?.parameter == "limit")
        let q = try QueryParameters("tag=PGOV&tag=KZ,PREL", allowed: ["tag"], repeatable: ["tag"])
        #expect(try q.list("tag") == ["PGOV", "KZ", "PREL"])
    }

    @Test("bad percent-encoding → 400 naming the parameter")
    func badEncoding() {
        #expect(problem { _ = try QueryParameters("q=%zz", allowed: ["q"]) }?.parameter == "q")
        #expect(problem { _ = try QueryParameters("q=%C3", allowed: ["q"]) }?.parameter == "q")
        #expect(problem { _ = try QueryParameters("q=%4", allowed: ["q"]) }?.parameter == "q")
    }

    @Test("decoding: plus is space, UTF-8 percent sequences")
    func decoding() throws {
        let q = try QueryParameters("q=state+secret%20%C3%A9", allowed: ["q"])
        #expect(try q.string("q") == "state secret é")
    }

    @Test("out-of-range and malformed values → 400 naming the parameter")
    func ranges() throws {
        for bad in ["limit=0", "limit=1001", "limit=ten", "limit=-1"] {
            let q = try QueryParameters(bad, allowed: ["limit"])
            #expect(problem { _ = try q.int("limit", in: 1...1000, default: 50) }?.parameter == "limit")
        }
        let ok = try QueryParameters("limit=1000", allowed: ["limit"])
        #expect(try ok.int("limit", in: 1...1000, default: 50) == 1000)
        for bad in ["from=2007-13-01", "from=07-11-19", "from=2007-11-19X", "from=yesterday"] {
            let q = try QueryParameters(bad, allowed: ["from"])
            #expect(problem { _ = try q.date("from") }?.parameter == "from")
        }
        #expect(try QueryParameters("from=2007-11-19", allowed: ["from"]).date("from") == "2007-11-19")
        #expect(try QueryParameters("from=2007-11-19T12:04:00Z", allowed: ["from"]).date("from") == "2007-11-19")
        let sort = try QueryParameters("sort=size", allowed: ["sort"])
        let p = problem { _ = try sort.choice("sort", ["date", "-date"]) }
        #expect(p?.parameter == "sort")
        #expect(p?.detail.contains("date, -date") == true)
    }

    @Test("empty values are refused rather than silently ignored")
    func empty() throws {
        let q = try QueryParameters("q=", allowed: ["q"])
        #expect(problem { _ = try q.string("q") }?.parameter == "q")
    }
}
