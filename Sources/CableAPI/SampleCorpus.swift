import CableParser
import CableStore
import Foundation

/// The cables bundled with the API (the seed cable 07ASTANA3153 plus 30 real cables from the
/// development corpus, several citing each other), loaded into an empty database so a fresh clone
/// answers at once.
public enum SampleCorpus {
    /// The bundled files, sorted by name.
    public static func files() -> [URL] {
        guard let directory = Bundle.module.url(forResource: "sample", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Loads every bundled cable when the store holds none; returns how many were stored.
    ///
    /// A file that does not parse is skipped with its reason in `skipped`, never a startup failure:
    /// the service is still useful without one sample cable.
    public static func loadIfEmpty(into store: CableStore, enrich: CableAPI.Enrich? = nil) throws -> (loaded: Int, skipped: [String]) {
        let reader = try store.makeReader()
        guard try reader.count() == 0 else { return (0, []) }
        let parser = CableParser()
        var prepared: [PreparedCable] = []
        var skipped: [String] = []
        for file in files() {
            do {
                let bytes = Array(try Data(contentsOf: file))
                let knownID = file.deletingPathExtension().lastPathComponent
                var cable = try parser.parse(bytes: bytes, knownID: knownID)
                let raw = TextDecoding.decode(bytes)
                enrich?(&cable, raw)
                prepared.append(try PreparedCable(raw: raw, cable: cable))
            } catch {
                skipped.append("\(file.lastPathComponent): \(error)")
            }
        }
        try store.write { writer in
            try writer.transaction { for cable in prepared { _ = try writer.put(cable) } }
        }
        return (prepared.count, skipped)
    }
}
