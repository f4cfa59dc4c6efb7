import CableParser
import Foundation

extension Cable {
    /// Decodes a stored cable's JSON for a new entity extraction, leaving out what the extraction
    /// replaces: every paragraph's mentions and the entity summary are read as empty.
    ///
    /// The mentions are 41 % of a stored cable's bytes and most of its keys, and `JSONDecoder` paid
    /// for each of them (`reindex --entities` spent 45 % of its time decoding). Bytes the member
    /// scanner cannot follow are decoded whole, so a malformed document gets the decoder's error.
    public static func decodeForReextraction(_ json: Data) throws -> Cable {
        let withoutMentions = JSONMemberScanner.replacingValues(of: "entities", with: "[]", in: json) ?? json
        return try makeJSONDecoder().decode(Cable.self, from: withoutMentions)
    }
}
