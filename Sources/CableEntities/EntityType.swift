/// The three kinds of named entity the extractor reports.
///
/// The raw values are the strings stored in `Cable.EntityMention.type` and `Cable.EntitySummary.type`,
/// and they prefix every entity id (`person:antonio-guterres`).
public enum EntityType: String, Sendable, Hashable, CaseIterable, Codable {
    case person
    case organization
    case location
}
