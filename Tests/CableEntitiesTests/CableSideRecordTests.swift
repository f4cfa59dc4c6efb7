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

    /// The eight-bytes-at-a-time line scan against a byte-by-byte one, at every start of random texts of
    /// line feeds, ASCII and multi-byte scalars (and bytes 0x0B/0x8A next to the line feed's value).
    @Test func lineEndAsAByteScan() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x0A], [0x41], [0x20], [0x0B], [0x8A], [0x09], Array("é".utf8), Array("Ж".utf8), Array("ABCDEFGH".utf8),
                                 [0x00], [0xFF], [0x0A, 0x0A]]
        for _ in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...buffer.count {
                    var end = start, ascii = true
                    while end < buffer.count, buffer[end] != 0x0A {
                        if buffer[end] >= 0x80 { ascii = false }
                        end += 1
                    }
                    let found = CableEvidence.lineEnd(buffer, from: start)
                    #expect(found.end == end && found.ascii == ascii, "\(bytes) from \(start)")
                }
            }
        }
    }

    /// The eight-bytes-at-a-time comparison against an element-wise one, at every offset and length of
    /// random buffers that differ in one byte.
    @Test func sameBytesAsElementwise() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0x41...0x43, using: &rng) }
            var b = a
            if !b.isEmpty, Bool.random(using: &rng) { b[Int.random(in: 0..<b.count, using: &rng)] ^= 0x80 }
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    for i in 0...x.count {
                        for count in 0...(x.count - i) {
                            let j = Int.random(in: 0...(y.count - count), using: &rng)
                            let expected = x[i..<(i + count)].elementsEqual(y[j..<(j + count)])
                            #expect(ByteKeyTable.sameBytes(x, i, y, j, count: count) == expected)
                        }
                    }
                }
            }
        }
    }

    /// A byte buffer keeps every byte across growth (reserved runs and bulk appends) and after `removeAll`.
    @Test func byteBufferKeepsItsBytesAcrossGrowth() {
        var rng = SystemRandomNumberGenerator()
        var buffer = ByteBuffer(capacity: 1)
        var reference: [UInt8] = []
        for round in 0..<3 {
            for _ in 0..<300 {
                let run = (0..<Int.random(in: 0...70, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                if Bool.random(using: &rng) {
                    buffer.reserve(run.count)
                    for b in run { buffer.appendReserved(b) }
                } else {
                    run.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
                }
                reference += run
                #expect(buffer.count == reference.count)
            }
            #expect(Array(buffer.bytes) == reference, "round \(round)")
            buffer.removeAll()
            reference.removeAll()
            #expect(buffer.count == 0 && buffer.bytes.isEmpty)
        }
    }
}
