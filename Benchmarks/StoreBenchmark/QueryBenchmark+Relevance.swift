import CableStore

/// Paragraph relevance with and without the reader's cached document counts.
///
/// The plain relevance kinds repeat one query, so after their warm-up call every query finds its
/// phrases' document counts in the reader's cache. These kinds show what the cache hides: the same
/// query with the cache bypassed (every query walks each phrase's posting list, as FTS5's `rank`
/// does), and distinct frequent terms each queried for the first time on the reader.
extension QueryBenchmark {
    /// Frequent words of the cables (each in tens of thousands of paragraphs or more).
    static let frequentTerms = [
        "minister", "president", "embassy", "official", "political", "security", "economic", "foreign",
        "military", "support", "party", "country", "national", "state", "international", "meeting",
        "election", "issue", "public", "said",
    ]

    func measureRelevanceCold(_ reader: CableReader, label: String, term: String) throws {
        reader.cachesDocumentCounts = false
        defer { reader.cachesDocumentCounts = true }
        try measure("paragraph search, \(label) term '\(term)', 20 with snippets, relevance, cold (document counts not cached)") {
            let page = try reader.searchParagraphs(query: term, limit: 20)
            return "\(page.items.count) hits"
        }
    }

    func measureRelevanceMix(_ store: CableStore) throws {
        let terms = mix.split(separator: ",").map(String.init).filter { !$0.isEmpty }
        guard !terms.isEmpty else { return }
        let label = "paragraph search, \(terms.count) distinct frequent terms, 20 with snippets, relevance"
        // Each term's first query on a reader whose statements and pages are warm (one other query
        // ran): the cache is on, but has never seen the term. No warm-up call, or it would be cached.
        let firstQueries = try store.makeReader()
        _ = try firstQueries.searchParagraphs(query: common, limit: 20)
        var next = 0
        try measure("\(label), first query of each term", iterations: terms.count, warmUp: false) {
            defer { next += 1 }
            let page = try firstQueries.searchParagraphs(query: terms[next % terms.count], limit: 20)
            return "\(page.items.count) hits"
        }
        // The same terms again and again: cached.
        next = 0
        try measure("\(label), cycling, counts cached") {
            defer { next += 1 }
            let page = try firstQueries.searchParagraphs(query: terms[next % terms.count], limit: 20)
            return "\(page.items.count) hits"
        }
        // Many samples of the first-query cost: the terms cycled with the cache bypassed.
        firstQueries.cachesDocumentCounts = false
        next = 0
        try measure("\(label), cycling, cold (document counts not cached)") {
            defer { next += 1 }
            let page = try firstQueries.searchParagraphs(query: terms[next % terms.count], limit: 20)
            return "\(page.items.count) hits"
        }
    }
}
