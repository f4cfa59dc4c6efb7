import ArgumentParser
import CableParser
import Foundation

/// `cablegate parse [FILE ...]`: prints each parsed cable as JSON (one file) or NDJSON (several).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse raw cable text into JSON.",
        discussion: """
            Reads each FILE (standard input when none) as UTF-8 or Windows-1252, LF or CRLF.
            One input prints one JSON document; several print NDJSON, one line per cable.
            Exits non-zero, naming the file and line, when an input is not a cable.
            """
    )

    @Argument(help: "Cable text files; standard input when none.")
    var files: [String] = []

    @Flag(help: "Pretty-print the JSON (single input only).")
    var pretty = false

    @Option(help: "The id the caller already knows (single input only); the parser warns when the text disagrees.")
    var id: String?

    func run() throws {
        let parser = CableParser()
        let single = files.count <= 1
        let encoder = Cable.makeJSONEncoder(pretty: pretty && single)
        var failures = 0
        let inputs: [(name: String, bytes: [UInt8])]
        if files.isEmpty {
            inputs = [("<stdin>", Array(FileHandle.standardInput.readDataToEndOfFile()))]
        } else {
            inputs = try files.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("\(path): cannot read file")
                }
                return (path, Array(data))
            }
        }
        for input in inputs {
            let knownID = id ?? Self.idFromFileName(input.name)
            do {
                let cable = try parser.parse(bytes: input.bytes, knownID: knownID)
                var data = try encoder.encode(cable)
                data.append(0x0A)
                FileHandle.standardOutput.write(data)
            } catch let error as CableParseError {
                failures += 1
                FileHandle.standardError.write(Data("cablegate parse: \(input.name): \(error)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// `…/07ASTANA3153.txt` → `07ASTANA3153` when the file name is a cable id.
    static func idFromFileName(_ path: String) -> String? {
        guard path != "<stdin>" else { return nil }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return CableID.canonicalize(name)
    }
}
