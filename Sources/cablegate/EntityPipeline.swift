import CableEntities
import CableParser
import CableStore

/// Where the entity extractor joins the import path: every imported cable is parsed and annotated
/// with its raw text at hand (the extractor reads the telegram's addressee lines from it).
enum EntityPipeline {
    /// One extractor for the process: the gazetteer loads once and is shared by the import workers.
    static let extractor = EntityExtractor()

    /// `Importer.Parse` that parses with `CableParser` and fills the cable's entities.
    static let parse: Importer.Parse = { bytes, knownID in
        let raw = TextDecoding.decode(bytes)
        var cable = try CableParser().parse(raw, knownID: knownID)
        extractor.annotate(&cable, rawText: raw)
        return (raw, cable)
    }
}
