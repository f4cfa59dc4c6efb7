import Testing
@testable import CableParser

@Suite("Cable ids")
struct CableIDTests {
    @Test("canonical forms", arguments: [
        ("07astana003153", "07ASTANA3153"),
        ("07ASTANA3153", "07ASTANA3153"),
        ("07 ASTANA 3153", "07ASTANA3153"),
        ("07SECSTATE0012", "07STATE12"),
        ("09 USUN NEW YORK 12", "09USUNNEWYORK12"),
        ("09 rio de janeiro 0440", "09RIODEJANEIRO440"),
        ("66BUENOSAIRES2481", "66BUENOSAIRES2481"),
    ])
    func canonical(input: String, expected: String) {
        #expect(CableID.canonicalize(input) == expected)
    }

    @Test("not ids", arguments: ["", "ASTANA3153", "7ASTANA3153", "07ASTANA", "07ASTANA3153X", "07AST/ANA3153", "071ASTANA3"])
    func rejected(input: String) {
        #expect(CableID.canonicalize(input) == nil)
    }

    @Test("station aliases")
    func stations() {
        #expect(CableID.canonicalStation("SECSTATE") == "STATE")
        #expect(CableID.canonicalStation("USUN NEW YORK") == "USUNNEWYORK")
        #expect(CableID.canonicalStation("Tel Aviv") == "TELAVIV")
        #expect(CableID.canonicalStation("UNVIE") == "UNVIEVIENNA")
    }
}

@Suite("Text decoding")
struct TextDecodingTests {
    @Test("valid UTF-8 is kept")
    func utf8() {
        #expect(TextDecoding.decode(Array("¶1. café".utf8)) == "¶1. café")
    }

    @Test("invalid UTF-8 falls back to Windows-1252")
    func windows1252() {
        // 0xB6 = ¶, 0xE9 = é, 0x93/0x94 = curly quotes, 0x80 = euro sign.
        #expect(TextDecoding.decode([0xB6, 0x31, 0x2E, 0x20, 0xE9, 0x93, 0x61, 0x94, 0x80]) == "¶1. é\u{201C}a\u{201D}€")
    }

    @Test("the byte-level UTF-8 validator agrees with the standard library")
    func validator() {
        var generator = SeededGenerator(seed: 11)
        let samples: [[UInt8]] = [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80],
            [0xE2, 0x82, 0xAC], [0xC2], [0x80], [0xFF], Array("¶ café €".utf8),
        ] + (0..<2000).map { _ in
            (0..<Int.random(in: 1...6, using: &generator)).map { _ in UInt8.random(in: 0x70...0xFF, using: &generator) }
        }
        for sample in samples {
            let expected = String(validating: sample, as: UTF8.self) != nil
            #expect(sample.withUnsafeBufferPointer { TextDecoding.isValidUTF8($0) } == expected, "\(sample)")
        }
    }

    @Test("a UTF-8 byte-order mark is dropped")
    func bom() {
        #expect(TextDecoding.decode([0xEF, 0xBB, 0xBF, 0x41]) == "A")
    }

    @Test("Latin-1 cables parse like UTF-8 ones")
    func latin1Cable() throws {
        let text = Support.cable(body: "\u{B6}1. (C) Caf\u{E9} talk.\n\nORDWAY")
        let latin1 = text.unicodeScalars.map { UInt8($0.value) }
        let cable = try CableParser().parse(bytes: latin1)
        #expect(cable.paragraphs.first?.text == "Café talk.")
        #expect(cable.paragraphs.first?.number == 1)
    }

    @Test("CRLF line ends parse like LF")
    func crlf() throws {
        let text = Support.cable()
        let crlf = try CableParser().parse(bytes: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        let lf = try CableParser().parse(text)
        #expect(crlf == lf)
    }
}
