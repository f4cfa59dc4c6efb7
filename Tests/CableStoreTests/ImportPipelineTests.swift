import CableParser
import Foundation
import Synchronization
import Testing
@testable import CableStore

/// The importer's pipeline: chunks parsed out of order on several workers must still be written in
/// input order, failures keep their record numbers, and a store failure stops every stage.
@Suite("Import pipeline")
struct ImportPipelineTests {
    /// A cable record in the cables.csv dialect; `subject` varies the text for the same id.
    private func record(_ number: Int, id serial: Int, subject: String = "STATE SECRET LAW DEBATED") -> String {
        csvRecord(csvFields(number: number, raw: rawCable(serial: serial, subject: subject), id: "07ASTANA\(serial)"))
    }

    /// A record the parser refuses (it is not a telegram), reported by a worker.
    private func notACable(_ number: Int) -> String {
        csvRecord(["\(number)", "x", "", "", "", "", "hello", "this is not a cable"])
    }

    @Test func aLaterDuplicateWinsAcrossChunksWorkersAndBatches() throws {
        // 300 records over many chunks and several batches; ids 1...50 recur, each later copy with a
        // new subject. Whatever order the workers finish in, the last copy must be the stored one.
        var text = ""
        for number in 1...300 {
            let serial = (number - 1) % 50 + 1
            text += record(number, id: serial, subject: "ROUND \((number - 1) / 50)")
        }
        let store = try CableStore(path: temporaryDatabasePath())
        let summary = try Importer(store: store, batchSize: 7, workers: 3)
            .run([.data(Data(text.utf8), format: .csv, name: "dups")])
        #expect(summary.failedCount == 0, "\(summary.failed)")
        #expect(summary.imported == 50 && summary.updated == 250 && summary.unchanged == 0)
        let reader = try store.makeReader()
        for serial in [1, 17, 50] {
            #expect(try reader.rawText(id: "07ASTANA\(serial)") == rawCable(serial: serial, subject: "ROUND 5"))
            // Every earlier text is kept as a version, oldest first.
            #expect(try reader.versions(id: "07ASTANA\(serial)").count == 6)
        }
    }

    @Test func failuresKeepTheirRecordNumbersAcrossChunks() throws {
        var text = ""
        var bad: [Int] = []
        for number in 1...120 {
            if number % 7 == 0 {
                text += notACable(number)
                bad.append(number)
            } else {
                text += record(number, id: number)
            }
        }
        let summary = try Importer(store: CableStore(path: temporaryDatabasePath()), batchSize: 16, workers: 2)
            .run([.data(Data(text.utf8), format: .csv, name: "mixed")])
        #expect(summary.imported == 120 - bad.count)
        #expect(summary.failedCount == bad.count)
        #expect(summary.failed.map(\.record) == bad)
        #expect(summary.failed.allSatisfy { $0.error.hasPrefix("mixed: ") })
        #expect(summary.records == 120)
    }

    @Test func manyFailuresListTheFirstThousandAndCountAll() throws {
        // Worker failures (not a cable) and reader failures (wrong field count) interleaved.
        var text = ""
        for number in 1...2_600 {
            text += number % 2 == 0 ? notACable(number) : csvRecord(["\(number)", "too", "few"])
        }
        text += record(2_601, id: 1)
        let summary = try Importer(store: CableStore(path: temporaryDatabasePath()))
            .run([.data(Data(text.utf8), format: .csv, name: "junk")])
        #expect(summary.imported == 1)
        #expect(summary.failedCount == 2_600)
        #expect(summary.failed.map(\.record) == Array(1...Importer.maximumReportedFailures))
    }

    @Test func aStoreFailureStopsTheImportWithAnError() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        // Not a constraint: a trigger calling a function that does not exist makes every cable
        // insert fail to prepare, like an I/O error would fail it.
        try Connection(path: path).execute("""
            CREATE TRIGGER broken BEFORE INSERT ON cables BEGIN SELECT no_such_function(new.id); END;
            """)
        // Far more records than the pipeline holds in flight: the reader must not block forever.
        let text = (1...1_500).map { record($0, id: $0) }.joined()
        #expect(throws: ImportStoreError.self) {
            try Importer(store: store, batchSize: 64).run([.data(Data(text.utf8), format: .csv, name: "big")])
        }
        #expect(try store.makeReader().count() == 0)
    }

    @Test func progressIsReportedAndEndsAtTheTotals() throws {
        let text = (1...40).map { record($0, id: $0) }.joined()
        let last = Mutex<ImportProgress?>(nil)
        let summary = try Importer(store: CableStore(path: temporaryDatabasePath()), batchSize: 5)
            .run([.data(Data(text.utf8), format: .csv, name: "p")]) { progress in last.withLock { $0 = progress } }
        #expect(summary.imported == 40)
        let final = try #require(last.withLock { $0 })
        #expect(final.records == 40 && final.bytes == text.utf8.count && final.totalBytes == text.utf8.count)
    }

    /// Yields `records` cables, then throws `error`.
    private struct FailingReader: RecordReader {
        var records: [String]
        var error: any Error
        var consumed = 0
        mutating func next() throws -> RecordResult? {
            guard !records.isEmpty else { throw error }
            let text = records.removeFirst()
            consumed += text.utf8.count
            return .record(bytes: Array(text.utf8), knownID: nil)
        }
    }

    private struct BodyCutOff: Error {}

    @Test func anOpenReaderStoresWhatCameBeforeAFatalErrorAndRethrowsIt() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        let cables = (1...30).map { rawCable(serial: $0) }
        #expect(throws: BodyCutOff.self) {
            try Importer(store: store, batchSize: 4, durable: true)
                .run(reader: FailingReader(records: cables, error: BodyCutOff()), name: "body", stopsImport: { $0 is BodyCutOff })
        }
        #expect(try store.makeReader().count() == 30)
        // Any other error ends the input as one failed record after the 30 cables.
        let summary = try Importer(store: store)
            .run(reader: FailingReader(records: cables, error: BodyCutOff()), name: "body", stopsImport: { _ in false })
        #expect(summary.unchanged == 30 && summary.failedCount == 1)
        #expect(summary.failed.map(\.record) == [31])
        #expect(summary.failed.first?.error.hasPrefix("body: ") == true)
    }

    @Test func aRefusedCableMidBatchRetriesEveryChunkTakenSoFar() throws {
        let path = temporaryDatabasePath()
        let store = try CableStore(path: path)
        try refuseInserts(ofID: "07ASTANA20", at: path)
        // Record 13 is not a cable (a worker failure inside the same batch), 20 is refused by the
        // store in the middle of its chunk; batches of 30 span several chunks of 8.
        let text = (1...45).map { $0 == 13 ? notACable($0) : record($0, id: $0) }.joined()
        let summary = try Importer(store: store, batchSize: 30, workers: 2)
            .run([.data(Data(text.utf8), format: .csv, name: "refusals")])
        #expect(summary.imported == 43)
        #expect(summary.failedCount == 2)
        #expect(summary.failed.map(\.record) == [13, 20])
        let reader = try store.makeReader()
        #expect(try reader.count() == 43)
        for serial in [19, 21, 24, 30, 31, 45] { #expect(try reader.rawText(id: "07ASTANA\(serial)") != nil, "\(serial)") }
    }
}
