import CableParser
import Foundation
@testable import CableStore

/// A fresh database path in its own temporary directory.
func temporaryDatabasePath(_ label: String = #function) -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("cablestore-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent("test.sqlite").path
}

/// A fresh temporary directory.
func temporaryDirectory() -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cablestore-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// Makes the database at `path` refuse to insert the cable `id` (a trigger aborts with
/// SQLITE_CONSTRAINT), the way a store refuses a cable mid-batch.
func refuseInserts(ofID id: String, at path: String) throws {
    try Connection(path: path).execute("""
        CREATE TRIGGER refuse_one BEFORE INSERT ON cables WHEN new.id = '\(id)'
        BEGIN SELECT RAISE(ABORT, 'refused by test'); END;
        """)
}

/// A parsed cable built by hand, so store tests do not depend on the parser's choices.
func makeCable(
    id: String, date: String? = "2007-11-19T12:04:00Z", origin: String? = "Embassy Astana",
    classification: String? = "CONFIDENTIAL", caveats: [String] = ["SIPDIS"], tags: [String] = ["PGOV", "KZ"],
    subject: String? = "STATE SECRET LAW DEBATED", references: [String] = [],
    paragraphs: [String] = ["The parliament debated the state secret law.", "Officials met in Almaty."],
    mentions: [Int: [Cable.EntityMention]] = [:]
) -> Cable {
    let station = String(id.drop(while: \.isNumber).prefix(while: \.isLetter))
    let serial = Int(id.drop(while: \.isNumber).drop(while: \.isLetter)) ?? 0
    var entities: [String: Cable.EntitySummary] = [:]
    for list in mentions.values {
        for mention in list {
            entities[mention.id, default: Cable.EntitySummary(id: mention.id, name: mention.surface.capitalized, type: mention.type, mentions: 0)].mentions += 1
        }
    }
    return Cable(
        id: id, date: date, origin: origin, station: station, serial: serial, classification: classification,
        caveats: caveats,
        tags: tags.map { Cable.Tag(code: $0, kind: $0.count == 2 ? "geographic" : "subject", meaning: "meaning of \($0)") },
        subject: subject,
        references: references.enumerated().map { Cable.Reference(label: String(UnicodeScalar(65 + $0.offset)!), id: $0.element, text: $0.element) },
        paragraphs: paragraphs.enumerated().map { index, text in
            Cable.Paragraph(number: index + 1, classification: "C", text: text, entities: mentions[index + 1] ?? [])
        },
        wordCount: paragraphs.joined(separator: " ").split(separator: " ").count,
        entities: entities.values.sorted { $0.id < $1.id })
}

/// Raw telegram text the real parser accepts (used by importer tests).
func rawCable(station: String = "ASTANA", serial: Int, day: Int = 19, month: String = "NOV", year: Int = 7,
              classification: String = "C O N F I D E N T I A L", subject: String = "STATE SECRET LAW DEBATED",
              paragraphs: [String] = ["The parliament debated the state secret law.", "Uzbek officials met in Almaty."]) -> String {
    let dtg = String(format: "%02d1204Z %@ %02d", day, month, year)
    var text = """
        VZCZCXYZ0001
        PP RUEHWEB

        DE RUEHTA #\(serial)/01 3231204
        ZNY CCCCC ZZH
        P \(dtg)
        FM AMEMBASSY \(station)
        TO RUEHC/SECSTATE WASHDC PRIORITY 1207

        \(classification) \(station) \(String(format: "%06d", serial))

        SIPDIS

        E.O. 12958: DECL: 11/17/2017
        TAGS: PGOV, KZ
        SUBJECT: \(subject)

        Classified By: Ambassador John Ordway, 1.4 (b), (d)


        """
    for (index, paragraph) in paragraphs.enumerated() {
        text += "\(index + 1). (C) \(paragraph)\n\n"
    }
    text += "ORDWAY\n"
    return text
}

/// Writes a record in the cables.csv dialect (every field quoted, `\"` escapes).
func csvRecord(_ fields: [String]) -> String {
    fields.map { field in
        "\"" + field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }.joined(separator: ",") + "\n"
}

/// Splits raw text into the CSV header and content columns at the first blank line.
func csvFields(number: Int, raw: String, id: String) -> [String] {
    let parts = raw.components(separatedBy: "\n\n")
    return ["\(number)", "11/19/2007 12:04", id, "Embassy Astana", "CONFIDENTIAL", "", parts[0],
            parts.dropFirst().joined(separator: "\n\n")]
}

/// gzip-compresses `data` with the system `gzip` tool.
func gzip(_ data: Data) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-c"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let writer = Thread { input.fileHandleForWriting.write(data); try? input.fileHandleForWriting.close() }
    writer.start()
    let compressed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return compressed
}

/// The package root (two levels above this file's directory).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shared development corpus, when this checkout sits beside it.
var sharedCorpus: URL? {
    // ../shared beside the package (the main checkout), or ../../shared (a worktree under wt/).
    for up in [1, 2] {
        var url = packageRoot
        for _ in 0..<up { url = url.deletingLastPathComponent() }
        url = url.appendingPathComponent("shared/corpus")
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("cables").path) { return url }
    }
    return nil
}
