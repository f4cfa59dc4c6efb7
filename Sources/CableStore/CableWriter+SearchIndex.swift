/// Cables stored in the open transaction whose full-text rows are not written yet.
///
/// Why defer them: SQLite calls a virtual table's xSavepoint at the start of every statement that
/// needs a statement journal (an insert that fires a trigger, an `INSERT … SELECT`, …) once that
/// table was written in the transaction, and FTS5 answers by flushing its pending terms to a new
/// segment. Indexing each cable as it was stored therefore made one tiny segment per cable in both
/// FTS tables, and FTS5 spent most of the writer's time merging them. Written in one statement per
/// table at the end of the transaction, a batch of 512 cables makes a few large segments instead.
struct PendingSearchRows {
    /// Cables whose paragraphs go into `paragraphs_fts`, in the order they were stored.
    var paragraphs: [Int64] = []
    /// New cables whose subject goes into `subjects_fts` (updates keep theirs by trigger).
    var subjects: [Int64] = []

    var isEmpty: Bool { paragraphs.isEmpty && subjects.isEmpty }

    mutating func removeAll() {
        paragraphs.removeAll(keepingCapacity: true)
        subjects.removeAll(keepingCapacity: true)
    }

    /// `[1,2,3]`: the list as a JSON array for `json_each`, so one prepared statement takes any count.
    static func jsonArray(_ values: [Int64]) -> String {
        var text = "["
        text.reserveCapacity(values.count * 8 + 2)
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            text += String(value)
        }
        return text + "]"
    }
}

extension CableWriter {
    /// Writes the full-text rows of every cable stored since the last flush. `transaction { }` calls
    /// it before committing; `put` and `delete` call it before they change a cable that may be pending.
    func flushSearchIndex() throws {
        guard !pendingSearch.isEmpty else { return }
        // `IN` walks the cables in pk order and each cable's paragraphs by the (cable_pk, position)
        // index, so rowids reach FTS5 ascending (a lower rowid than the last one forces another
        // flush; only a cable updated in the batch, whose old pk is lower, can cause one).
        if !pendingSearch.paragraphs.isEmpty {
            try connection.prepare("""
                INSERT INTO paragraphs_fts(rowid, text)
                SELECT pk, text FROM paragraphs WHERE cable_pk IN (SELECT value FROM json_each(?))
                """).run(PendingSearchRows.jsonArray(pendingSearch.paragraphs))
        }
        if !pendingSearch.subjects.isEmpty {
            try connection.prepare("""
                INSERT INTO subjects_fts(rowid, subject)
                SELECT pk, subject FROM cables WHERE pk IN (SELECT value FROM json_each(?))
                """).run(PendingSearchRows.jsonArray(pendingSearch.subjects))
        }
        pendingSearch.removeAll()
    }
}
