/// A span of tokens the recogniser believes names an entity, before merging.
struct Candidate: Sendable {
    /// How the span was found; decides what wins when evidence conflicts.
    enum Evidence: Int, Sendable, Comparable {
        /// A lone capitalised word after `in`/`near`/`at`, or an unknown acronym.
        case weak = 0
        /// Name shape: given name + surname, several non-dictionary capitalised words.
        case shape = 1
        /// A title, honorific or organisation/place head word next to the span.
        case cue = 2
        /// The gazetteer, the cable's metadata or an acronym defined in the text.
        case known = 3

        static func < (a: Evidence, b: Evidence) -> Bool { a.rawValue < b.rawValue }
    }

    var type: EntityType
    /// Token range in the paragraph (`end` exclusive).
    var first: Int
    var end: Int
    /// Gazetteer name for known places and organisations; nil when the surface is the name.
    var canonical: String?
    /// Country (FIPS) of a generic government body, when the text says which (`Russian MFA`).
    var country: String?
    /// Generic government body (`Ministry of Foreign Affairs`) whose id is qualified by country.
    var generic: Bool = false
    var evidence: Evidence
    /// An acronym written in parentheses right after the span: `(EGIS)`.
    var definedAcronym: String?
}
