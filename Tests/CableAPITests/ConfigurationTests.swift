import Foundation
import Testing
@testable import CableAPI

/// The package root, found from this file's path (Tests/CableAPITests/ → ../..).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("Configuration layers")
struct ConfigurationTests {
    @Test("Config/cablegate.json lists every setting with exactly its default")
    func fileDocumentsDefaults() throws {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("Config/cablegate.json"))
        let file = try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
        let defaults = ServiceConfiguration().jsonObject() as NSDictionary
        #expect(file == defaults)
    }

    @Test("the file's values load as they are")
    func fileLoads() async throws {
        let config = try await ServiceConfiguration.load(
            filePath: packageRoot.appendingPathComponent("Config/cablegate.json").path, environment: [:])
        #expect(config == ServiceConfiguration())
    }

    @Test("environment overrides the file, flags override both")
    func layering() async throws {
        let file = try temporaryFile(#"{"server": {"port": 9000, "host": "0.0.0.0"}, "log": {"format": "json"}}"#)
        let env = ["CABLEGATE_SERVER_PORT": "9100", "CABLEGATE_AUTH_WRITE_TOKEN": "s3cret", "PATH": "/bin"]
        let config = try await ServiceConfiguration.load(filePath: file, environment: env, overrides: ["server.port": "9200"])
        #expect(config.port == 9200)
        #expect(config.host == "0.0.0.0")
        #expect(config.writeToken == "s3cret")
        #expect(config.logFormat == "json")
        let envOnly = try await ServiceConfiguration.load(filePath: file, environment: env)
        #expect(envOnly.port == 9100)
    }

    @Test("a bad value is an error naming the setting, its source and the value")
    func badValues() async throws {
        await #expect(throws: ConfigurationError.self) {
            try await ServiceConfiguration.load(environment: ["CABLEGATE_SERVER_PORT": "80a"])
        }
        do {
            _ = try await ServiceConfiguration.load(filePath: try temporaryFile("{}"), environment: ["CABLEGATE_SERVER_PORT": "80a"])
            Issue.record("80a accepted as a port")
        } catch let error as ConfigurationError {
            #expect(error.message.contains("server.port"))
            #expect(error.message.contains("CABLEGATE_SERVER_PORT"))
            #expect(error.message.contains("80a"))
        }
        do {
            _ = try await ServiceConfiguration.load(filePath: try temporaryFile(#"{"log": {"format": "xml"}}"#), environment: [:])
            Issue.record("xml accepted as a log format")
        } catch let error as ConfigurationError {
            #expect(error.message.contains("log.format"))
            #expect(error.message.contains("\"xml\""))
            #expect(error.message.contains("text, json"))
        }
        do {
            _ = try await ServiceConfiguration.load(filePath: try temporaryFile("{}"), environment: [:], overrides: ["server.port": "70000"])
            Issue.record("70000 accepted as a port")
        } catch let error as ConfigurationError {
            #expect(error.message.contains("server.port (flag)"))
            #expect(error.message.contains("70000"))
        }
        do {
            _ = try await ServiceConfiguration.load(filePath: try temporaryFile(#"{"server": {"port": "eighty"}}"#), environment: [:])
            Issue.record("a string accepted as a port")
        } catch let error as ConfigurationError {
            #expect(error.message.contains("server.port"))
            #expect(error.message.contains("eighty"))
        }
    }

    @Test("a misspelt key in the file is an error naming it")
    func unknownKey() async throws {
        do {
            _ = try await ServiceConfiguration.load(filePath: try temporaryFile(#"{"server": {"prot": 9000}}"#), environment: [:])
            Issue.record("server.prot accepted")
        } catch let error as ConfigurationError {
            #expect(error.message.contains("server.prot"))
            #expect(error.message.contains("server.port"))
        }
    }

    @Test("a missing explicit configuration file is an error naming it")
    func missingFile() async throws {
        do {
            _ = try await ServiceConfiguration.load(filePath: "/nonexistent/cablegate.json", environment: [:])
            Issue.record("missing file accepted")
        } catch let error as ConfigurationError {
            #expect(error.message.contains("/nonexistent/cablegate.json"))
        }
    }

    @Test("environment names follow the keys")
    func environmentNames() {
        #expect(ServiceConfiguration.environmentName(for: "http.max_body_bytes") == "CABLEGATE_HTTP_MAX_BODY_BYTES")
        #expect(ServiceConfiguration.environmentName(for: "server.port") == "CABLEGATE_SERVER_PORT")
    }
}

/// Writes `text` to a new temporary file and returns its path.
func temporaryFile(_ text: String, suffix: String = ".json") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cablegate-\(UUID().uuidString)\(suffix)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
