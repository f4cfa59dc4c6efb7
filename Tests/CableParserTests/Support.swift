import Foundation
@testable import CableParser

/// Paths and builders shared by the parser tests.
enum Support {
    /// `Tests/Fixtures`, found relative to this source file so tests run from any directory.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The dev corpus: `$CABLEGATE_CORPUS`, else `shared/corpus` beside the package root or one of its
    /// parents (`../shared` from a checkout, `../../shared` from a worktree), when present.
    static let sharedCorpus: URL? = {
        let isCorpus = { (url: URL) in FileManager.default.fileExists(atPath: url.appendingPathComponent("manifest.jsonl").path) }
        if let path = ProcessInfo.processInfo.environment["CABLEGATE_CORPUS"] {
            return isCorpus(URL(fileURLWithPath: path)) ? URL(fileURLWithPath: path) : nil
        }
        var directory = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        for _ in 0..<3 {
            directory = directory.deletingLastPathComponent()
            let corpus = directory.appendingPathComponent("shared/corpus")
            if isCorpus(corpus) { return corpus }
        }
        return nil
    }()

    static func fixture(_ id: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent("cables/\(id).txt")))
    }

    /// A small, complete cable around the given parts; tests vary one part at a time.
    static func cable(
        header: String = """
            VZCZCXRO9896
            RR RUEHDBU
            DE RUEHTA #3153 3231204
            ZNY CCCCC ZZH
            R 191204Z NOV 07
            FM AMEMBASSY ASTANA
            TO RUEHC/SECSTATE WASHDC 1207
            """,
        banner: String = "C O N F I D E N T I A L ASTANA 003153",
        preamble: String = """
            SIPDIS

            E.O. 12958: DECL: 11/17/2017
            TAGS: PGOV PREL KZ
            SUBJECT: A SUBJECT

            Classified By: Ambassador John Ordway, reasons 1.4 (b) and (d)
            """,
        body: String = """
            1. (C) First paragraph.

            2. (C) Second paragraph.

            ORDWAY
            """
    ) -> String {
        header + "\n\n" + banner + "\n\n" + preamble + "\n\n" + body + "\n"
    }

    /// Parses `text`, failing the test on a thrown error.
    static func parse(_ text: String, knownID: String? = nil) throws -> Cable {
        try CableParser().parse(text, knownID: knownID)
    }

    /// One row of a manifest (`manifest.jsonl` in the corpus or the fixtures).
    struct ManifestRow: Decodable {
        var id: String
        var file: String
        var created: String
        var classification: String
        var origin: String
    }

    static func manifest(_ url: URL) throws -> [ManifestRow] {
        let decoder = JSONDecoder()
        return try String(decoding: Data(contentsOf: url), as: UTF8.self)
            .split(separator: "\n")
            .map { try decoder.decode(ManifestRow.self, from: Data($0.utf8)) }
    }
}
