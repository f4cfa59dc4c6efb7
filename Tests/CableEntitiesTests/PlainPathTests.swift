import CableParser
import Testing
@testable import CableEntities

/// Round 8: the tokeniser's shortcuts for plain words (`plainWord`) and for runs of lower-case prose words
/// (`lowerCaseRun`) must cut the tokens the general path cuts, with the same flags, entries and (made when
/// asked) hashes. The general path alone is `Tokenizer.tokenize(_:lexicon:plainPaths: false)`.
@Suite struct PlainPathTests {
    static let extra = [
        "the cat sat, the dog,s bone, a b. c d.e mr. smith, brazil8 and abc8 x, y,S z, w,s\nnext line here, and  two  spaces",
        "then--dash, it's o'mara co-chair an-x; end; done: over! why? so (in brackets) and \"quoted\" words, 1998 3rd x1",
        "words after a Capital word, then more words, Über alles, naïve words, ok,\u{00A0}nbsp and\u{2028}separator words",
        "ending with a comma, ending with a space ", "a", "a,", "a, ", "ab,s", "abc8", "lower,Upper word, 1998, abc",
        "first line words\n\nnew paragraph words, more\r\ncarriage return words\ttab words,\ttab after comma",
    ]

    @Test func shortcutsCutTheGeneralPathsTokens() throws {
        let g = Support.extractor.gazetteer
        let texts = try FixtureCables.parsed().flatMap { $0.cable.paragraphs.map(\.text) } + RecognizerShortcutTests.extra + Self.extra
        var unhashed = 0, tokens = 0
        for text in texts {
            for lexicon in [g.lexicon, nil] {
                let fast = Tokenizer.tokenize(text, lexicon: lexicon)
                let general = Tokenizer.tokenize(text, lexicon: lexicon, plainPaths: false)
                #expect(fast.count == general.count, "\(text.prefix(60))")
                guard fast.count == general.count else { continue }
                tokens += fast.count
                for i in fast.indices {
                    let a = fast[i], b = general[i]
                    #expect(a.kind == b.kind && a.start == b.start && a.end == b.end && a.isCapitalized == b.isCapitalized
                            && a.isAllCaps == b.isAllCaps && a.sentenceStart == b.sentenceStart && a.possessive == b.possessive
                            && a.lineStart == b.lineStart && a.hasHyphen == b.hasHyphen && a.isASCII == b.isASCII
                            && a.entry == b.entry && a.markValue == b.markValue, "\(fast.text(i)) in \(text.prefix(60))")
                    // The general path hashes every ASCII word; a shortcut may leave a lower-case one to `keyHash`.
                    #expect(fast.keyHash(i) == b.hash && (a.hash == 0 || a.hash == b.hash), "\(fast.text(i)) hash")
                    if a.hash == 0, b.hash != 0 { unhashed += 1 }
                }
            }
        }
        #expect(unhashed > 1000 && tokens > 10000, "the texts exercise the shortcuts (\(unhashed) words left unhashed)")
    }
}
