import Foundation

/// The TAGS catalogue shipped with the package (`Resources/tags.tsv`): code → kind and meaning.
///
/// Subject and program TAGS follow the Foreign Affairs Handbook, 5 FAH-3 (public domain); geographic
/// TAGS are FIPS 10-4 country codes (CH = China, RS = Russia), not ISO codes.
public struct TagCatalogue: Sendable {
    /// One catalogue row.
    public struct Entry: Sendable, Hashable {
        public var kind: String
        public var meaning: String
    }

    /// code → entry.
    public let entries: [String: Entry]

    /// The bundled catalogue, loaded once on first use.
    public static let shared = TagCatalogue.loadBundled()

    /// Parses `code<TAB>kind<TAB>meaning` lines; `#` starts a comment line.
    public init(tsv: String) {
        var entries: [String: Entry] = [:]
        for line in tsv.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3 else { continue }
            let code = fields[0].trimmingBlanks()
            guard !code.isEmpty else { continue }
            entries[code] = Entry(kind: fields[1].trimmingBlanks(), meaning: fields[2].trimmingBlanks())
        }
        self.entries = entries
    }

    /// The entry for `code`, if the catalogue knows it.
    public func lookup(_ code: String) -> Entry? { entries[code] }

    private static func loadBundled() -> TagCatalogue {
        guard let url = Bundle.module.url(forResource: "tags", withExtension: "tsv"),
              let data = try? Data(contentsOf: url) else { return TagCatalogue(tsv: "") }
        return TagCatalogue(tsv: String(decoding: data, as: UTF8.self))
    }
}
