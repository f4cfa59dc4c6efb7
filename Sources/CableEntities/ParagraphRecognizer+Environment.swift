extension ParagraphRecognizer {
    /// What every paragraph of a cable shares.
    final class Environment: Sendable {
        let gazetteer: Gazetteer
        let context: CableContext
        /// The gazetteer's lexicon, and the flags of a mark: read per paragraph without copying the
        /// gazetteer (a struct of some thirty fields, each retained and released by a copy).
        let lexicon: Lexicon
        let markFlags: Lexicon.Flags
        init(gazetteer: Gazetteer, context: CableContext) {
            self.gazetteer = gazetteer
            self.context = context
            self.lexicon = gazetteer.lexicon
            self.markFlags = gazetteer.lexicon.flags("", hash: 0, in: gazetteer)
        }
    }
}
