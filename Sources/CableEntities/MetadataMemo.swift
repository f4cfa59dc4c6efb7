/// Word keys and gazetteer entries of the names in cables' metadata (country and organisation names of
/// TAGS, sending posts), kept across cables by an `ExtractionWorkspace`: the same few hundred names recur
/// in cable after cable, and each answer otherwise costs a tokenisation (and a phrase lookup).
///
/// An answer depends only on the name and the gazetteer (one per extractor, so one per workspace), so
/// a kept answer is the answer. At most `capacity` names are kept.
final class MetadataMemo {
    private var keysOfName: [String: [String]] = [:]
    private var entryOfName: [String: Gazetteer.Entry?] = [:]
    /// Names kept at most, for each of the two questions.
    static let capacity = 4096

    init() {}

    /// The word keys of `name`, made by `making` the first time.
    func keys(_ name: String, making: (String) -> [String]) -> [String] {
        if let known = keysOfName[name] { return known }
        let made = making(name)
        if keysOfName.count < Self.capacity { keysOfName[name] = made }
        return made
    }

    /// The gazetteer entry `name` names (nil for none), looked up by `making` the first time.
    func entry(_ name: String, making: (String) -> Gazetteer.Entry?) -> Gazetteer.Entry? {
        if let known = entryOfName[name] { return known }
        let made = making(name)
        if entryOfName.count < Self.capacity { entryOfName[name] = .some(made) }
        return made
    }
}
