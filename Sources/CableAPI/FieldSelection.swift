import Foundation

/// `?fields=id,subject,date`: keeps only the named top-level members of a stored cable's JSON.
///
/// The stored bytes are the full encoding; selecting re-encodes a small object, so only requests that
/// ask for a selection pay for it.
enum FieldSelection {
    /// Top-level members of the cable JSON (snake_case, as `Cable.makeJSONEncoder` writes them).
    static let topLevelFields = [
        "id", "date", "origin", "station", "serial", "classification", "caveats", "section", "partial",
        "corrected", "header", "executive_order", "declassify_on", "tags", "subject", "references",
        "classified_by", "paragraphs", "summary", "comments", "signature", "word_count", "warnings", "entities",
    ]

    /// The stored JSON reduced to `fields` (members the cable lacks, such as a missing summary, are left out).
    static func select(_ fields: [String], from json: [UInt8]) throws -> [UInt8] {
        guard let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw StoredDataError("stored cable JSON is not an object")
        }
        var selected: [String: Any] = [:]
        for field in fields { if let value = object[field] { selected[field] = value } }
        return Array(try JSONSerialization.data(withJSONObject: selected, options: [.sortedKeys, .withoutEscapingSlashes]))
    }
}

/// Stored data the API could not read back (a server fault, answered 500 and logged).
struct StoredDataError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `If-None-Match` handling (RFC 9110 §13.1.2): weak comparison, lists, and `*`.
enum ConditionalRequest {
    /// True when `If-None-Match` names `etag` (or `alternative`: the same stored content in another
    /// content-coding, which a cache that switched encodings may send back).
    static func matches(ifNoneMatch header: String?, etag: String, alternative: String? = nil) -> Bool {
        if let alternative, matches(ifNoneMatch: header, etag: alternative) { return true }
        guard let header else { return false }
        let bare = { (tag: Substring) -> Substring in
            let trimmed = tag.drop(while: { $0 == " " || $0 == "\t" })
            return trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
        }
        let ours = bare(Substring(etag))
        for candidate in header.split(separator: ",") {
            let tag = bare(candidate).prefix(while: { $0 != " " && $0 != "\t" })
            if tag == "*" || tag == ours { return true }
        }
        return false
    }
}

extension ConditionalRequest {
    /// Whether `Accept-Encoding` allows gzip (listed, or `*`, with a non-zero q).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let zero = parts.dropFirst().contains { $0.hasPrefix("q=") && (Double($0.dropFirst(2)) ?? 1) <= 0 }
            return !zero
        }
        return false
    }
}

