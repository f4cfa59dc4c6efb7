import Foundation

/// Streams the stored JSON of every cable matching a filter, in id order, a page at a time, so memory
/// stays flat however many cables match.
///
/// Made by `CableReader.export(filter:)`; uses the reader's connection, so keep it on the reader's
/// thread. Each page is a fresh query after the last id, so a long export never holds a read
/// transaction open (and never blocks WAL checkpoints) between pages.
public struct CableExport: Sequence, IteratorProtocol {
    private let reader: CableReader
    private let sql: FilterSQL
    private let pageSize: Int
    private var buffer: [(id: String, json: Data)] = []
    private var position = 0
    private var lastID: String?
    private var finished = false
    /// The first error met, if any: iteration stops there.
    public private(set) var error: (any Error)?

    init(reader: CableReader, filter: CableFilter, pageSize: Int) throws {
        self.reader = reader
        self.sql = try FilterSQL(filter)
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
            buffer.append((statement.text(0) ?? "", try Gzip.decompress(statement.data(1), size: statement.int(2))))
        }
        if buffer.count < pageSize { finished = true }
        lastID = buffer.last?.id
    }
}

extension CableReader {
    /// Every cable matching `filter` as (id, stored JSON), in id order, read `pageSize` at a time.
    public func export(filter: CableFilter = CableFilter(), pageSize: Int = 256) throws -> CableExport {
        try CableExport(reader: self, filter: filter, pageSize: max(1, pageSize))
    }
}
