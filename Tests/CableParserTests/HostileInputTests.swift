import Foundation
import Testing
@testable import CableParser

/// Bad input never crashes or hangs: a typed error, or a partial cable with warnings.
@Suite("Hostile input")
struct HostileInputTests {
    @Test("empty and blank input", arguments: ["", "\n\n  \n", "\r\n\t"])
    func empty(text: String) {
        #expect(throws: CableParseError.self) { try CableParser().parse(text) }
        do {
            _ = try CableParser().parse(text)
        } catch {
            #expect(error.kind == .empty)
            #expect(error.line == 1)
        }
    }

    @Test("binary garbage is refused as not text")
    func binary() {
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        do {
            _ = try CableParser().parse(bytes: bytes)
            Issue.record("binary input parsed as a cable")
        } catch {
            #expect(error.kind == .notText)
        }
    }

    @Test("prose without banner or DTG names what is missing")
    func notACable() {
        do {
            _ = try CableParser().parse("Dear Sir,\nThis is a letter.\nRegards\n")
            Issue.record("a letter parsed as a cable")
        } catch {
            #expect(error.kind == .missingIdentifier)
            #expect(error.description.contains("date-time group"))
        }
    }

    @Test("a cable cut in half still gives a partial cable")
    func cutInHalf() throws {
        let text = Support.cable()
        let half = String(text.prefix(text.count / 2))
        let cable = try CableParser().parse(half)
        #expect(cable.id == "07ASTANA3153")
        #expect(cable.date == "2007-11-19T12:04:00Z")
        #expect(cable.warnings.contains("no SUBJECT line"))
    }

    @Test("cut right after the routing header: the id needs the banner or the caller's id")
    func headerOnly() throws {
        let text = "R 191204Z NOV 07\nFM AMEMBASSY ASTANA\nTO RUEHC/SECSTATE WASHDC 1207\n"
        #expect(throws: CableParseError.self) { try CableParser().parse(text) }
        let cable = try CableParser().parse(text, knownID: "07ASTANA3153")
        #expect(cable.id == "07ASTANA3153")
        #expect(cable.origin == "Embassy Astana")
    }

    @Test("10 MB of random text: a typed error, promptly")
    func randomText() {
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij0123456789.,:()/\n¶".utf8)
        let bytes = (0..<10_000_000).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        #expect(throws: CableParseError.self) { try CableParser().parse(bytes: bytes) }
    }

    @Test("10,000 paragraphs parse completely")
    func manyParagraphs() throws {
        var body = ""
        for number in 1...10_000 {
            body += "\u{B6}\(number). (C) Paragraph \(number) SUMMARY: COMMENT: text\n\n"
        }
        let cable = try CableParser().parse(Support.cable(body: body))
        #expect(cable.paragraphs.count == 10_000)
        #expect(cable.paragraphs.last?.number == 10_000)
    }

    @Test("one 2 MB line without breaks")
    func longLine() throws {
        let cable = try CableParser().parse(Support.cable(body: "1. (C) " + String(repeating: "word ", count: 400_000)))
        #expect(cable.wordCount == 400_000)
    }

    @Test("NUL bytes are refused")
    func nul() {
        #expect(throws: CableParseError.self) { try CableParser().parse(bytes: Array(Support.cable().utf8) + [0]) }
    }

    @Test("parsing from many threads at once gives identical results")
    func concurrent() async throws {
        let text = Support.cable()
        let parser = CableParser()
        let expected = try parser.parse(text)
        try await withThrowingTaskGroup(of: Cable.self) { group in
            for _ in 0..<32 { group.addTask { try parser.parse(text) } }
            for try await cable in group { #expect(cable == expected) }
        }
    }
}

/// A small deterministic generator (SplitMix64) so hostile inputs are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
