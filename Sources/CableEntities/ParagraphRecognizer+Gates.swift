/// The first tests of the recogniser's rules, asked in `step(at:)` before a rule is called.
///
/// Each gate is implied by its rule's opening guards (it says no only where the rule would return nil),
/// so the answers are the rules' own; only the call is saved. Most capitalised words of mixed-case prose
/// start none of these, and a call that failed at once still cost its prologue and repeated the tests
/// `step` had made.
extension ParagraphRecognizer {
    /// `organizationRun` needs two words of capitalised run from `i`, or a leading `THE` it skips.
    @inline(__always)
    func mayStartOrganization(_ i: Int, runEnd: Int) -> Bool {
        runEnd - i >= 2 || tokens.keyIs(i, "THE")
    }

    /// `placeRun` needs a run of two words (up to its four-word mark), or, in mixed text, a lower-case
    /// location head (`region`) right after the run.
    @inline(__always)
    func mayStartPlace(_ i: Int, runEnd: Int) -> Bool {
        if runEnd - i >= 2 { return true }
        guard !caps, runEnd < tokens.count else { return false }
        let next = tokens[runEnd]
        return next.kind == .word && !next.isCapitalized && has(runEnd, .lowercaseLocationHead)
    }

    /// `governmentAcronym`'s two guards: capitals (`GOK`), a listed acronym, or `Go` + capitals (`GoA`);
    /// the token's flags before its bytes.
    @inline(__always)
    func mayBeGovernmentAcronym(_ i: Int) -> Bool {
        let token = tokens[i]
        guard token.isCapitalized else { return false }
        // A mixed-case ASCII word neither listed nor starting `Go` is none (most capitalised words).
        if !token.isAllCaps, token.isASCII, !has(i, .governmentAcronym),
           token.end - token.start < 2 || tokens.bytes[token.start] != 0x47 || tokens.bytes[token.start + 1] != 0x6F {
            return false
        }
        return governmentAcronymGuards(i)
    }

    /// The rest of `mayBeGovernmentAcronym`, out of line.
    private func governmentAcronymGuards(_ i: Int) -> Bool {
        let token = tokens[i]
        guard token.isAllCaps || has(i, .governmentAcronym) || tokens.isGoForm(i) else { return false }
        // Its second: only a listed acronym or a `GO`... key can name a government (most words in capitals).
        return has(i, .governmentAcronym) || !token.isASCII || tokens.startsWithGO(i)
    }

    /// `unknownAcronym` reads only words in capitals of mixed text.
    @inline(__always)
    func mayBeUnknownAcronym(_ i: Int) -> Bool {
        !caps && tokens[i].isAllCaps
    }

    /// `prepositionPlace` reads a capitalised, not all-capitals word of mixed text inside a sentence.
    @inline(__always)
    func mayBePrepositionPlace(_ i: Int) -> Bool {
        let token = tokens[i]
        return !caps && i > 0 && token.isCapitalized && !token.isAllCaps && !token.sentenceStart
    }
}
