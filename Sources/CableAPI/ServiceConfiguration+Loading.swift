import Configuration
import Foundation
import SystemPackage

/// A setting that could not be used: names the setting, where it came from and the value.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// Human-readable reason, e.g. `setting server.port (environment CABLEGATE_SERVER_PORT): value "80a" is not an integer in 0...65535`.
    public let message: String
    public var description: String { message }
    init(_ message: String) { self.message = message }
}

extension ServiceConfiguration {
    /// The default location of the configuration file, relative to the working directory.
    public static let defaultFilePath = "Config/cablegate.json"

    /// Builds the configuration from the file, then the environment, then the flags (later layers win).
    ///
    /// - Parameters:
    ///   - filePath: JSON file to read; `nil` means `CABLEGATE_CONFIG` or `Config/cablegate.json` when present.
    ///   - environment: the process environment (only `CABLEGATE_*` names are read).
    ///   - overrides: values from command-line flags, keyed by setting key (`server.port`).
    /// - Throws: `ConfigurationError` naming the setting and the refused value.
    public static func load(
        filePath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        overrides: [String: String] = [:]
    ) async throws -> ServiceConfiguration {
        var config = ServiceConfiguration()
        let explicitPath = filePath ?? environment["CABLEGATE_CONFIG"]
        let path = explicitPath ?? defaultFilePath
        if explicitPath != nil || FileManager.default.fileExists(atPath: path) {
            let file: FileProvider<JSONSnapshot>
            do {
                file = try await FileProvider<JSONSnapshot>(filePath: FilePath(path))
            } catch {
                throw ConfigurationError("configuration file \(path): \(error)")
            }
            try rejectUnknownKeys(inFile: path)
            try config.apply(provider: file, source: { _ in "file \(path)" })
        }
        let env = EnvironmentVariablesProvider(environmentVariables: environment.filter { $0.key.hasPrefix("CABLEGATE_") })
            .prefixKeys(with: ConfigKey("cablegate"))
        try config.apply(provider: env, source: { "environment \(environmentName(for: $0))" })
        for (key, raw) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let setting = settings.first(where: { $0.key == key }) else {
                throw ConfigurationError("unknown setting \(key)")
            }
            let value: SettingValue
            switch setting.kind {
            case .string: value = .string(raw)
            case .int:
                guard let i = Int(raw) else { throw refusal(setting, source: "flag", raw: raw) }
                value = .int(i)
            case .bool:
                guard let b = Bool(raw) else { throw refusal(setting, source: "flag", raw: raw) }
                value = .bool(b)
            }
            if !setting.apply(&config, value) { throw refusal(setting, source: "flag", raw: raw) }
        }
        return config
    }

    /// A misspelt key would otherwise be ignored silently and its default used.
    private static func rejectUnknownKeys(inFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        let known = Set(settings.map(\.key))
        func walk(_ object: [String: Any], prefix: String) throws {
            for (key, value) in object {
                let full = prefix.isEmpty ? key : prefix + "." + key
                if let nested = value as? [String: Any] {
                    try walk(nested, prefix: full)
                } else if !known.contains(full) {
                    throw ConfigurationError("configuration file \(path): unknown setting \(full); known settings: \(known.sorted().joined(separator: ", "))")
                }
            }
        }
        try walk(root, prefix: "")
    }

    /// The environment variable that overrides a setting (`server.port` → `CABLEGATE_SERVER_PORT`).
    public static func environmentName(for key: String) -> String {
        "CABLEGATE_" + key.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    private mutating func apply(provider: some ConfigProvider, source: (String) -> String) throws {
        for setting in Self.settings {
            let key = AbsoluteConfigKey(ConfigKey(setting.key))
            let type: ConfigType = switch setting.kind {
            case .string: .string
            case .int: .int
            case .bool: .bool
            }
            let found: ConfigValue?
            do {
                found = try provider.value(forKey: key, type: type).value
            } catch {
                // The provider holds a value of another type: fetch it as text to quote it back.
                let raw = (try? provider.value(forKey: key, type: .string).value).map { "\($0.content)" }
                throw Self.refusal(setting, source: source(setting.key), raw: raw ?? "(not a \(type))")
            }
            guard let found else { continue }
            let value: SettingValue
            switch found.content {
            case .string(let s): value = .string(s)
            case .int(let i): value = .int(i)
            case .bool(let b): value = .bool(b)
            default:
                throw Self.refusal(setting, source: source(setting.key), raw: "\(found.content)")
            }
            if !setting.apply(&self, value) {
                throw Self.refusal(setting, source: source(setting.key), raw: value.description)
            }
        }
    }

    private static func refusal(_ setting: Setting, source: String, raw: String) -> ConfigurationError {
        ConfigurationError("setting \(setting.key) (\(source)): value \"\(raw)\" is not allowed; expected \(setting.expected)")
    }

    /// The settings as a nested JSON object with their current values (used to document and check defaults).
    public func jsonObject() -> [String: Any] {
        var root: [String: Any] = [:]
        for setting in Self.settings {
            let parts = setting.key.split(separator: ".").map(String.init)
            var section = root[parts[0]] as? [String: Any] ?? [:]
            switch setting.defaultValue(self) {
            case .string(let s): section[parts[1]] = s
            case .int(let i): section[parts[1]] = i
            case .bool(let b): section[parts[1]] = b
            }
            root[parts[0]] = section
        }
        return root
    }
}
