import CableParser

/// Word keys and gazetteer entries of the names in cables' metadata (country and organisation names of
/// TAGS, sending posts), and the mentions of whole metadata fields (an origin line, a
/// name), kept across cables by an `ExtractionWorkspace`: the same few hundred names recur
/// in cable after cable, and each answer otherwise costs a tokenisation (and a phrase lookup).
///
/// An answer depends only on its field and the gazetteer (one per extractor, so one per workspace), so
/// a kept answer is the answer. Nothing that reads the cable's context (the recogniser runs over `FOR`
/// lines and `Classified By` text) is kept: keyed by their context too, they were kept at a loss.
/// At most `capacity` answers are kept for each question.
final class MetadataMemo {
    private var keysOfName: [String: [String]] = [:]
    private var entryOfName: [String: Gazetteer.Entry?] = [:]
    private var mentionsOfOrigin: [String: [MetadataMention]] = [:]
    private var mentionsOfPerson: [String: [MetadataMention]] = [:]
    /// Answers kept at most, for each of the questions.
    static let capacity = 4096

    init() {
        // Room for a corpus's recurring names from the start: growing a table re-hashes every key in it.
        mentionsOfOrigin.reserveCapacity(Self.reserved)
        mentionsOfPerson.reserveCapacity(Self.reserved)
    }

    /// Room each table of mentions has from the start.
    static let reserved = 512

    /// The word keys of `name`, made by `making` the first time.
    func keys(_ name: String, making: (String) -> [String]) -> [String] {
        Self.answer(name, in: &keysOfName, making: making)
    }

    /// The gazetteer entry `name` names (nil for none), looked up by `making` the first time.
    func entry(_ name: String, making: (String) -> Gazetteer.Entry?) -> Gazetteer.Entry? {
        if let known = entryOfName[name] { return known }
        let made = making(name)
        if entryOfName.count < Self.capacity { entryOfName[name] = .some(made) }
        return made
    }

    /// The sending post's mentions for an origin line, made by `making` the first time.
    func mentions(origin: String, making: (String) -> [MetadataMention]) -> [MetadataMention] {
        Self.answer(origin, in: &mentionsOfOrigin, making: making)
    }

    /// The person a bare name (`Classified By` name, a signature's part, an addressee) gives.
    func mentions(person: String, making: (String) -> [MetadataMention]) -> [MetadataMention] {
        Self.answer(person, in: &mentionsOfPerson, making: making)
    }

    private static func answer<Key: Hashable, Value>(_ key: Key, in table: inout [Key: Value],
                                                     making: (Key) -> Value) -> Value {
        if let known = table[key] { return known }
        let made = making(key)
        if table.count < capacity { table[key] = made }
        return made
    }
}
