import CableParser
import Foundation
import Testing
@testable import CableEntities

/// Round 8's cable side: the name cache's batch lookups and id numbers, and the summaries merged by them.
@Suite struct CableSideRecordTests {
    /// Summaries merged by the cache's id numbers must equal those merged by id bytes (the path taken
    /// when the cache is full), and a warm cache must give what a cold one gave.
    @Test func fullOrPartlyFullCachesWriteWhatAnEmptyOneDoes() throws {
        let cables = try FixtureCables.parsed()
        func run(_ extractor: EntityExtractor) -> [Cable] {
            cables.map { item in
                var cable = item.cable
                extractor.annotate(&cable, rawText: item.raw)
                return cable
            }
        }
        let reference = EntityExtractor()
        let cold = run(reference)
        #expect(cold.reduce(0) { $0 + $1.entities.count } > 100)
        #expect(run(reference) == cold)  // warm: every name from the cache
        for capacity in [0, 1, 40, 400] {
            let extractor = EntityExtractor(nameCacheCapacity: capacity)
            #expect(run(extractor) == cold, "capacity \(capacity)")
            #expect(run(extractor) == cold, "capacity \(capacity), second pass")
        }
    }

    @Test func idNumbersAreOnePerDistinctID() {
        let cache = EntityNameCache()
        // Four keys, three ids: two keys (an all-caps and a mixed-case surface) share one id.
        let keys: [[UInt8]] = [Array("p\u{2}GUTERRES".utf8), Array("p\u{2}Guterres".utf8), Array("l\u{1}Astana".utf8),
                               Array("p\u{2}Antonio Guterres".utf8)]
        let names = ["Guterres", "Guterres", "Astana", "Antonio Guterres"]
        let ids = ["person:guterres", "person:guterres", "location:astana", "person:antonio-guterres"]
        var bytes: [UInt8] = [], ends: [Int] = []
        for key in keys { bytes += key; ends.append(bytes.count) }
        var found: [EntityNameCache.Entry?] = []
        bytes.withUnsafeBufferPointer { b in ends.withUnsafeBufferPointer { cache.lookUp(keys: b, ends: $0, into: &found) } }
        #expect(found.count == 4 && found.allSatisfy { $0 == nil })
        bytes.withUnsafeBufferPointer { b in
            ends.withUnsafeBufferPointer { cache.store(keys: b, ends: $0, missing: [0, 1, 2, 3], names: names, ids: ids, into: &found) }
        }
        let numbers = found.map { $0!.idNumber }
        #expect(numbers[0] == numbers[1])
        #expect(Set(numbers).count == 3 && numbers.allSatisfy { $0 >= 0 && $0 < 3 })
        #expect(cache.idCount == 3)
        var again: [EntityNameCache.Entry?] = []
        bytes.withUnsafeBufferPointer { b in ends.withUnsafeBufferPointer { cache.lookUp(keys: b, ends: $0, into: &again) } }
        #expect(again.map { $0?.id } == ids)
        #expect(again.map { $0?.name } == names)
        #expect(again.map { $0?.idNumber } == numbers)
    }

    @Test func sortPrefixOrdersASCIINamesAsStrings() {
        let names = ["Ab", "Ab\u{0}", "Abc", "Astana", "Astana Hotel", "Astana Hotels", "ASTANA", "", "zz", "Zhanaozen", "Émile"]
        for a in names {
            for b in names {
                let x = SortPrefix(a), y = SortPrefix(b)
                #expect(x.ascii == a.utf8.allSatisfy { $0 < 0x80 })
                if x.ascii, y.ascii, x.value != y.value { #expect((x.value < y.value) == (a < b), "\(a) \(b)") }
            }
        }
    }
}
