import CableParser
import Foundation
import Testing
@testable import CableStore

@Suite("Importer")
struct ImporterTests {
    /// Records with entities are about twice as large in memory: the in-flight budget halves when a
    /// caller's hook may add them (the CLI's and the API's entity extraction), not for a plain import.
    @Test func theInFlightBudgetHalvesWhenTheCallerMayAddEntities() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        #expect(Importer(store: store).budgetShare == 1)
        #expect(Importer(store: store, enrich: { _ in }).budgetShare == Importer.budgetShareWithEntities)
        let parse: Importer.Parse = { bytes, id in
            let raw = String(decoding: bytes, as: UTF8.self)
            return (raw, try CableParser().parse(raw, knownID: id))
        }
        #expect(Importer(store: store, parse: parse).budgetShare == Importer.budgetShareWithEntities)
        #expect(Importer.recordsInFlight / Importer.budgetShareWithEntities >= Importer.chunkSize)
    }

    private func makeStore() throws -> CableStore { try CableStore(path: temporaryDatabasePath()) }

    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A cables.csv with `count` records (serials 1...count).
    private func csv(count: Int, station: String = "ASTANA") -> String {
        (1...count).map { serial in
            let raw = rawCable(station: station, serial: serial, subject: "SUBJECT \"QUOTED\" \(serial)")
            return csvRecord(csvFields(number: serial, raw: raw, id: "07\(station)\(serial)"))
        }.joined()
    }

    @Test func importsASingleTextFileAndADirectoryRecursively() throws {
        let directory = temporaryDirectory()
        try write(rawCable(serial: 1), to: directory.appendingPathComponent("07ASTANA1.txt"))
        try write(rawCable(serial: 2), to: directory.appendingPathComponent("nested/deeper/07ASTANA2.txt"))
        try write("not a cable", to: directory.appendingPathComponent("notes.md"))  // ignored: not an input type
        let store = try makeStore()
        let single = try Importer(store: store).run([.path(directory.appendingPathComponent("07ASTANA1.txt").path)])
        #expect(single.imported == 1 && single.failedCount == 0)
        let all = try Importer(store: store).run([.path(directory.path)])
        #expect(all.imported == 1 && all.unchanged == 1 && all.records == 2)
        #expect(try store.makeReader().rawText(id: "07ASTANA2") == rawCable(serial: 2))
    }

    @Test func importsCSVWithEscapedQuotesAndEmbeddedNewlines() throws {
        let file = temporaryDirectory().appendingPathComponent("cables.csv")
        try write(csv(count: 5), to: file)
        let store = try makeStore()
        let summary = try Importer(store: store, batchSize: 2).run([.path(file.path)])
        #expect(summary.imported == 5 && summary.failedCount == 0 && summary.records == 5)
        let reader = try store.makeReader()
        // Raw text of a CSV record = header + blank line + content.
        #expect(try reader.rawText(id: "07ASTANA3") == rawCable(serial: 3, subject: "SUBJECT \"QUOTED\" 3"))
        let json = try #require(try reader.cableJSON(id: "07ASTANA3")).json
        #expect(try Cable.makeJSONDecoder().decode(Cable.self, from: json).subject == "SUBJECT \"QUOTED\" 3")
    }

    @Test func importsGzippedCSVAndNDJSON() throws {
        let directory = temporaryDirectory()
        let gz = directory.appendingPathComponent("cables.csv.gz")
        try gzip(Data(csv(count: 30).utf8)).write(to: gz)
        let ndjson = directory.appendingPathComponent("more.ndjson")
        let lines = (31...33).map { serial -> String in
            let object: [String: String] = ["text": rawCable(serial: serial), "id": "07ASTANA\(serial)"]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        try write(lines.joined(separator: "\n") + "\n\n", to: ndjson)
        let store = try makeStore()
        let summary = try Importer(store: store, batchSize: 7).run([.path(gz.path), .path(ndjson.path)])
        #expect(summary.imported == 33 && summary.failedCount == 0)
        #expect(try store.makeReader().count() == 33)
    }

    @Test func importsBytesFromTheAPIWithFormatAndGzipSniffed() throws {
        let store = try makeStore()
        let csvBody = try gzip(Data(csv(count: 3).utf8))
        let ndjson = Data(#"{"text": "not a cable at all"}"#.utf8 + [10] + Array(#"{"nope": 1}"#.utf8))
        let text = Data(rawCable(serial: 9).utf8)
        let summary = try Importer(store: store).run([
            .data(csvBody, format: nil, name: "body1"), .data(ndjson, format: nil, name: "body2"),
            .data(text, format: nil, name: "body3"),
        ])
        #expect(summary.imported == 4)
        #expect(summary.failed.map(\.record) == [4, 5])
        #expect(summary.failed[1].error.contains("line 2"))
    }

    /// The fast path writes a batch without savepoints; a cable the store refuses (here a trigger
    /// aborts one id) must roll back alone and leave the rest of its batch stored and indexed.
    @Test func aCableTheStoreRefusesIsSkippedAloneWithinItsBatch() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        try refuseInserts(ofID: "07ASTANA3", at: path)
        let file = temporaryDirectory().appendingPathComponent("cables.csv")
        try write(csv(count: 5), to: file)
        let summary = try Importer(store: store, batchSize: 5).run([.path(file.path)])
        #expect(summary.imported == 4 && summary.failedCount == 1)
        #expect(summary.failed.map(\.record) == [3])
        #expect(summary.failed.first?.error.contains("07ASTANA3") == true)
        let reader = try store.makeReader()
        #expect(try reader.count() == 4)
        #expect(try reader.rawText(id: "07ASTANA3") == nil)
        #expect(try reader.rawText(id: "07ASTANA4") == rawCable(serial: 4, subject: "SUBJECT \"QUOTED\" 4"))
        let check = try Connection(path: path)
        try check.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
        #expect(try check.scalarInt("SELECT count(DISTINCT cable_pk) FROM paragraphs") == 4)
    }

    @Test func badRecordsAreReportedWithTheirNumberAndTheBatchGoesOn() throws {
        let records = [
            csvRecord(csvFields(number: 1, raw: rawCable(serial: 1), id: "07ASTANA1")),
            csvRecord(["2", "x", "", "", "", "", "hello", "this is not a cable"]),
            csvRecord(["3", "too", "few"]),
            csvRecord(csvFields(number: 4, raw: rawCable(serial: 4), id: "07ASTANA4")),
        ]
        let file = temporaryDirectory().appendingPathComponent("bad.csv")
        try write(records.joined(), to: file)
        let summary = try Importer(store: makeStore()).run([.path(file.path), .path("/nonexistent/file.txt")])
        #expect(summary.imported == 2)
        #expect(summary.failed.map(\.record) == [2, 3, 5])
        #expect(summary.failed[1].error.contains("3 fields"))
        #expect(summary.failed[2].error.contains("/nonexistent/file.txt"))
    }

    @Test func brokenCSVQuotingStopsThatInputWithOneFailure() throws {
        let text = csvRecord(csvFields(number: 1, raw: rawCable(serial: 1), id: "07ASTANA1")) + "\"2\",\"unterminated"
        let summary = try Importer(store: makeStore()).run([.data(Data(text.utf8), format: .csv, name: "body")])
        #expect(summary.imported == 1)
        #expect(summary.failedCount == 1 && summary.failed[0].error.contains("no closing quote"))
    }

    @Test func corruptGzipIsAFailureNotACrash() throws {
        var bytes = [UInt8](try gzip(Data(csv(count: 20).utf8)))
        bytes.removeLast(bytes.count / 2)
        let summary = try Importer(store: makeStore()).run([.data(Data(bytes), format: .csv, name: "cut.gz")])
        #expect(summary.failedCount >= 1)
        #expect(summary.failed.contains { $0.error.contains("gzip") })
    }

    @Test func reimportIsIdempotentAndChangedTextBecomesAVersion() throws {
        let store = try makeStore()
        let body = Data(csv(count: 10).utf8)
        #expect(try Importer(store: store).run([.data(body, format: .csv, name: "a")]).imported == 10)
        let again = try Importer(store: store).run([.data(body, format: .csv, name: "a")])
        #expect(again.unchanged == 10 && again.imported == 0 && again.updated == 0)
        let changed = rawCable(serial: 4, paragraphs: ["A corrected paragraph."])
        let update = try Importer(store: store).run([.data(Data(changed.utf8), format: .text, name: "fix")])
        #expect(update.updated == 1)
        let reader = try store.makeReader()
        #expect(try reader.versions(id: "07ASTANA4").count == 2)
        #expect(try reader.rawText(id: "07ASTANA4") == changed)
    }

    @Test func enrichHookRunsBeforeStoring() throws {
        let store = try makeStore()
        let importer = Importer(store: store, enrich: { cable in
            guard let index = cable.paragraphs.firstIndex(where: { $0.text.contains("Almaty") }) else { return }
            cable.paragraphs[index].entities = [Cable.EntityMention(id: "location:almaty", type: "location", surface: "Almaty", start: 0, end: 6)]
            cable.entities = [Cable.EntitySummary(id: "location:almaty", name: "Almaty", type: "location", mentions: 1)]
        })
        #expect(try importer.run([.data(Data(rawCable(serial: 1).utf8), format: .text, name: "x")]).imported == 1)
        let reader = try store.makeReader()
        #expect(try reader.listCables(filter: CableFilter(entity: "location:almaty")).total == 1)
        #expect(try reader.entity(id: "location:almaty")?.name == "Almaty")
    }

    @Test func importsTheSharedSampleCSV() throws {
        guard let corpus = sharedCorpus else {
            print("skipped: ../shared/corpus is not beside this checkout")
            return
        }
        let store = try makeStore()
        let summary = try Importer(store: store).run([.path(corpus.appendingPathComponent("constructed-cables-csv-sample.csv").path)])
        #expect(summary.records == 282)
        #expect(summary.stored + summary.failedCount == 282)
        #expect(summary.stored >= 270, "\(summary.failed.prefix(5))")
        // The CSV text equals the .txt file minus its final newline (header + blank line + body).
        let reader = try store.makeReader()
        let id = "00HARARE6677"
        if let raw = try reader.rawText(id: id) {
            let file = try String(contentsOf: corpus.appendingPathComponent("cables/\(id).txt"), encoding: .utf8)
            #expect(raw + "\n" == file)
        }
    }
}

@Suite("Importer on the fixture cables")
struct FixtureImportTests {
    @Test func importsTheFixturesThenReportsAllUnchanged() throws {
        let directory = packageRoot.appendingPathComponent("Tests/Fixtures/cables")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count >= 20)
        let store = try CableStore(path: temporaryDatabasePath())
        let first = try Importer(store: store).run([.path(directory.path)])
        #expect(first.failedCount == 0, "\(first.failed)")
        #expect(first.imported == files.count)
        let second = try Importer(store: store).run([.path(directory.path)])
        #expect(second.unchanged == files.count && second.imported == 0 && second.updated == 0)
        let reader = try store.makeReader()
        // Each file is stored under its own id with its text exactly as read.
        for file in files.prefix(5) {
            let id = String(file.dropLast(4))
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(try reader.rawText(id: id) == text, "\(id)")
        }
        #expect(try reader.stats().cables == files.count)
        #expect(try !reader.searchParagraphs(query: "embassy").items.isEmpty)
    }
}
