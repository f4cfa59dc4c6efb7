import ArgumentParser
import CableAPI
import CableEntities
import CableStore
import Foundation
import HTTPServer
import Logging

/// `cablegate serve`: opens (or creates) the database, loads the sample corpus into an empty one,
/// and serves the v1 API until SIGTERM/SIGINT, then drains and exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the REST API (defaults: 127.0.0.1:8080, ./data/cablegate.sqlite).",
        discussion: """
            Settings come from Config/cablegate.json (or --config), then CABLEGATE_* environment variables \
            (server.port -> CABLEGATE_SERVER_PORT), then these flags. See Docs/operations.md.
            """
    )

    @Option(name: .long, help: "Address to listen on (server.host).")
    var host: String?

    @Option(name: .long, help: "TCP port; 0 picks a free one (server.port).")
    var port: String?

    @Option(name: .long, help: "SQLite database file (database.path).")
    var db: String?

    @Flag(name: .long, help: "Do not load the bundled sample cables into an empty database.")
    var noSample = false

    @Option(name: .long, help: "Log format: text or json (log.format).")
    var logFormat: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical (log.level).")
    var logLevel: String?

    @Option(name: .long, help: "Configuration file (default Config/cablegate.json when present, or CABLEGATE_CONFIG).")
    var config: String?

    func run() async throws {
        var overrides: [String: String] = [:]
        overrides["server.host"] = host
        overrides["server.port"] = port
        overrides["database.path"] = db
        overrides["log.format"] = logFormat
        overrides["log.level"] = logLevel
        if noSample { overrides["database.load_sample"] = "false" }
        let settings: ServiceConfiguration
        do {
            settings = try await ServiceConfiguration.load(filePath: config, overrides: overrides)
        } catch {
            // A configuration mistake is not a usage mistake: say what is wrong, without the usage text.
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        settings.bootstrapLogging()
        let logger = Logger(label: "cablegate")
        try serve(settings, logger: logger)
    }

    private func serve(_ settings: ServiceConfiguration, logger: Logger) throws {
        let store: CableStore
        do {
            store = try CableStore(path: settings.databasePath)
        } catch {
            logger.critical("cannot open the database \(settings.databasePath): \(error)")
            throw ExitCode.failure
        }
        // People, organisations and places are found in every cable the service stores.
        let extractor = EntityExtractor()
        if let problem = extractor.loadError { logger.warning("entity gazetteer not loaded: \(problem)") }
        let enrich: CableAPI.Enrich = { cable, raw in extractor.annotate(&cable, rawText: raw) }
        if settings.loadSample {
            let (loaded, skipped) = try SampleCorpus.loadIfEmpty(into: store, enrich: enrich)
            if loaded > 0 { logger.info("loaded \(loaded) bundled sample cables into the empty database") }
            for reason in skipped { logger.warning("sample cable skipped: \(reason)") }
        }
        let api = CableAPI(configuration: settings, store: store, logger: logger, enrich: enrich)
        let server = HTTPServer(configuration: api.serverConfiguration(logger: logger), router: api.makeRouter())
        do {
            try server.start()
        } catch {
            logger.critical("cannot listen on \(settings.host):\(settings.port): \(error)")
            throw ExitCode.failure
        }
        HTTPServer<Void>.shutdownOnSignals { server.shutdown() }
        api.warmUp()
        let count = (try? store.makeReader().count()) ?? 0
        let hostForURL = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        let base = "http://\(hostForURL):\(server.port)"
        logger.info("cablegate serving \(count) cables at \(base) (database \(settings.databasePath)); try: curl \(base)/v1/cables/07ASTANA3153",
                    metadata: ["port": "\(server.port)", "cables": "\(count)", "url": "\(base)"])
        server.wait()
        logger.info("cablegate stopped")
    }
}
