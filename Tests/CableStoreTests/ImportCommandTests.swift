import CableParser
import Foundation
import Testing
@testable import CableStore

private func csvCorpus(count: Int, paragraphs: Int = 3) -> String {
    (1...count).map { serial in
        let body = (1...paragraphs).map { "Paragraph \($0) of cable \(serial) on the state secret law and energy policy." }
        let raw = rawCable(station: "MOSCOW", serial: serial, paragraphs: body)
        return csvRecord(csvFields(number: serial, raw: raw, id: "07MOSCOW\(serial)"))
    }.joined()
}

@Suite("cablegate import (real binary)", .serialized)
struct ImportCommandTests {
    @Test func readsCSVAndGzipFromStdinAndReportsUnchangedOnReimport() throws {
        guard cablegateBinary != nil else { print("skipped: cablegate binary not built (swift build first)"); return }
        let db = temporaryDatabasePath()
        let csv = Data(csvCorpus(count: 12).utf8)
        let first = try runCablegate(["import", "--db", db, "-"], stdin: csv)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("imported 12, updated 0, unchanged 0, failed 0"), "\(first.output)")
        let second = try runCablegate(["import", "--db", db, "-"], stdin: try gzip(csv))
        #expect(second.status == 0)
        #expect(second.output.contains("imported 0, updated 0, unchanged 12, failed 0"), "\(second.output)")
    }

    /// The same cables from .txt files and then from a CSV export (whose texts lack the final newline):
    /// the second import changes nothing and makes no versions.
    @Test func csvExportOfImportedTextFilesIsUnchanged() throws {
        guard cablegateBinary != nil else { print("skipped: cablegate binary not built (swift build first)"); return }
        let db = temporaryDatabasePath()
        let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures/cables")
        let names = ["04ANKARA348.txt", "09MOSCOW226.txt", "09DOHA214.txt"]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cablegate-txt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = ""
        for (number, name) in names.enumerated() {
            let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasSuffix("\n"), "\(name) must end with a newline for this test to mean anything")
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            var exported = text
            while exported.hasSuffix("\n") { exported.removeLast() }
            csv += csvRecord(csvFields(number: number + 1, raw: exported, id: String(name.dropLast(4))))
        }
        let first = try runCablegate(["import", "--db", db, "--no-entities", directory.path])
        #expect(first.output.contains("imported 3, updated 0, unchanged 0, failed 0"), "\(first.output)")
        let second = try runCablegate(["import", "--db", db, "--no-entities", "-"], stdin: Data(csv.utf8))
        #expect(second.output.contains("imported 0, updated 0, unchanged 3, failed 0"), "\(second.output)")
        let store = try CableStore(path: db)
        #expect(try store.makeReader().versions(id: "04ANKARA348").count == 1)
    }

    @Test func exitsNonZeroWhenNothingCouldBeImported() throws {
        guard cablegateBinary != nil else { print("skipped: cablegate binary not built (swift build first)"); return }
        let result = try runCablegate(["import", "--db", temporaryDatabasePath(), "-"], stdin: Data("hello, not a cable\n".utf8))
        #expect(result.status != 0)
        #expect(result.output.contains("failed record 1"), "\(result.output)")
    }

    /// kill -9 in the middle of an import, then: the file is sound, no cable is half-written, and the
    /// same import run again completes.
    @Test func killNineMidImportLeavesNoHalfCableAndRerunCompletes() throws {
        guard let binary = cablegateBinary else { print("skipped: cablegate binary not built (swift build first)"); return }
        let directory = temporaryDirectory()
        let db = directory.appendingPathComponent("crash.sqlite").path
        let csvPath = directory.appendingPathComponent("cables.csv")
        let count = 3_000
        try Data(csvCorpus(count: count).utf8).write(to: csvPath)

        let process = Process()
        process.executableURL = binary
        process.arguments = ["import", "--db", db, "--batch-size", "40", "--quiet", csvPath.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some batches are committed, then kill without warning.
        var committed = 0
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline {
            if FileManager.default.fileExists(atPath: db),
               let reader = try? Connection(path: db, readOnly: true),
               let n = try? reader.scalarInt("SELECT count(*) FROM cables"), n >= 80 {
                committed = n
                break
            }
            usleep(20_000)
        }
        let killedMidway = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(killedMidway && committed > 0, "the import finished before it could be killed")

        let store = try CableStore(path: db)
        #expect(try store.integrityCheck() == "ok")
        let check = try Connection(path: db)
        try check.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
        let stored = try #require(try check.scalarInt("SELECT count(*) FROM cables"))
        #expect(stored > 0 && stored < count)
        // Every stored cable has exactly the paragraphs, tags and caveats its JSON lists.
        let rows = try check.prepare("""
            SELECT c.id, c.json_gz, (SELECT count(*) FROM paragraphs p WHERE p.cable_pk = c.pk),
                   (SELECT count(*) FROM cable_tags t WHERE t.cable_pk = c.pk), c.json_size
            FROM cables c
            """)
        var halfWritten = 0
        while try rows.step() {
            let json = try StoredGzip.inflate(rows.data(1), size: rows.int(4))
            let cable = try Cable.makeJSONDecoder().decode(Cable.self, from: json)
            if cable.paragraphs.count != rows.int(2) || Set(cable.tags.map(\.code)).count != rows.int(3) { halfWritten += 1 }
        }
        rows.reset()
        #expect(halfWritten == 0)
        #expect(try check.scalarInt("SELECT count(*) FROM paragraphs WHERE cable_pk NOT IN (SELECT pk FROM cables)") == 0)

        let rerun = try runCablegate(["import", "--db", db, "--quiet", csvPath.path])
        #expect(rerun.status == 0)
        #expect(rerun.output.contains("imported \(count - stored), updated 0, unchanged \(stored), failed 0"), "\(rerun.output)")
        #expect(try check.scalarInt("SELECT count(*) FROM cables") == count)
        #expect(try store.integrityCheck() == "ok")
    }
}
