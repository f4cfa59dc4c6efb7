/// Scratch memory of the paragraph pass (tokeniser and recogniser), reused across paragraphs and cables
/// so that a paragraph allocates only the token and byte arrays its `TokenList` keeps.
///
/// One workspace serves one paragraph at a time. Each `ExtractionWorkspace` owns one, and an
/// `annotate` call has an extraction workspace to itself, so threads sharing an extractor never share
/// one. A recogniser made without one (`ParagraphRecognizer(env:tokens:)`) gets a fresh one of its own.
final class ParagraphWorkspace: @unchecked Sendable {
    /// The tokeniser's slots, one per byte of the longest text read so far.
    var tokens = PlainBuffer<Token>()
    /// Word-list flags of each token (`ParagraphRecognizer.has` memoises lazy answers into it), with the
    /// recogniser's own bits (a phrase starts here, the token is claimed).
    var flags = PlainBuffer<Lexicon.Flags>()
    /// The longest phrase starting at each token.
    var phrases = PlainBuffer<ParagraphRecognizer.PhraseMatch>()
    /// Indices of the tokens the recogniser's rules can start at.
    var starts = PlainBuffer<Int32>()
    var startCount = 0
    /// Indices of the hyphenated words of the text last tokenised here, and how many tokens it had.
    var hyphenated = PlainBuffer<Int32>()
    var hyphenatedCount = 0
    var tokenizedCount = 0
    /// The recogniser's candidates, kept at their capacity between paragraphs.
    var candidates: [Candidate] = []

    /// English answers for keys met before (`EnglishMemo`), in memory of its own: asked through a
    /// pointer, a question needs no dynamic exclusivity check (a stored `var` of this class cost a
    /// begin and an end of access, ~120 instructions, per question).
    let english: UnsafeMutablePointer<EnglishMemo>

    init() {
        english = .allocate(capacity: 1)
        english.initialize(to: EnglishMemo())
    }

    /// Bytes held by the buffers that grow with the longest text read (not the bounded English memo).
    var retainedBytes: Int {
        tokens.bytes + flags.bytes + phrases.bytes + starts.bytes + hyphenated.bytes
            + candidates.capacity * MemoryLayout<Candidate>.stride
    }

    deinit {
        tokens.release()
        flags.release()
        phrases.release()
        starts.release()
        hyphenated.release()
        english.deinitialize(count: 1)
        english.deallocate()
    }
}

/// Memory for plain values (no references: nothing to retain or release), grown as needed and kept
/// between paragraphs. `slots(_:)` hands out uninitialised room; `filled(_:with:)` sets every slot.
/// Nothing is allocated until room is asked for; the owner frees the memory (`release`).
struct PlainBuffer<Element> {
    private var base: UnsafeMutablePointer<Element>? = nil
    private var capacity = 0

    init() {
        precondition(_isPOD(Element.self), "PlainBuffer holds plain values only")
    }

    /// Room for `count` values; what was there before is not kept.
    mutating func slots(_ count: Int) -> UnsafeMutableBufferPointer<Element> {
        if count > capacity || base == nil {
            base?.deallocate()
            capacity = max(count, 2 * capacity, 16)
            base = .allocate(capacity: capacity)
        }
        return UnsafeMutableBufferPointer(start: base, count: count)
    }

    /// `count` slots, each set to `value`.
    mutating func filled(_ count: Int, with value: Element) -> UnsafeMutableBufferPointer<Element> {
        let buffer = slots(count)
        buffer.initialize(repeating: value)
        return buffer
    }

    /// Bytes allocated.
    var bytes: Int { capacity * MemoryLayout<Element>.stride }

    /// Frees the memory; the buffer is empty after.
    mutating func release() {
        base?.deallocate()
        base = nil
        capacity = 0
    }
}
