import CableParser
import Foundation

/// The fixture cables (Tests/Fixtures/cables), parsed, with their raw text, in file-name order.
enum FixtureCables {
    static func parsed() throws -> [(cable: Cable, raw: String)] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/cables")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { name in
            let raw = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            return (try CableParser().parse(raw, knownID: String(name.dropLast(4))), raw)
        }
    }
}
