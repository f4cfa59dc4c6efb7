import Foundation
import Synchronization
import Testing

/// The real `cablegate serve` binary, started on port 0 with a temporary database.
final class ServerProcess: Sendable {
    let process: Process
    let port: Int
    let directory: URL
    private let output: LogBuffer

    /// The `cablegate` executable built next to the test bundle.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(argv0.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let url = directory.appendingPathComponent("cablegate")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: url.path) {
                return url
            }
        }
        throw ServerError("the cablegate binary is not built next to the tests (looked in \(candidates.map(\.path)))")
    }

    /// Starts the server and waits for its startup line.
    init(arguments: [String] = [], environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cablegate-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = ["serve", "--port", "0", "--db", directory.appendingPathComponent("e2e.sqlite").path,
                             "--config", Self.emptyConfig(in: directory)] + arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CABLEGATE_") }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = LogBuffer()
        self.output = output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { output.text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        }
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while Date() < deadline, process.isRunning {
            found = output.text.withLock { Self.port(in: $0) }
            if found != nil { break }
            usleep(20_000)
        }
        guard let found else {
            process.terminate()
            throw ServerError("server did not start: \(output.text.withLock { $0 })")
        }
        port = found
    }

    private static func emptyConfig(in directory: URL) -> String {
        let path = directory.appendingPathComponent("config.json").path
        try? "{}".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The port in the startup line (`... serving N cables at http://127.0.0.1:PORT ...`).
    static func port(in log: String) -> Int? {
        guard let range = log.range(of: "cables at http://") else { return nil }
        let rest = log[range.upperBound...]
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return Int(rest[rest.index(after: colon)...].prefix { $0.isNumber })
    }

    /// Everything the server printed so far.
    var log: String { output.text.withLock { $0 } }

    /// Sends a signal and waits for the exit status (nil when it did not exit in time).
    func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 15) -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); return nil }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// What the server printed, appended from the pipe's reader thread.
final class LogBuffer: Sendable {
    let text = Mutex("")
}

/// A failure of the test harness itself.
struct ServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs the binary to completion (for startup errors) and returns its exit status and output.
func runToCompletion(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = try ServerProcess.binary()
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CABLEGATE_") }
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
