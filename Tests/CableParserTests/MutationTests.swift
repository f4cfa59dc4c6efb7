import Foundation
import Testing
@testable import CableParser

/// Real cables, damaged at random (cut, lines dropped, bytes overwritten): the parser returns a
/// cable or a typed error and never traps. Seeded, so a failure reproduces.
@Suite("Damaged fixtures")
struct MutationTests {
    static let fixtures: [String] = (try? FileManager.default.contentsOfDirectory(
        atPath: Support.fixtures.appendingPathComponent("cables").path))?.sorted() ?? []

    @Test("cut, thinned and scrambled cables parse or fail with a typed error", arguments: fixtures)
    func damaged(file: String) throws {
        let original = Array(try Data(contentsOf: Support.fixtures.appendingPathComponent("cables/\(file)")))
        var generator = SeededGenerator(seed: UInt64(original.count))
        let parser = CableParser()
        var variants: [[UInt8]] = []
        for _ in 0..<8 {
            variants.append(Array(original.prefix(Int.random(in: 0...original.count, using: &generator))))
        }
        for _ in 0..<4 {
            let lines = original.split(separator: 0x0A, omittingEmptySubsequences: false)
            let kept = lines.filter { _ in Bool.random(using: &generator) }
            variants.append(Array(kept.joined(separator: [0x0A])))
        }
        for _ in 0..<4 {
            var bytes = original
            for _ in 0..<max(1, bytes.count / 200) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0x20...0xFF, using: &generator)
            }
            variants.append(bytes)
        }
        for bytes in variants {
            do {
                let cable = try parser.parse(bytes: bytes)
                #expect(!cable.id.isEmpty)
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }
}
