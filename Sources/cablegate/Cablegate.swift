import ArgumentParser

/// The `cablegate` command: parse, import and serve US diplomatic cables.
@main
struct Cablegate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cablegate",
        abstract: "Parse, store and serve US diplomatic cables (Cablegate telegram format).",
        subcommands: [ParseCommand.self, BenchCommand.self, ImportCommand.self, ReindexCommand.self, ServeCommand.self]
    )
}
