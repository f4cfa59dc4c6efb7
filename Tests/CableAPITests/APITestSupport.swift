import CableStore
import Foundation
@testable import CableAPI

/// An API over a fresh store in a temporary directory, called without sockets.
struct TestAPI {
    let api: CableAPI
    let directory: URL

    init(configure: (inout ServiceConfiguration) -> Void = { _ in }, loadSample: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cablegate-api-\(UUID().uuidString)")
        var config = ServiceConfiguration()
        config.databasePath = directory.appendingPathComponent("test.sqlite").path
        configure(&config)
        let store = try CableStore(path: config.databasePath)
        if loadSample { _ = try SampleCorpus.loadIfEmpty(into: store) }
        api = CableAPI(configuration: config, store: store)
    }

    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
                 loopback: Bool = true) -> (status: Int, headers: APIResponse, body: [UInt8]) {
        let parts = target.split(separator: "?", maxSplits: 1)
        let request = APIRequest(method: method, path: String(parts[0]), rawQuery: parts.count > 1 ? String(parts[1]) : "",
                                 headers: headers.map { (name: $0.0, value: $0.1) }, body: body, peerIsLoopback: loopback)
        let response = api.handle(request)
        return (response.status, response, (try? response.collectBody()) ?? [])
    }

    func json(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) -> (Int, [String: Any]) {
        let r = request(method, target, headers: headers, body: body)
        return (r.status, (try? JSONSerialization.jsonObject(with: Data(r.body))) as? [String: Any] ?? [:])
    }
}

/// The seed cable's text, from the bundled sample.
func seedText() throws -> [UInt8] {
    let url = try #require(SampleCorpus.files().first { $0.lastPathComponent == "07ASTANA3153.txt" })
    return Array(try Data(contentsOf: url))
}

/// A record of the cables.csv dialect: 8 quoted columns, `\"` escapes, header + blank line + content.
func csvRecord(id: String, text: String) -> String {
    func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    // Split the cable at its first blank line into the header column and the content column.
    let parts = text.components(separatedBy: "\n\n")
    let header = parts.first ?? ""
    let content = parts.dropFirst().joined(separator: "\n\n")
    return ["1", "2007-11-19 12:04", id, "Embassy Astana", "CONFIDENTIAL", "", header, content].map(quote).joined(separator: ",") + "\n"
}

import Testing
