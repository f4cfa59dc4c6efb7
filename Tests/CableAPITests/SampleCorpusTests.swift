import CableStore
import Foundation
import Testing
@testable import CableAPI

@Suite("Bundled sample corpus")
struct SampleCorpusTests {
    @Test("every bundled cable parses and loads into an empty store, once")
    func loads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cablegate-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try CableStore(path: directory.appendingPathComponent("s.sqlite").path)
        let files = SampleCorpus.files()
        #expect(files.count == 31)
        #expect(files.contains { $0.lastPathComponent == "07ASTANA3153.txt" })
        let (loaded, skipped) = try SampleCorpus.loadIfEmpty(into: store)
        #expect(skipped == [])
        #expect(loaded == files.count)
        #expect(try store.makeReader().count() == files.count)
        // A second start must not load it again (the database is no longer empty).
        #expect(try SampleCorpus.loadIfEmpty(into: store).loaded == 0)
    }

    @Test("the enrich hook runs on every sample cable")
    func enrich() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cablegate-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try CableStore(path: directory.appendingPathComponent("s.sqlite").path)
        let (loaded, _) = try SampleCorpus.loadIfEmpty(into: store) { cable, raw in
            cable.warnings.append("enriched with \(raw?.isEmpty == false ? "raw text" : "nothing")")
        }
        let json = try #require(try store.makeReader().cableJSON(id: "07ASTANA3153"))
        #expect(loaded == 31)
        #expect(String(decoding: json.json, as: UTF8.self).contains("enriched with raw text"))
    }
}
