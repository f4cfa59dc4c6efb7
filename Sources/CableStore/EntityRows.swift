import CableParser

/// The entity rows of one cable, grouped and deduplicated before the write.
///
/// A cable mentions each entity many times (about three mentions per distinct entity in the dev
/// corpus), so the writer resolves each entity, alias and per-cable count once instead of once per
/// mention. Building this is plain Swift work: `PreparedCable` does it on the parallel parse workers,
/// leaving the single writer only the SQL and the entity pks in front of `packedBody`.
struct EntityRows: Sendable {
    /// One distinct entity of the cable.
    struct Entity: Sendable {
        var id: String
        var type: String
        /// The summary's name, or the first surface form when the cable has no summary for it.
        var name: String
        /// True when `name` comes from the cable's summary: only then does it rename a stored entity.
        var fromSummary: Bool
        /// Mentions of it in this cable's paragraphs (0 for an entity named only in the metadata).
        var mentions: Int
        /// The summary's count: paragraph mentions plus those in the metadata (signature, Classified
        /// By, TAGS, addressee lines); 0 when the cable has no summary entry for it.
        var summaryMentions = 0
        /// What `entity_cables` stores for it: the summary's count, or the paragraph count when larger
        /// or when there is no summary. Positive exactly when the cable names the entity anywhere.
        var cableMentions: Int { max(mentions, summaryMentions) }
        /// Distinct surface forms (byte for byte), in first-seen order.
        var aliases: [String]
    }

    var entities: [Entity] = []
    /// Number of mentions in the cable.
    var mentionCount = 0
    /// The packed mentions from the surface table on (`PackedMentions`); entity indexes point into
    /// `entities`. Empty when the cable has no mention.
    var packedBody: [UInt8] = []

    var isEmpty: Bool { entities.isEmpty }

    /// Groups `cable.entities` (the summary) and every paragraph's mentions.
    init(cable: Cable) {
        var index: [String: Int] = [:]
        // A repeated summary id keeps its last name, as consecutive upserts did.
        for summary in cable.entities {
            if let existing = index[summary.id] {
                entities[existing].name = summary.name
                entities[existing].summaryMentions = summary.mentions
            } else {
                index[summary.id] = entities.count
                entities.append(Entity(id: summary.id, type: summary.type, name: summary.name, fromSummary: true,
                                       mentions: 0, summaryMentions: summary.mentions, aliases: []))
            }
        }
        var seenAliases = Set<AliasKey>()
        var packer = PackedMentions.BodyWriter()
        for paragraph in cable.paragraphs {
            for mention in paragraph.entities {
                let position: Int
                if let existing = index[mention.id] {
                    position = existing
                } else {
                    position = entities.count
                    index[mention.id] = position
                    entities.append(Entity(id: mention.id, type: mention.type, name: mention.surface, fromSummary: false,
                                           mentions: 0, aliases: []))
                }
                entities[position].mentions += 1
                if seenAliases.insert(AliasKey(entity: position, surface: ExactText(text: mention.surface))).inserted {
                    entities[position].aliases.append(mention.surface)
                }
                packer.add(paragraph: paragraph.number, start: mention.start, end: mention.end, entity: position,
                           surface: mention.surface)
            }
        }
        mentionCount = packer.mentionCount
        if mentionCount > 0 { packedBody = packer.body() }
    }

    private struct AliasKey: Hashable {
        var entity: Int
        var surface: ExactText
    }
}
