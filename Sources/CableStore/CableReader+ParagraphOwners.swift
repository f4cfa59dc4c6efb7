import Foundation

/// Which cable owns each paragraph rowid, as sorted, disjoint runs of consecutive paragraph keys.
///
/// A full-text match yields paragraph rowids. Joining each one to `paragraphs` to find its cable is
/// one B-tree seek into a multi-gigabyte table per match (673,453 seeks for `government` at full
/// size); looking the rowids up in this map instead is a merge walk in memory. The writer inserts a
/// cable's paragraphs together, so one cable is usually one run; the map does not rely on that and
/// starts a new run wherever keys are not consecutive.
struct ParagraphOwners: ParagraphOwnerLookup {
    /// First paragraph key of each run, ascending.
    private(set) var starts: [Int] = []
    /// Last paragraph key of each run (inclusive).
    private(set) var ends: [Int] = []
    /// The cable pk of each run.
    private(set) var cables: [Int] = []
    /// Largest cable pk seen (sizes the match bitsets).
    private(set) var maximumCablePK = 0
    /// `PRAGMA data_version` of the snapshot the map was read from.
    let dataVersion: Int

    /// Reads the map inside the caller's read transaction.
    init(connection: Connection, dataVersion: Int) throws(SQLiteError) {
        self.dataVersion = dataVersion
        // paragraphs_by_cable (cable_pk, position) carries the rowid, so this never reads paragraph
        // text; grouping in SQL steps once per cable rather than once per paragraph (2.7 M).
        let grouped = try connection.prepare(
            "SELECT cable_pk, min(pk), max(pk), count(*) FROM paragraphs INDEXED BY paragraphs_by_cable GROUP BY cable_pk")
        defer { grouped.reset() }
        var runs: [(start: Int, end: Int, cable: Int)] = []
        var scattered: [Int] = []
        while try grouped.step() {
            let cable = grouped.int(0), low = grouped.int(1), high = grouped.int(2)
            if high - low + 1 == grouped.int(3) { runs.append((low, high, cable)) } else { scattered.append(cable) }
            maximumCablePK = max(maximumCablePK, cable)
        }
        // A cable whose keys are not one block gets a run per block of consecutive keys.
        let keys = try connection.prepare("SELECT pk FROM paragraphs WHERE cable_pk = ? ORDER BY pk")
        for cable in scattered {
            try keys.bind(cable)
            while try keys.step() {
                let pk = keys.int(0)
                if let last = runs.last, last.cable == cable, last.end + 1 == pk { runs[runs.count - 1].end = pk } else { runs.append((pk, pk, cable)) }
            }
            keys.reset()
        }
        runs.sort { $0.start < $1.start }
        starts = runs.map(\.start)
        ends = runs.map(\.end)
        cables = runs.map(\.cable)
    }

    /// The owning cable of each rowid in `rowids` (which must be ascending), in the same order;
    /// -1 for a rowid no run covers.
    func owners(ofAscending rowids: [Int]) -> [Int] {
        var result = [Int](repeating: -1, count: rowids.count)
        var run = 0
        for (index, rowid) in rowids.enumerated() {
            // Gallop when the next rowid is far ahead, walk when it is near: both stay O(log gap).
            if run < ends.count, ends[run] < rowid { run = firstRun(endingAtOrAfter: rowid, from: run) }
            if run < ends.count, starts[run] <= rowid { result[index] = cables[run] }
        }
        return result
    }

    /// The owning cable of one rowid, or nil.
    func owner(of rowid: Int) -> Int? {
        let run = firstRun(endingAtOrAfter: rowid, from: 0)
        return run < ends.count && starts[run] <= rowid ? cables[run] : nil
    }

    private func firstRun(endingAtOrAfter rowid: Int, from lower: Int) -> Int {
        var step = 1, low = lower, high = lower
        while high < ends.count, ends[high] < rowid { low = high + 1; high += step; step *= 2 }
        high = min(high, ends.count)
        while low < high {
            let middle = (low + high) / 2
            if ends[middle] < rowid { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Finds the cable of matched paragraph rowids.
protocol ParagraphOwnerLookup {
    /// Largest cable pk it knows of (sizes the match bitsets; they grow when it is exceeded).
    var maximumCablePK: Int { get }
    /// The owning cable of each rowid in `rowids` (ascending), in the same order; -1 when none.
    func owners(ofAscending rowids: [Int]) -> [Int]
}

/// The owners of a few matched paragraphs, read from `paragraphs` by pk (one seek each).
struct LookedUpOwners: ParagraphOwnerLookup {
    private var owner: [Int: Int] = [:]
    private(set) var maximumCablePK = 0

    init(connection: Connection, rowids: [Int]) throws(SQLiteError) {
        let statement = try connection.prepare("SELECT j.value, p.cable_pk FROM json_each(?) j JOIN paragraphs p ON p.pk = j.value")
        try statement.bind("[" + rowids.map(String.init).joined(separator: ",") + "]")
        defer { statement.reset() }
        owner.reserveCapacity(rowids.count)
        while try statement.step() {
            owner[statement.int(0)] = statement.int(1)
            maximumCablePK = max(maximumCablePK, statement.int(1))
        }
    }

    func owners(ofAscending rowids: [Int]) -> [Int] { rowids.map { owner[$0] ?? -1 } }
}

/// A set of cable pks as a bitset (a full-size database has ~250,000 cables: 31 KB).
struct CableSet {
    private var words: [UInt64]
    /// Number of members.
    private(set) var count = 0

    init(capacity: Int) { words = [UInt64](repeating: 0, count: capacity / 64 + 1) }

    mutating func insert(_ pk: Int) {
        guard pk >= 0 else { return }
        if pk / 64 >= words.count { words += [UInt64](repeating: 0, count: pk / 64 - words.count + 1) }
        let bit = UInt64(1) << UInt64(pk % 64)
        if words[pk / 64] & bit == 0 { words[pk / 64] |= bit; count += 1 }
    }

    func contains(_ pk: Int) -> Bool {
        pk >= 0 && pk / 64 < words.count && words[pk / 64] & (UInt64(1) << UInt64(pk % 64)) != 0
    }

    /// Members in ascending order.
    var members: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                result.append(index * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return result
    }
}
