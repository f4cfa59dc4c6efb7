import CableParser
import Synchronization

/// The buffers one `annotate` call works in after the recognisers: the resolver with its mention text and
/// tables, the alias pass's arrays and the writer's. Emptied, not freed, between cables, so that a cable
/// costs no allocation for them once the buffers have grown to its size.
///
/// Used by one call at a time: an extractor takes one from its `Pool` for the call and gives it back.
/// (`@unchecked Sendable`: the pool hands a workspace to one caller at a time, and only then is it used.)
final class ExtractionWorkspace: @unchecked Sendable {
    /// The resolver; nil while an `annotate` call has it (moved out, see there).
    var resolver: EntityResolver?
    // The alias pass.
    var firstOfParagraph: [Int] = []
    var covered: [Bool] = []
    var aliasCandidates: [Int] = []
    var key: [UInt8] = []
    // The writer.
    /// The entities' name cache keys end to end, where each ends, and the cache's entries for them.
    var keyEnds: [Int] = []
    var found: [EntityNameCache.Entry?] = []
    /// Entities new to the cache, with the names and ids made for them.
    var missing: [Int] = []
    var names: [String] = []
    var ids: [String] = []
    /// Paragraph mentions as packed (first token, end token, index) integers; `wideOrder` for a cable they
    /// do not fit.
    var order: [UInt64] = []
    var wideOrder: [MentionOrder] = []
    /// Per entity, where its last surface string was made and which it is (in `surfaces`).
    var lastSurface: [SurfaceMemo] = []
    var surfaces: [String] = []
    /// Summary of each id number of the name cache (-1: none yet; emptied after each cable), and of
    /// each id's bytes when the cache gave an entry no number.
    var summaryOfNumber: [Int32] = []
    var summaryOfID = ByteKeyTable()
    /// Each summary's first entity.
    var summaryFirst: [Int] = []
    var summaryOrder: [SummaryKey] = []
    /// Metadata names' keys and entries, kept across cables (not emptied by `removeAll`).
    let metadata = MetadataMemo()
    /// The paragraph pass's scratch memory (tokeniser slots, recogniser buffers, English memo).
    let paragraphs = ParagraphWorkspace()
    /// Paragraph text bytes of the largest cable this workspace has served: its buffers grow with it.
    var largestCableBytes = 0

    /// A paragraph mention to write: where it lies (its paragraph, first token and end token), and its
    /// place in `resolver.attached` (the tie-break).
    struct MentionOrder: Comparable {
        var paragraph: Int32
        var start: Int32
        var end: Int32
        var index: Int32

        static func < (a: MentionOrder, b: MentionOrder) -> Bool {
            if a.paragraph != b.paragraph { return a.paragraph < b.paragraph }
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end < b.end }
            return a.index < b.index
        }
    }

    /// The bytes an entity's last mention surface was made from (`string` < 0: none yet).
    struct SurfaceMemo {
        var paragraph: Int32 = 0
        var start: Int32 = 0
        var end: Int32 = 0
        var string: Int32 = -1
    }

    /// A summary's sort key: its mentions, the first eight bytes of an ASCII name, its place.
    struct SummaryKey {
        var mentions: Int
        var prefix: UInt64
        var ascii: Bool
        var index: Int
    }

    init(gazetteer: Gazetteer) {
        resolver = EntityResolver(gazetteer: gazetteer)
    }

    /// Forgets the last cable (the strings it made are released; the buffers keep their capacity).
    func removeAll() {
        resolver?.removeAll()
        found.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        wideOrder.removeAll(keepingCapacity: true)
        lastSurface.removeAll(keepingCapacity: true)
        surfaces.removeAll(keepingCapacity: true)
        summaryOfID.removeAll()
        summaryOrder.removeAll(keepingCapacity: true)
    }

    /// Workspaces of one extractor, taken per call and given back: at most `capacity` are kept, so a burst
    /// of concurrent calls leaves no more than that behind.
    final class Pool: Sendable {
        private let free = Mutex<[ExtractionWorkspace]>([])
        /// Workspaces kept at most (more than the import's workers).
        static let capacity = 8
        /// A workspace that has served a cable with more paragraph text than this is let go, not kept,
        /// so that one outsized cable (an API client may send megabytes) does not pin its buffers for the
        /// extractor's life. The dev corpus's largest cable is 66 KB.
        static let largestKeptCableBytes = 512 << 10
        /// Nor is one whose paragraph workspace holds more than this: 32 bytes per byte of the longest
        /// paragraph read, so 4 MiB covers paragraphs of ~100 KB.
        static let largestKeptParagraphBytes = 4 << 20

        init() {}

        /// A free workspace, or a new one over `gazetteer`.
        func take(gazetteer: Gazetteer) -> ExtractionWorkspace {
            free.withLock { $0.popLast() } ?? ExtractionWorkspace(gazetteer: gazetteer)
        }

        /// Gives `workspace` back, emptied, for a later call.
        func give(_ workspace: ExtractionWorkspace) {
            guard workspace.largestCableBytes <= Self.largestKeptCableBytes,
                  workspace.paragraphs.retainedBytes <= Self.largestKeptParagraphBytes else { return }
            workspace.removeAll()
            free.withLock { free in
                if free.count < Self.capacity { free.append(workspace) }
            }
        }

        /// Workspaces waiting to be taken.
        var count: Int { free.withLock { $0.count } }
    }
}
