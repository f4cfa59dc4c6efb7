import CableParser
import Testing
@testable import CableEntities

/// The byte-level hot path must answer exactly as the `String` operations it replaced.
@Suite struct ByteHotPathTests {
    /// Keys that are equal as `String`s in different byte forms, and near misses.
    static let keys = [
        "PERSON|ANTONIO GUTERRES", "PERSON|GUTERRES", "LOCATION|=Kazakhstan|", "ORGANIZATION|=Government of Iran|IR",
        "K", "\u{212A}", "CAFÉ", "CAFE\u{301}", "ZÜRICH", "ZU\u{308}RICH", "", " ", "A", "AB", "BA", "MÜLLER-LÜDENSCHEIDT",
    ]

    /// Byte form of a key as the callers make it.
    private func bytes(_ key: String) -> [UInt8] {
        var bytes = Array(key.utf8)
        ByteKeyTable.canonical(&bytes)
        return bytes
    }

    @Test func byteKeyTableAnswersAsADictionary() {
        var reference: [String: Int] = [:]
        var table = ByteKeyTable()
        for (n, key) in Self.keys.enumerated() {
            reference[key] = n
            bytes(key).withUnsafeBufferPointer { table.set($0, n) }
        }
        for key in Self.keys + ["KK", "CAFE", "ZURICH", "PERSON|GUTERRE"] {
            let found = bytes(key).withUnsafeBufferPointer { table.value($0) }
            #expect(found == reference[key], "\(key.unicodeScalars.map { $0.value })")
        }
        // Canonically equivalent spellings are one key, as in the dictionary.
        #expect(reference.count < Self.keys.count)
    }

    @Test func byteKeyTableGrowsAndOverwrites() {
        var table = ByteKeyTable()
        for n in 0..<5_000 { Array("KEY \(n)".utf8).withUnsafeBufferPointer { table.set($0, n) } }
        Array("KEY 17".utf8).withUnsafeBufferPointer { table.set($0, -1) }
        for n in stride(from: 0, to: 5_000, by: 7) {
            let found = Array("KEY \(n)".utf8).withUnsafeBufferPointer { table.value($0) }
            #expect(found == (n == 17 ? -1 : n))
        }
        #expect(Array("KEY 5000".utf8).withUnsafeBufferPointer { table.value($0) } == nil)
        let hash = Array("KEY 12".utf8).reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        let mayContain = table.mayContain(hash: hash)  // (read first: `#expect` cannot take a noncopyable table apart)
        #expect(mayContain)
    }

    /// Mixed text: ASCII and accented words, curly quotes, numbers, marks, a redaction, an emoji.
    static let text = "Señor Guterres’s “visit” to Zürich, the OF of Of THE the U.S. 2009 XXXXXX 🙂 Müller-Lüdenscheidt FOR"

    @Test func keyComparisonsMatchTheKeys() {
        let tokens = Tokenizer.tokenize(Self.text)
        let keys = tokens.keys
        for i in tokens.indices {
            for probe in ["OF", "THE", "FOR", "US", "U.S.", "ZÜRICH", "ZURICH", "GUTERRES", "2009", "", "SEÑOR"] {
                #expect(tokens.key(i, is: probe) == (keys[i] == probe), "\(tokens.text(i)) \(probe)")
            }
            #expect(tokens.keyIs(i, "OF") == (keys[i] == "OF"))
            #expect(tokens.keyIs(i, "THE") == (keys[i] == "THE"))
            #expect(tokens.keyIs(i, "FOR") == (keys[i] == "FOR"))
            #expect(tokens.isRedaction(i) == ParagraphRecognizer.isRedaction(keys[i]), "\(tokens.text(i))")
        }
    }

    @Test func tokenTextsAreTheBytesOfTheParagraph() {
        let tokens = Tokenizer.tokenize(Self.text)
        let utf8 = Array(Self.text.utf8)
        #expect(!tokens.isASCII)
        for i in tokens.indices {
            let token = tokens[i]
            #expect(tokens.text(i) == String(decoding: utf8[token.start..<token.end], as: UTF8.self))
        }
        #expect(tokens.indices.map { tokens.text($0) }.contains("Zürich"))
        #expect(tokens.indices.map { tokens.text($0) }.contains("Guterres"))
    }

    /// Several mentions after multi-byte scalars: each offset is counted on from the previous mention.
    @Test func scalarOffsetsOfManyMentionsAfterMultiByteText() {
        let text = "Señor “Antonio Guterres” met 🙂 Kazakhstan’s Foreign Minister Marat Tazhin in Zürich; "
            + "then Guterres flew to Astana and Almaty with Tazhin — Müller said Kazakhstan agreed."
        let cable = Support.annotated(Support.cable([text]))
        let scalars = Array(text.unicodeScalars)
        let mentions = cable.paragraphs[0].entities
        #expect(mentions.count >= 6)
        for m in mentions {
            #expect(m.end <= scalars.count)
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.surface, "\(m.surface)")
        }
    }
}
