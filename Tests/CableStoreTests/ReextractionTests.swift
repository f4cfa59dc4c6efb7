import CableParser
import Foundation
import Synchronization
import Testing
@testable import CableStore

/// The reindex path: decoding a stored cable without its mentions, and storing a new extraction only
/// over the JSON it was made from.
@Suite("Re-extraction")
struct ReextractionTests {
    static let almaty = Cable.EntityMention(id: "location:almaty", type: "location", surface: "Almaty", start: 18, end: 24)
    static let astana = Cable.EntityMention(id: "location:astana", type: "location", surface: "ASTANA", start: 0, end: 6)

    /// Every `entities` member's value, at any depth, becomes `[]`; strings that look like one stay.
    @Test func everyEntitiesMemberIsReplacedAndStringsAreNot() throws {
        func replaced(_ json: String) -> String? {
            JSONMemberScanner.replacingValues(of: "entities", with: "[]", in: Data(json.utf8)).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(replaced(#"{"paragraphs":[{"n":1,"entities":[{"id":"a","x":[1]}]},{"entities" : []}],"entities":[{"id":"a"}],"z":"entities"}"#)
                == #"{"paragraphs":[{"n":1,"entities":[]},{"entities" : []}],"entities":[],"z":"entities"}"#)
        #expect(replaced(#"{"s":"\"entities\":[1] ] {","t":"\\","entities":[ "]\"[" ],"u":1}"#)
                == #"{"s":"\"entities\":[1] ] {","t":"\\","entities":[],"u":1}"#)
        // A value that is no array or object is left as it is; a document without the key is returned whole.
        #expect(replaced(#"{"entities":null,"a":[{"entities":{"k":[]}}]}"#) == #"{"entities":null,"a":[{"entities":[]}]}"#)
        #expect(replaced(#"{"text":"no mentions"}"#) == #"{"text":"no mentions"}"#)
        // Not well-formed: nil, so the caller decodes the original and reports the decoder's error.
        for broken in [#"{"entities":[1,2"#, #"{"a":"unterminated"#, #"{"a":1}]"#] {
            #expect(replaced(broken) == nil, "\(broken)")
        }
    }

    /// The lighter decode equals the whole one but for the mentions and summary it leaves out.
    @Test func decodeForReextractionDropsOnlyTheEntities() throws {
        var cable = makeCable(id: "07ASTANA1", paragraphs: ["Officials met in Almaty and [\"entities\"] Astana.", "ASTANA"],
                              mentions: [1: [Self.almaty], 2: [Self.astana]])
        cable.signature = "ORDWAY \"entities\": []"
        let json = Data(CableJSONWriter.encode(cable))
        let decoded = try Cable.decodeForReextraction(json)
        var expected = try Cable.makeJSONDecoder().decode(Cable.self, from: json)
        #expect(!expected.entities.isEmpty && !expected.paragraphs[0].entities.isEmpty)
        expected.entities = []
        for index in expected.paragraphs.indices { expected.paragraphs[index].entities = [] }
        #expect(decoded == expected)
        #expect(throws: (any Error).self) { try Cable.decodeForReextraction(Data(#"{"id":"07ASTANA1","entities":[1"#.utf8)) }
    }

    /// The new extraction is stored only over the JSON it was made from; a changed or deleted cable
    /// is left alone and answered with nil.
    @Test func replaceEntitiesWritesOnlyOverTheJSONItWasMadeFrom() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        try store.put(raw: "one", cable: makeCable(id: "07ASTANA1", mentions: [2: [Self.almaty]]))
        let reader = try store.makeReader()
        let source = try #require(try reader.cableJSON(id: "07ASTANA1")).json

        var annotated = try Cable.decodeForReextraction(source)
        annotated.paragraphs[1].entities = [Self.astana]
        annotated.entities = [Cable.EntitySummary(id: "location:astana", name: "Astana", type: "location", mentions: 1)]
        #expect(try store.write { w in try w.transaction { try w.replaceEntities(of: EncodedCable(cable: annotated, compressor: w.compressor), extractedFrom: source) } } == MentionReplacement(removedEntities: 1))
        let stored = try #require(try reader.cableJSON(id: "07ASTANA1"))
        #expect(stored.json == Data(CableJSONWriter.encode(annotated)))
        #expect(stored.hash == SHA256.hex(stored.json))
        #expect(try reader.paragraphs(id: "07ASTANA1")?[1].entities == [Self.astana])
        #expect(try reader.entity(id: "location:almaty") == nil)
        #expect(try reader.entity(id: "location:astana")?.cables == 1)

        // The stored JSON is no longer `source`: nothing is written.
        var stale = annotated
        stale.paragraphs[1].entities = [Self.almaty]
        #expect(try store.write { w in try w.transaction { try w.replaceEntities(of: EncodedCable(cable: stale, compressor: w.compressor), extractedFrom: source) } } == nil)
        #expect(try reader.cableJSON(id: "07ASTANA1")?.json == stored.json)
        #expect(try reader.entity(id: "location:almaty") == nil)

        #expect(try store.delete(id: "07ASTANA1"))
        #expect(try store.write { w in try w.transaction { try w.replaceEntities(of: EncodedCable(cable: annotated, compressor: w.compressor), extractedFrom: stored.json) } } == nil)
    }
}

/// `EntityReindex` with a stand-in extractor: every "Almaty" and "Astana" of a paragraph is a place.
@Suite("Entity reindex")
struct EntityReindexTests {
    static let annotate: EntityReindex.Annotate = { cable, _ in
        var counts: [String: Int] = [:]
        for index in cable.paragraphs.indices {
            let text = cable.paragraphs[index].text
            cable.paragraphs[index].entities = ["Almaty", "Astana"].flatMap { name in
                text.ranges(of: name).map { range in
                    Cable.EntityMention(id: "location:\(name.lowercased())", type: "location", surface: name,
                                        start: text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound),
                                        end: text.unicodeScalars.distance(from: text.startIndex, to: range.upperBound))
                }
            }
            for mention in cable.paragraphs[index].entities { counts[mention.id, default: 0] += 1 }
        }
        cable.entities = counts.keys.sorted().map { id in
            Cable.EntitySummary(id: id, name: String(id.dropFirst(9)).capitalized, type: "location", mentions: counts[id]!)
        }
    }

    static func store(cables: Int) throws -> CableStore {
        let store = try CableStore(path: temporaryDatabasePath())
        let stale = Cable.EntityMention(id: "person:stale", type: "person", surface: "Stale", start: 0, end: 5)
        for serial in 1...cables {
            try store.put(raw: "text \(serial)", cable: makeCable(
                id: "07ASTANA\(serial)", paragraphs: ["Officials met in Almaty.", "Astana and Almaty \(serial)."],
                mentions: [1: [stale]]))
        }
        return store
    }

    /// Batches smaller than the store, two workers: every cable ends as the extractor annotates it, and
    /// the entity only the old extraction named is gone.
    @Test func everyCableIsStoredAsAnnotated() throws {
        let store = try Self.store(cables: 7)
        var progress: [Int] = []
        let summary = try EntityReindex(store: store, workers: 2, batchSize: 3, annotate: Self.annotate).run { progress.append($0) }
        #expect(summary == EntityReindex.Summary(reindexed: 7, mentions: 21, failed: 0, skipped: 0, removedEntities: 1, failures: []))
        #expect(progress == [3, 6, 7])
        let reader = try store.makeReader()
        for serial in 1...7 {
            let stored = try #require(try reader.cableJSON(id: "07ASTANA\(serial)"))
            var expected = try Cable.makeJSONDecoder().decode(Cable.self, from: stored.json)
            Self.annotate(&expected, nil)
            #expect(stored.json == Data(CableJSONWriter.encode(expected)))
        }
        #expect(try reader.entity(id: "person:stale") == nil)
        #expect(try reader.entity(id: "location:almaty").map { [$0.cables, $0.mentions] } == [7, 14])
        #expect(try reader.entity(id: "location:astana").map { [$0.cables, $0.mentions] } == [7, 7])
    }

    /// A cable whose stored JSON cannot be decoded fails alone; the rest of its batch is stored.
    @Test func anUnreadableCableFailsAlone() throws {
        let store = try Self.store(cables: 4)
        try store.write { writer in
            try writer.connection.prepare("UPDATE cables SET json_gz = ?, json_size = 9 WHERE id = '07ASTANA2'")
                .run(writer.compressor.compressToData("not json!"))
        }
        let summary = try EntityReindex(store: store, workers: 2, batchSize: 4, annotate: Self.annotate).run()
        #expect(summary.reindexed == 3 && summary.failed == 1)
        #expect(summary.failures.map(\.id) == ["07ASTANA2"])
        #expect(try store.makeReader().entity(id: "location:almaty")?.cables == 3)
        // Still linked from the cable that could not be reindexed.
        #expect(try store.makeReader().entity(id: "person:stale")?.cables == 1)
    }

    /// A cable the store refuses to write makes its batch fail; the batch is written again one cable
    /// per transaction, so only that cable fails.
    @Test func aCableTheStoreRefusesFailsAlone() throws {
        let store = try Self.store(cables: 4)
        try store.write { try $0.connection.execute("""
            CREATE TRIGGER refuse BEFORE UPDATE OF json_gz ON cables WHEN NEW.id = '07ASTANA3'
            BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END
            """) }
        let summary = try EntityReindex(store: store, workers: 2, batchSize: 4, annotate: Self.annotate).run()
        #expect(summary.reindexed == 3 && summary.failed == 1)
        #expect(summary.failures.map(\.id) == ["07ASTANA3"])
        #expect(summary.failures.first?.message.contains("refused by a test trigger") == true)
        #expect(try store.makeReader().entity(id: "location:almaty")?.cables == 3)
    }

    /// A cable changed while it is being annotated (a server writing to the same database) is read and
    /// annotated again; one deleted meanwhile is skipped.
    @Test func aCableChangedMeanwhileIsReadAgainAndADeletedOneSkipped() throws {
        let store = try Self.store(cables: 3)
        let changedOnce = Mutex(false)
        let summary = try EntityReindex(store: store, workers: 1, batchSize: 3) { cable, raw in
            if cable.id == "07ASTANA2", changedOnce.withLock({ done in defer { done = true }; return !done }) {
                _ = try? store.put(raw: "text 2, revised", cable: makeCable(id: "07ASTANA2", paragraphs: ["Only Astana now."]))
            }
            if cable.id == "07ASTANA3" { _ = try? store.delete(id: "07ASTANA3") }
            Self.annotate(&cable, raw)
        }.run()
        #expect(summary.reindexed == 2 && summary.skipped == 1 && summary.failed == 0)
        let reader = try store.makeReader()
        #expect(try reader.paragraphs(id: "07ASTANA2")?.map(\.entities.count) == [1])
        #expect(try reader.entity(id: "location:astana")?.cables == 2)
        #expect(try reader.entity(id: "location:almaty")?.cables == 1)
    }
}
