import Synchronization

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

        /// The initials of the names of the cable's countries (host, then TAGS), made when first asked:
        /// `context.governmentCountry` splits, filters and cases every name at each call.
        private let countryInitials = Mutex<[(code: String, letters: String)]?>(nil)

        /// `context.governmentCountry(initials:)`, from initials made once per cable.
        func governmentCountry(initials: String) -> String? {
            guard !initials.isEmpty else { return nil }
            let order = countryInitials.withLock { cached in
                if let cached { return cached }
                // The letters exactly as `CableContext.governmentCountry` makes them.
                let made = ([context.hostCountry].compactMap { $0 } + context.tagCountries).compactMap { code -> (code: String, letters: String)? in
                    guard let name = gazetteer.country(code: code)?.name else { return nil }
                    let words = name.split(separator: " ").filter { !["of", "and", "the"].contains($0.lowercased()) }
                    return (code, words.compactMap { $0.first.map { String($0).uppercased() } }.joined())
                }
                cached = made
                return made
            }
            for (code, letters) in order {
                if initials.count == 1, letters.first.map(String.init) == initials { return code }
                if initials.count > 1, letters == initials { return code }
            }
            return nil
        }
    }
}
