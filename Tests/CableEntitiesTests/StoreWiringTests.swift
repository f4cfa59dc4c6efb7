import CableParser
import CableStore
import Foundation
import Testing
@testable import CableEntities

/// The extractor in the import path and a reindex pass, against a real SQLite store in a temp dir.
@Suite struct StoreWiringTests {
    private func temporaryStore() throws -> (CableStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("entities-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try CableStore(path: dir.appendingPathComponent("c.sqlite").path), dir)
    }

    @Test func importFillsEntitiesAndReindexReplacesThem() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let extractor = Support.extractor
        let importer = Importer(store: store, batchSize: 8, workers: 1, parse: { bytes, id in
            let raw = TextDecoding.decode(bytes)
            var cable = try CableParser().parse(raw, knownID: id)
            extractor.annotate(&cable, rawText: raw)
            return (raw, cable)
        })
        let raw = try Support.fixture("07ASTANA3153.txt")
        let summary = try importer.run([.data(Data(raw.utf8), format: .text, name: "07ASTANA3153.txt")])
        #expect(summary.imported == 1, "\(summary.failed)")

        let reader = try store.makeReader()
        let guterres = try #require(try reader.entity(id: "person:antonio-guterres"))
        #expect(guterres.mentions >= 10)
        #expect(guterres.aliases.contains("Guterres"))
        #expect(try reader.entity(id: "organization:government-of-kazakhstan") != nil)

        // Reindex: wipe the entities as an older extractor might have left them, then rebuild.
        _ = try store.write { try $0.replaceMentions(cableID: "07ASTANA3153", mentions: [], entities: []) }
        // No cable names it any more: it is gone, until the reindex below names it again.
        #expect(try reader.entity(id: "person:antonio-guterres") == nil)
        let json = try #require(try reader.cableJSON(id: "07ASTANA3153"))
        var cable = try Cable.makeJSONDecoder().decode(Cable.self, from: json.json)
        extractor.annotate(&cable, rawText: try reader.rawText(id: "07ASTANA3153"))
        let mentions = cable.paragraphs.flatMap { p in p.entities.map { StoredMention(paragraph: p.number, mention: $0) } }
        _ = try store.write { try $0.replaceMentions(cableID: "07ASTANA3153", mentions: mentions, entities: cable.entities) }
        #expect(try reader.entity(id: "person:antonio-guterres")?.mentions == guterres.mentions)
    }
}
