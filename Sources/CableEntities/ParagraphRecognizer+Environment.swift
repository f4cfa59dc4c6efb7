extension ParagraphRecognizer {
    /// What every paragraph of a cable shares.
    final class Environment: Sendable {
        let gazetteer: Gazetteer
        let context: CableContext
        /// The gazetteer's lexicon, and the flags of a mark: read per paragraph without copying the
        /// gazetteer (a struct of some thirty fields, each retained and released by a copy).
        let lexicon: Lexicon
        let markFlags: Lexicon.Flags
        /// `lexicon.mayHaveSparseFlag`'s bitmap, read inline by `has` (an array here, not inside the
        /// lexicon struct, so a question is two loads).
        private let sparseBits: [UInt64]
        init(gazetteer: Gazetteer, context: CableContext) {
            self.gazetteer = gazetteer
            self.context = context
            self.lexicon = gazetteer.lexicon
            self.markFlags = gazetteer.lexicon.flags("", hash: 0, in: gazetteer)
            self.sparseBits = gazetteer.lexicon.sparseHashBitmap
        }

        /// `lexicon.mayHaveSparseFlag(hash:)`.
        @inline(__always)
        func sparseFlagMayHold(_ hash: UInt64) -> Bool {
            let bit = Lexicon.sparseBit(hash)
            return sparseBits.withUnsafeBufferPointer { $0[bit >> 6] & (1 << UInt64(bit & 63)) != 0 }
        }
    }
}
