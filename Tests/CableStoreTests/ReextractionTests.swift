import CableParser
import Foundation
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
        #expect(try store.write { try $0.replaceEntities(of: annotated, extractedFrom: source) } == MentionReplacement(removedEntities: 1))
        let stored = try #require(try reader.cableJSON(id: "07ASTANA1"))
        #expect(stored.json == Data(CableJSONWriter.encode(annotated)))
        #expect(stored.hash == SHA256.hex(stored.json))
        #expect(try reader.paragraphs(id: "07ASTANA1")?[1].entities == [Self.astana])
        #expect(try reader.entity(id: "location:almaty") == nil)
        #expect(try reader.entity(id: "location:astana")?.cables == 1)

        // The stored JSON is no longer `source`: nothing is written.
        var stale = annotated
        stale.paragraphs[1].entities = [Self.almaty]
        #expect(try store.write { try $0.replaceEntities(of: stale, extractedFrom: source) } == nil)
        #expect(try reader.cableJSON(id: "07ASTANA1")?.json == stored.json)
        #expect(try reader.entity(id: "location:almaty") == nil)

        #expect(try store.delete(id: "07ASTANA1"))
        #expect(try store.write { try $0.replaceEntities(of: annotated, extractedFrom: stored.json) } == nil)
    }
}
