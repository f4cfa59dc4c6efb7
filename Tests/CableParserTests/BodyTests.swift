import Testing
@testable import CableParser

@Suite("Body: paragraphs, summary, comments, signature")
struct BodyTests {
    private func body(_ text: String) throws -> Cable {
        try Support.parse(Support.cable(body: text))
    }

    @Test("anchor forms", arguments: [
        ("1. (C) Text.", 1, "C" as String?, "Text."),
        ("\u{B6}2. (C) Text.", 2, "C", "Text."),
        ("1.(SBU) Text.", 1, "SBU", "Text."),
        ("1. (S/NF) Text.", 1, "S/NF", "Text."),
        ("1. Text without a mark.", 1, nil, "Text without a mark."),
        ("\u{B6}1.  (C/NF) Two blanks.", 1, "C/NF", "Two blanks."),
        ("3.. (SBU) Doubled dot.", 3, "SBU", "Doubled dot."),
        ("(C) 1. Mark before the number.", 1, "C", "Mark before the number."),
        ("10  (C) No full stop.", 10, "C", "No full stop."),
    ])
    func anchors(line: String, number: Int, mark: String?, text: String) throws {
        let anchor = try #require(ParagraphAnchor.find(Array(line.utf8), 0..<line.utf8.count))
        #expect(anchor.number == number)
        #expect(anchor.classification == mark)
        #expect(String(decoding: Array(line.utf8)[anchor.textStart...], as: UTF8.self) == text)
    }

    @Test("not anchors", arguments: ["1.4 million people", "3.5 percent", "A. Text", "(1) Text", "0. Zero", "10 people said", "(C) Text"])
    func notAnchors(line: String) {
        #expect(ParagraphAnchor.find(Array(line.utf8), 0..<line.utf8.count) == nil)
    }

    @Test("paragraphs spanning lines; a year at a line start stays inside its paragraph")
    func multiLine() throws {
        let cable = try body("""
            \u{B6}1. (C) The agreement was signed in
            \u{B6}2006. It has held since.

            \u{B6}2. (U) Next.
            """)
        #expect(cable.paragraphs.map(\.number) == [1, 2])
        #expect(cable.paragraphs[0].text == "The agreement was signed in\n\u{B6}2006. It has held since.")
        #expect(cable.paragraphs[1].text == "Next.")
    }

    @Test("a year at a line start is no paragraph unless it continues the numbering")
    func yearAnchors() throws {
        let cable = try body("1. (C) Signed in\n2001. Held since.\n\n2. (C) Next.")
        #expect(cable.paragraphs.map(\.number) == [1, 2])
        #expect(cable.paragraphs[0].text == "Signed in\n2001. Held since.")
    }

    @Test("a jump in numbering is taken when the anchor is portion-marked, and warned")
    func numberingJump() throws {
        let cable = try body("1. (C) One.\n\n3. (C) Three.\n\n5. Five without a mark stays text.")
        #expect(cable.paragraphs.map(\.number) == [1, 3])
        #expect(cable.warnings.contains("paragraph numbering jumps from 1 to 3"))
    }

    @Test("page-break lines are removed from the text", arguments: [
        "BERN 00000881  002 OF 002", "MADRID 00001003 001.2 OF 002", "PAGE 02 HARARE 06677 01 OF 03 291400Z",
        "TEL AVIV 00001234  002 OF 004",
    ])
    func pageBreaks(line: String) throws {
        let cable = try body("1. (C) Before the break\n\(line)\nafter the break.")
        #expect(cable.paragraphs.first?.text == "Before the break\nafter the break.")
    }

    @Test("unnumbered text before paragraph 1 is paragraph 0")
    func paragraphZero() throws {
        let cable = try body("Opening words.\n\n1. (C) First.")
        #expect(cable.paragraphs.map(\.number) == [0, 1])
        #expect(cable.paragraphs[0].text == "Opening words.")
    }

    @Test("paragraphs on one line each (reflowed renderings)")
    func oneLine() throws {
        let cable = try body("\u{B6}1. (C) One. Two. Three.\n\u{B6}2. (S) Four.\n\u{B6}3. (C) Five. CHACON")
        #expect(cable.paragraphs.map(\.text) == ["One. Two. Three.", "Four.", "Five."])
        #expect(cable.signature == "CHACON")
    }

