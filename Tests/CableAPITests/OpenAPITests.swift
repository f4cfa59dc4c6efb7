import Foundation
import Testing
@testable import CableAPI

@Suite("Router and Docs/openapi.yaml agree")
struct OpenAPITests {
    /// `(METHOD, /path)` pairs of the document's `paths:` section, read by indentation: paths at two
    /// spaces, operations at four.
    static func documentedOperations(_ yaml: String) -> Set<String> {
        var result = Set<String>()
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty { inPaths = line == "paths:"; continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.dropFirst(4).prefix { $0 != ":" }
                if ["get", "post", "put", "delete", "patch"].contains(String(key)) {
                    result.insert("\(key.uppercased()) \(path)")
                }
            }
        }
        return result
    }

    @Test("every route is documented and every documented operation is routed")
    func agree() throws {
        let yaml = try String(contentsOf: packageRoot.appendingPathComponent("Docs/openapi.yaml"), encoding: .utf8)
        let documented = Self.documentedOperations(yaml)
        let routed = Set(CableAPI.routes.map { "\($0.method) \($0.template)" })
        #expect(documented.count > 15)
        #expect(routed.subtracting(documented).sorted() == [], "routes missing from Docs/openapi.yaml")
        #expect(documented.subtracting(routed).sorted() == [], "documented operations without a route")
    }

    @Test("the HTTP router is built from the same table")
    func router() throws {
        let t = try TestAPI(loadSample: false)
        let templates = Set(t.api.makeRouter().registeredTemplates)
        #expect(templates == Set(CableAPI.routes.map(\.template)))
    }

    @Test("the served document is Docs/openapi.yaml byte for byte")
    func bundled() throws {
        let docs = Array(try Data(contentsOf: packageRoot.appendingPathComponent("Docs/openapi.yaml")))
        #expect(try CableAPI.openAPIBytes() == docs)
        let t = try TestAPI(loadSample: false)
        #expect(t.request("GET", "/openapi.yaml").body == docs)
    }

    @Test("every documented path parameter is a template parameter of its route")
    func parameters() throws {
        for route in CableAPI.routes {
            let names = route.template.split(separator: "/").filter { $0.hasPrefix("{") }
            for name in names { #expect(name.hasSuffix("}"), "\(route.template)") }
        }
    }
}
