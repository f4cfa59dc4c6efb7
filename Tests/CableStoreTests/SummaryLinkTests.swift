import CableParser
import Foundation
import Testing
@testable import CableStore

/// Entities a cable names only in its metadata (signature, Classified By, TAGS) are linked to it like
/// those in its paragraphs: counts, `?entity=` and related entities see them.
@Suite("Summary entities linked to their cables")
struct SummaryLinkTests {
    /// A cable whose summary names Ordway (the signer: no paragraph mention) and Almaty (one paragraph
    /// mention, two in the summary: the TAGS name it too).
    private static func signedCable(id: String) -> Cable {
        let almaty = Cable.EntityMention(id: "location:almaty", type: "location", surface: "Almaty", start: 18, end: 24)
        var cable = makeCable(id: id, mentions: [2: [almaty]])
        cable.entities = [Cable.EntitySummary(id: "location:almaty", name: "Almaty", type: "location", mentions: 2),
                          Cable.EntitySummary(id: "person:ordway", name: "Ordway", type: "person", mentions: 1)]
        return cable
    }

    @Test func aSignerNamedOnlyInTheMetadataIsLinkedToItsCables() throws {
        let store = try CableStore(path: temporaryDatabasePath())
        try store.put(raw: "raw1", cable: Self.signedCable(id: "07ASTANA1"))
        try store.put(raw: "raw2", cable: Self.signedCable(id: "07ASTANA2"))
        try store.put(raw: "raw3", cable: makeCable(id: "07ASTANA3"))
        let reader = try store.makeReader()
        let ordway = try #require(try reader.entity(id: "person:ordway"))
        #expect(ordway.cables == 2 && ordway.mentions == 2)
        #expect(try reader.entity(id: "location:almaty")?.mentions == 4)
        #expect(try reader.listCables(filter: CableFilter(entity: "person:ordway")).items.map(\.id).sorted() == ["07ASTANA1", "07ASTANA2"])
        #expect(try reader.relatedEntities(id: "person:ordway", limit: 5).map(\.id) == ["location:almaty"])
        // The paragraph mentions themselves are unchanged: Ordway has none.
        #expect(try reader.paragraphs(id: "07ASTANA1")?.flatMap(\.entities).map(\.id) == ["location:almaty"])
    }

    /// A database written before schema 6 (only paragraph mentions counted) gets the summary's links and
    /// counts when it is opened.
    @Test func migrationSixLinksTheSummariesOfStoredCables() throws {
        let path = temporaryDatabasePath()
        do {
            let store = try CableStore(path: path)
            try store.put(raw: "raw1", cable: Self.signedCable(id: "07ASTANA1"))
            try store.put(raw: "raw2", cable: makeCable(id: "07ASTANA2"))
        }
        // What a schema-5 writer left: no row for the signer, the paragraph count for Almaty (and, to
        // take the step's insert path, no entity row for the signer either).
        let old = try Connection(path: path)
        try old.execute("""
            DELETE FROM entity_cables WHERE entity_pk = (SELECT pk FROM entities WHERE id = 'person:ordway');
            DELETE FROM entities WHERE id = 'person:ordway';
            UPDATE entity_cables SET mentions = 1;
            PRAGMA user_version = 5;
            """)
        #expect(try old.scalarInt("SELECT count(*) FROM entity_cables") == 1)

        let store = try CableStore(path: path)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        #expect(try store.integrityCheck() == "ok")
        let reader = try store.makeReader()
        #expect(try reader.entity(id: "person:ordway").map { [$0.cables, $0.mentions] } == [1, 1])
        #expect(try reader.entity(id: "location:almaty").map { [$0.cables, $0.mentions] } == [1, 2])
        #expect(try reader.listCables(filter: CableFilter(entity: "person:ordway")).items.map(\.id) == ["07ASTANA1"])
    }

    /// The migration reads the summary from the `entities` member's bytes alone; it must be the
    /// top-level member whatever the key order, strings and escapes around it.
    @Test func summaryIsTheTopLevelMemberOnly() throws {
        func member(_ json: String) -> String? {
            let bytes = Array(json.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                JSONMemberScanner.valueRanges(of: "entities", depth: 1, first: true, in: buffer)?.first
                    .map { String(decoding: bytes[$0], as: UTF8.self) }
            }
        }
        // A paragraph's own `entities` comes first (unsorted keys): skipped.
        #expect(member(#"{"paragraphs":[{"entities":[1]}],"entities":[{"a":[2]}],"z":3}"#) == #"[{"a":[2]}]"#)
        // Brackets, quotes, escapes and the key's text inside strings are no structure.
        #expect(member(#"{"s":"\"entities\":[ ] } {","t":"\\","entities" : [ "]\"[" ] }"#) == #"[ "]\"[" ]"#)
        #expect(member(#"{"signature":"entities","entities":[]}"#) == "[]")
        #expect(member(#"{"entities":null,"header":{"x":[1]}}"#) == nil)
        #expect(member(#"{"other":[{"entities":[1]}]}"#) == nil)
        #expect(member(#"{"entities":[1,2"#) == nil)

        // Real documents as the store writes them: the member's decode equals the whole document's.
        let cable = Self.signedCable(id: "07ASTANA1")
        let json = Data(CableJSONWriter.encode(cable))
        #expect(Schema.summaryEntities(json, decoder: Cable.makeJSONDecoder()) == cable.entities)
        #expect(Schema.summaryEntities(Data(#"{"paragraphs":[],"entities":[{"id":"person:x","name":"X","type":"person","mentions":2}]}"#.utf8),
                                       decoder: Cable.makeJSONDecoder())?.map(\.mentions) == [2])
    }
}
