import Foundation
import Testing
import CableParser

/// Runs the real `cablegate` binary (built by `swift build`/`swift test` next to the test bundle).
@Suite("cablegate parse (the binary)")
struct ParseCommandTests {
    /// The `cablegate` executable in the build directory that holds this test bundle.
    static let binary: URL? = {
        var candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return candidates.map { $0.appendingPathComponent("cablegate") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let binary = try #require(Self.binary, "cablegate binary not found next to the test bundle: run `swift build` first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    private var seed: String { Support.fixtures.appendingPathComponent("cables/07ASTANA3153.txt").path }

    @Test("one file: one JSON document with every field")
    func single() throws {
        let result = try run(["parse", seed])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 1)
        let cable = try Cable.makeJSONDecoder().decode(Cable.self, from: Data(result.stdout.utf8))
        #expect(cable.id == "07ASTANA3153")
        #expect(cable.signature == "Ordway")
        #expect(result.stdout.contains("\"word_count\":306"))
    }

    @Test("--pretty indents")
    func pretty() throws {
        let result = try run(["parse", "--pretty", seed])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\n  \"classification\" : \"CONFIDENTIAL\""))
    }

    @Test("several files: NDJSON, one line per cable")
    func many() throws {
        let other = Support.fixtures.appendingPathComponent("cables/09MADRID1003.txt").path
        let result = try run(["parse", seed, other])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let ids = try lines.map { try Cable.makeJSONDecoder().decode(Cable.self, from: Data($0.utf8)).id }
        #expect(ids == ["07ASTANA3153", "09MADRID1003"])
    }

    @Test("standard input when no file is given")
    func stdin() throws {
        let text = try String(contentsOfFile: seed, encoding: .utf8)
        let result = try run(["parse"], stdin: text)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"id\":\"07ASTANA3153\""))
    }

    @Test("not a cable: non-zero exit, message names file, line and what is missing")
    func notACable() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("letter-\(UUID().uuidString).txt")
        try Data("Dear Sir,\nThis is a letter.\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(["parse", file.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains(file.path))
        #expect(result.stderr.contains("line "))
        #expect(result.stderr.contains("date-time group"))
        #expect(result.stdout.isEmpty)
    }
}
