import Synchronization

/// Scratch memory of the paragraph pass (tokeniser and recogniser), reused across paragraphs and cables
/// so that a paragraph allocates only the token and byte arrays its `TokenList` keeps.
///
/// One workspace serves one paragraph at a time: `EntityExtractor.annotate` takes one from `pool` per
/// call and gives it back at the end, so threads sharing an extractor never share a workspace. A
/// recogniser made without one (`ParagraphRecognizer(env:tokens:)`) gets a fresh workspace of its own.
final class ParagraphWorkspace: @unchecked Sendable {
    /// The tokeniser's slots, one per byte of the longest text read so far (a `Token` is a plain value:
    /// the memory is never initialised or deinitialised as a whole).
    private(set) var tokenSlots: UnsafeMutablePointer<Token>
    private(set) var tokenCapacity = 0
    /// Word-list flags of each token (`ParagraphRecognizer.has` memoises lazy answers into it).
    private(set) var flags: UnsafeMutablePointer<Lexicon.Flags>
    private(set) var flagCapacity = 0
    /// Per-token arrays of the recogniser, kept at their capacity between paragraphs.
    var claimed: [Bool] = []
    var phrases: [ParagraphRecognizer.PhraseMatch?] = []
    var candidates: [Candidate] = []

    /// English answers for keys met before (`EnglishMemo`).
    var english = EnglishMemo()

    init() {
        tokenSlots = .allocate(capacity: 1)
        flags = .allocate(capacity: 1)
    }

    deinit {
        tokenSlots.deallocate()
        flags.deallocate()
    }

    /// Room for `count` tokens in `tokenSlots` (their old contents are not kept).
    func reserveTokens(_ count: Int) {
        guard count > tokenCapacity else { return }
        tokenSlots.deallocate()
        tokenCapacity = max(count, 2 * tokenCapacity)
        tokenSlots = .allocate(capacity: tokenCapacity)
    }

    /// `count` flag slots, each set to `value`.
    func resetFlags(_ count: Int, to value: Lexicon.Flags) -> UnsafeMutableBufferPointer<Lexicon.Flags> {
        if count > flagCapacity {
            flags.deallocate()
            flagCapacity = max(count, 2 * flagCapacity)
            flags = .allocate(capacity: flagCapacity)
        }
        let buffer = UnsafeMutableBufferPointer(start: flags, count: count)
        buffer.initialize(repeating: value)
        return buffer
    }

    /// Workspaces not in use, shared by every extractor of the process (they hold no gazetteer data).
    static let pool = Pool()

    /// A small stack of idle workspaces behind a lock: `take` pops one or makes one, `give` returns it.
    final class Pool: Sendable {
        private let idle = Mutex<[ParagraphWorkspace]>([])
        /// Idle workspaces kept at most: one per concurrent import worker is plenty.
        static let limit = 16

        func take() -> ParagraphWorkspace {
            idle.withLock { $0.popLast() } ?? ParagraphWorkspace()
        }

        func give(_ workspace: ParagraphWorkspace) {
            idle.withLock { idle in
                if idle.count < Self.limit { idle.append(workspace) }
            }
        }

        /// Idle workspaces held now (tests).
        var idleCount: Int { idle.withLock { $0.count } }
    }
}
