import Foundation

/// Streams the stored JSON of every cable matching a filter, in id order, a page at a time, so memory
/// stays flat however many cables match.
///
/// Made by `CableReader.export(filter:)`; uses the reader's connection, so keep it on the reader's
/// thread. Each page is a fresh query after the last id, so a long export never holds a read
/// transaction open (and never blocks WAL checkpoints) between pages.
///
/// With a full-text query the matching cables are found once, when the first page is read, by the
/// rowid-only scans the cable list uses (a bitset of cable keys, ~32 KB for 251,287 cables); pages
/// then walk the id index and keep the members. Joining the matching paragraphs again for every
/// page cost seconds per page for a common term. The set is the one at the start: a cable stored,
/// or changed to match, later is not exported; one deleted meanwhile is skipped. Making an export
/// only checks the filter, so a caller can refuse a bad query before streaming at no extra cost.
public struct CableExport: Sequence, IteratorProtocol {
    private let reader: CableReader
    private let filter: CableFilter
    private let sql: FilterSQL
    /// The cables matching a full-text filter and its other filters, read with the first page; stays
    /// nil without a query.
    private var selected: CableSet?
    private let pageSize: Int
    private var buffer: [(id: String, json: Data)] = []
    private var position = 0
    private var lastID: String?
    private var finished = false
    /// The first error met, if any: iteration stops there.
    public private(set) var error: (any Error)?

    init(reader: CableReader, filter: CableFilter, pageSize: Int) throws {
        self.reader = reader
        self.filter = filter
        self.sql = try FilterSQL(filter, few: try reader.fewLinks(filter))
        self.pageSize = pageSize
    }

    /// The next cable as (id, JSON bytes), or nil at the end (or after an error; see `error`).
    public mutating func next() -> (id: String, json: Data)? {
        if position == buffer.count && !finished {
            buffer.removeAll(keepingCapacity: true)
            position = 0
            do { try fill() } catch { self.error = error; finished = true }
        }
        guard position < buffer.count else { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    private mutating func fill() throws {
        if sql.hasQuery {
            let filter = self.filter
            let members = try selected ?? reader.inReadTransaction { [reader] in try reader.textMatch(filter).0.selected }
            selected = members
            return try fill(members: members)
        }
        var conditions = sql.conditions
        var values = sql.values
        if let lastID {
            conditions.append("c.id > ?")
            values.append(lastID)
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let statement = try reader.connection.prepare("SELECT c.id, c.json_gz, c.json_size FROM \(sql.from)\(whereClause) ORDER BY c.id LIMIT ?")
        try statement.bind(values + [pageSize])
        defer { statement.reset() }
        while try statement.step() {
            buffer.append((statement.text(0) ?? "", try StoredGzip.inflate(statement.data(1), size: statement.int(2))))
        }
        if buffer.count < pageSize { finished = true }
        lastID = buffer.last?.id
    }

    /// The next page of `selected` in id order: a walk of the id index from the last id, then the
    /// page's documents by key.
    private mutating func fill(members selected: CableSet) throws {
        let walk = try reader.connection.prepare(
            lastID == nil ? "SELECT pk FROM cables ORDER BY id" : "SELECT pk FROM cables WHERE id > ? ORDER BY id")
        try walk.bind(lastID.map { [$0] } ?? [])
        var page: [Int] = []
        while page.count < pageSize, try walk.step() {
            let pk = walk.int(0)
            if selected.contains(pk) { page.append(pk) }
        }
        walk.reset()
        if page.count < pageSize { finished = true }
        guard !page.isEmpty else { return }
        let documents = try reader.connection.prepare(
            "SELECT c.id, c.json_gz, c.json_size FROM json_each(?) j JOIN cables c ON c.pk = j.value ORDER BY c.id")
        try documents.bind(CableReader.jsonArray(page))
        defer { documents.reset() }
        while try documents.step() {
            buffer.append((documents.text(0) ?? "", try StoredGzip.inflate(documents.data(1), size: documents.int(2))))
        }
        lastID = buffer.last?.id
    }
}

extension CableReader {
    /// Every cable matching `filter` as (id, stored JSON), in id order, read `pageSize` at a time.
    public func export(filter: CableFilter = CableFilter(), pageSize: Int = 256) throws -> CableExport {
        try CableExport(reader: self, filter: filter, pageSize: max(1, pageSize))
    }
}
