import Foundation
import Testing
@testable import CableStore

/// The bulk import's checkpoints run on a connection of their own; the WAL must still be copied into
/// the database, restart instead of growing, and the writer's own checkpoint setting must come back.
@Suite("Background checkpointer")
struct BackgroundCheckpointerTests {
    /// (log frames, checkpointed frames) of a PASSIVE checkpoint run on a fresh connection.
    private func walFrames(_ path: String) throws -> (log: Int, copied: Int) {
        let connection = try Connection(path: path)
        let statement = try connection.prepare("PRAGMA wal_checkpoint(PASSIVE)")
        defer { statement.reset() }
        guard try statement.step() else { return (0, 0) }
        return (statement.int(1), statement.int(2))
    }

    @Test func catchUpMeansEveryCommittedFrameIsInTheDatabase() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        let checkpointer = try BackgroundCheckpointer(path: path)
        defer { checkpointer.stop() }
        let interval = try store.write { try $0.setAutocheckpoint(0) }
        #expect(interval > 0)
        for serial in 1...20 {
            try store.put(raw: "raw \(serial)", cable: makeCable(id: "07ASTANA\(serial)"))
            checkpointer.committed()
        }
        checkpointer.catchUp()
        // Nothing new was committed since, so a checkpoint now finds every frame already copied.
        let frames = try walFrames(path)
        #expect(frames.log > 0)
        #expect(frames.copied == frames.log)
    }

    @Test func aBulkImportRestoresTheWritersCheckpointIntervalAndLeavesTheWALCopied() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        let before = try store.write { try $0.setAutocheckpoint(1000) }
        _ = try store.write { try $0.setAutocheckpoint(before) }
        var text = ""
        for number in 1...200 { text += csvRecord(csvFields(number: number, raw: rawCable(serial: number), id: "07ASTANA\(number)")) }
        // Batches of 4 cables: many more than `batchesPerWALCycle` commits, so the writer waits for
        // the checkpointer several times along the way.
        let summary = try Importer(store: store, batchSize: 4, workers: 2).run([.data(Data(text.utf8), format: .csv, name: "bulk")])
        #expect(summary.imported == 200 && summary.failedCount == 0)
        #expect(try store.write { try $0.setAutocheckpoint(before) } == before)
        let frames = try walFrames(path)
        #expect(frames.copied == frames.log)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.makeReader().rawText(id: "07ASTANA200") == rawCable(serial: 200))
    }

    private func walBytes(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? -1
    }

    private func bulkCSV(_ count: Int) -> Data {
        var text = ""
        for number in 1...count { text += csvRecord(csvFields(number: number, raw: rawCable(serial: number), id: "07ASTANA\(number)")) }
        return Data(text.utf8)
    }

    @Test func aBulkImportLeavesAnEmptyWALFile() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        let summary = try Importer(store: store, batchSize: 4, workers: 2).run([.data(bulkCSV(60), format: .csv, name: "bulk")])
        #expect(summary.imported == 60)
        #expect(try walBytes(path) == 0)
        #expect(try store.makeReader().rawText(id: "07ASTANA60") == rawCable(serial: 60))
    }

    /// A reader in the middle of a read transaction keeps its snapshot: the import neither waits
    /// for it nor fails, and the WAL file simply stays until a later write.
    @Test func aReaderOnAnOldSnapshotDoesNotHoldUpTheEndOfAnImport() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        try store.put(raw: "raw 0", cable: makeCable(id: "07ASTANA0"))
        let reader = try Connection(path: path, readOnly: true)
        try reader.execute("BEGIN")
        #expect(try reader.scalarInt("SELECT count(*) FROM cables") == 1)
        let started = Date()
        let summary = try Importer(store: store, batchSize: 4, workers: 2).run([.data(bulkCSV(60), format: .csv, name: "bulk")])
        #expect(summary.imported == 60)
        #expect(Date().timeIntervalSince(started) < 5, "a busy wait would take the whole 5 s timeout")
        #expect(try walBytes(path) > 0)
        #expect(try reader.scalarInt("SELECT count(*) FROM cables") == 1, "the snapshot is intact")
        try reader.execute("COMMIT")
    }
}
