import CableParser
import Foundation
import Testing
@testable import CableEntities

/// The buffers reused from cable to cable (`ExtractionWorkspace`) and their pool.
@Suite struct ExtractionWorkspaceTests {
    @Test func reusedWorkspaceGivesWhatFreshOnesGive() throws {
        let cables = try FixtureCables.parsed()
        #expect(cables.count >= 20)
        let extractor = EntityExtractor()
        let fresh = cables.map { item -> Cable in
            var cable = item.cable
            extractor.annotate(&cable, rawText: item.raw, in: ExtractionWorkspace(gazetteer: extractor.gazetteer))
            return cable
        }
        #expect(fresh.reduce(0) { $0 + $1.entities.count } > 100)
        // One workspace through all cables, forwards and then backwards (a large cable before a small one).
        let workspace = ExtractionWorkspace(gazetteer: extractor.gazetteer)
        for order in [Array(cables.indices), cables.indices.reversed()] {
            for index in order {
                var cable = cables[index].cable
                extractor.annotate(&cable, rawText: cables[index].raw, in: workspace)
                workspace.removeAll()
                #expect(cable == fresh[index], "\(cable.id)")
            }
        }
    }

    @Test func poolServesConcurrentCallsWithTheSameResults() async throws {
        let cables = try FixtureCables.parsed()
        let extractor = EntityExtractor()
        let sequential = cables.map { item -> Cable in
            var cable = item.cable
            extractor.annotate(&cable, rawText: item.raw)
            return cable
        }
        #expect(extractor.workspaces.count == 1)
        // Eight tasks, each annotating every cable: calls overlap, so the pool hands out several workspaces.
        let results = await withTaskGroup(of: [Cable].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    cables.map { item in
                        var cable = item.cable
                        extractor.annotate(&cable, rawText: item.raw)
                        return cable
                    }
                }
            }
            var all: [[Cable]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        for result in results { #expect(result == sequential) }
        #expect(extractor.workspaces.count >= 1 && extractor.workspaces.count <= ExtractionWorkspace.Pool.capacity)
    }

    @Test func poolKeepsAtMostItsCapacity() {
        let pool = ExtractionWorkspace.Pool()
        let gazetteer = Gazetteer()
        let taken = (0..<(ExtractionWorkspace.Pool.capacity + 3)).map { _ in pool.take(gazetteer: gazetteer) }
        #expect(pool.count == 0)
        for workspace in taken { pool.give(workspace) }
        #expect(pool.count == ExtractionWorkspace.Pool.capacity)
        let again = pool.take(gazetteer: gazetteer)
        #expect(taken.contains { $0 === again })
        #expect(pool.count == ExtractionWorkspace.Pool.capacity - 1)
    }

    /// One outsized cable must not pin its buffers in the pool; ordinary ones are kept.
    @Test func aWorkspaceGrownByAnOutsizedCableIsLetGo() throws {
        let extractor = EntityExtractor()
        let (cable, raw) = try #require(FixtureCables.parsed().first)
        let pool = ExtractionWorkspace.Pool()
        let ordinary = pool.take(gazetteer: extractor.gazetteer)
        var copy = cable
        extractor.annotate(&copy, rawText: raw, in: ordinary)
        pool.give(ordinary)
        #expect(pool.count == 1)

        var huge = cable
        let filler = String(repeating: "The Ambassador met President Nazarbayev in Astana. ", count: 12_000)
        huge.paragraphs.append(.init(number: huge.paragraphs.count + 1, text: filler))
        let grown = pool.take(gazetteer: extractor.gazetteer)
        extractor.annotate(&huge, rawText: nil, in: grown)
        #expect(grown.largestCableBytes > ExtractionWorkspace.Pool.largestKeptCableBytes)
        pool.give(grown)
        #expect(pool.count == 0)
    }

    @Test func mentionTextAnswersAsStringsDo() {
        var text = MentionText()
        let keys = ["GUTERRES", "GUTÉRRES", "GUTE\u{301}RRES", "G", "G.", "É", "E\u{301}", "", "ANTONIO", "A", "O'MARA", "ΑΘΗΝΑ"]
        for key in keys { text.appendKey(key) }
        for a in keys.indices {
            #expect(text.string(a) == keys[a])
            #expect(text.characterCount(a) == keys[a].count)
            for b in keys.indices {
                #expect(text.equal(a, b) == (keys[a] == keys[b]), "\(keys[a]) \(keys[b])")
                #expect(text.hasFirstCharacter(b, of: a) == keys[b].hasPrefix(keys[a].prefix(1)), "\(keys[a]) \(keys[b])")
            }
        }
        let set: KeySet = ["GUTERRES", "É", "MARA"]
        for a in keys.indices { #expect(text.isMember(a, of: set) == set.contains(keys[a]), "\(keys[a])") }
        let span = text.appendSurface("Señor Guterres")
        #expect(text.surface(span) == "Señor Guterres")
        text.removeAll()
        #expect(text.wordCount == 0)
    }

    @Test func byteKeyTableIsEmptyAfterRemoveAll() {
        var table = ByteKeyTable()
        let keys = (0..<3000).map { Array("KEY\($0)".utf8) }
        for (value, key) in keys.enumerated() { key.withUnsafeBufferPointer { table.set($0, value) } }
        table.removeAll()
        let isEmpty = table.isEmpty  // (read first: `#expect` cannot take a noncopyable table apart)
        #expect(isEmpty)
        for key in keys { #expect(key.withUnsafeBufferPointer { table.value($0) } == nil) }
        for (value, key) in keys.prefix(10).enumerated() { key.withUnsafeBufferPointer { table.set($0, value + 7) } }
        for (value, key) in keys.prefix(10).enumerated() { #expect(key.withUnsafeBufferPointer { table.value($0) } == value + 7) }
        #expect(keys[10].withUnsafeBufferPointer { table.value($0) } == nil)
    }

    @Test func metadataMemoAnswersOnceAndAsTheRules() throws {
        let g = try Gazetteer.bundled()
        let memo = MetadataMemo()
        var made = 0
        for _ in 0..<3 {
            for name in ["Kazakhstan", "United Nations", "Astana", "Nowhere Land", "Côte d'Ivoire"] {
                #expect(memo.keys(name, making: { made += 1; return CableEvidence.keys($0) }) == CableEvidence.keys(name))
                let entry = memo.entry(name) { made += 1; return CableEvidence.lookup($0, in: g) }
                let direct = CableEvidence.lookup(name, in: g)
                #expect(entry?.name == direct?.name && entry?.type == direct?.type && entry?.country == direct?.country)
            }
        }
        #expect(made == 10)
        #expect(memo.keys("Astana", making: { _ in [] }) == ["ASTANA"])
    }
}