    @Test("summary, comments and their variants")
    func summaryAndComment() throws {
        let cable = try body("""
            1. (C) SUMMARY: The talks went well.  END SUMMARY.

            2. (C) Details. COMMENT: We doubt it. END COMMENT.

            3. (C) More. (Comment: A parenthetical one. End Comment.) In summary, prose is not a marker.
            """)
        #expect(cable.summary == "The talks went well.")
        #expect(cable.comments == ["We doubt it.", "A parenthetical one."])
    }

    @Test("summary under a heading line", arguments: ["-------\nSUMMARY\n-------", "Summary", "SUMMARY AND COMMENT\n-------------------"])
    func headingSummary(heading: String) throws {
        let cable = try body("\(heading)\n\n1. (C) The talks went well.\n\n2. (C) Details.")
        #expect(cable.summary == "The talks went well.")
    }

    @Test("summary without END SUMMARY runs to the end of its paragraph")
    func openSummary() throws {
        let cable = try body("1. (C) Summary: Short one.\n\n2. (C) Body.")
        #expect(cable.summary == "Short one.")
    }

    @Test("signature on its own last line", arguments: [("Ordway", "Ordway"), ("SACCIO", "SACCIO"), ("Van Voorst", "Van Voorst")])
    func signature(line: String, expected: String) throws {
        let cable = try body("1. (C) Text.\n\n\(line)")
        #expect(cable.signature == expected)
        #expect(cable.paragraphs.last?.text == "Text.")
    }

    // Cable ends as written (trailing blanks included) in 79TEHRAN8980, 09STATE63860, 04CARACAS2200,
    // 09ISLAMABAD2295 and 10SEOUL248: a repeated classification, NNNN, End Cable Text, a record id
    // line or a redaction after the signer are trailers, never the signer.
    @Test("trailers after the signer are skipped", arguments: [
        ("1. (C) NEGOTIATING PROCESS. \n \n \nLAINGEN \n \nCONFIDENTIAL", "LAINGEN"),
        ("1. (C) Text.\n\n2. XXXXXXXXXXXX SECRET//FGI//NOFORN\nFull Appendix with sourcing available upon request. CLINTON\nNNNN\nEnd Cable Text\n XXXXXXXXXXXX", "CLINTON"),
        ("1. (C) EXECUTING\nMANY OF HIS INITIATIVES.\nMCFARLAND\n\nNNNN\n2004CARACA02200 - CONFIDENTIAL", "MCFARLAND"),
        ("\u{B6}1. (S/NF) In the final analysis it is the U.S. PATTERSON\nSECRET", "PATTERSON"),
        ("\u{B6}1. (C) winning the hearts and minds of the North Korean people. XXXXXXXXXXX STEPHENS", "STEPHENS"),
        ("1. (C) Text.\n\nORDWAY\nC O N F I D E N T I A L", "ORDWAY"),
        ("1. (C) Text.\n\nORDWAY\nBT\n#3153\nNNNN", "ORDWAY"),
    ])
    func trailers(text: String, expected: String) throws {
        let cable = try body(text)
        #expect(cable.signature == expected)
        #expect(cable.paragraphs.last?.text.contains(expected) == false)
    }

    @Test("trailers and marking words are never a signer", arguments: [
        "1. (C) Text.\n\nNNNN.", "1. (C) Text. NNNN", "1. (C) Text.\n\nCONFIDENTIAL", "1. (C) Text. SECRET",
        "1. (C) Text.\n\nXXXXXXXXXXXX", "1. (C) PLEASE CABLE CONCURRENCE. BRIDGETOWN APPRECIATES TRINIDAD'S\nASSISTANCE.",
    ])
    func noTrailerSigner(text: String) throws {
        #expect(try body(text).signature == nil)
    }

    @Test("no signature is invented")
    func noSignature() throws {
        let cable = try body("1. (C) Text ends with a sentence.")
        #expect(cable.signature == nil)
    }

    @Test("word counting agrees with a plain split", arguments: [
        "", " ", "one", " one ", "one two  three\nfour\tfive", "exactly eight", "¶1. café  naïve — words 1,000 x",
        String(repeating: "ab cd\n", count: 50), "  leading and trailing  ", "a b c d e f g h i j k l m n o p",
    ])
    func countWords(text: String) {
        var copy = text
        let counted = copy.withUTF8 { Body.countWords($0) }
        #expect(counted == text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count)
    }

    @Test("word count covers the paragraphs")
    func wordCount() throws {
        let cable = try body("1. (C) One two three.\n\n2. (C) Four five.\n\nORDWAY")
        #expect(cable.wordCount == 5)
    }
}
