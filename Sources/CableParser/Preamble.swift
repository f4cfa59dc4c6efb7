/// Reads the block between the banner and the first paragraph: handling caveats, `E.O.`/`DECL`,
/// `TAGS`, `SUBJECT`, `REF`, `Classified By`.
///
/// Each keyed field may wrap onto following lines; a field ends at a blank line or at the next key.
/// Keys can share a line (`E.O. 12958: DECL: 1/1/2015 TAGS: PGOV SUBJECT: …`), so a line is cut at
/// every key it holds before the pieces are read.
struct Preamble {
    let text: CableText
    let lines: Range<Int>
    let cableYear: String

    var caveats: [String] = []
    /// Caveats of the caption block: bare caveat lines between the banner and the first keyed field.
    var captions: [String] = []
    var corrected = false
    var executiveOrder: String?
    var declassifyOn: String?
    var tags: [Cable.Tag] = []
    var subject: String?
    var references: [Cable.Reference] = []
    var classifiedBy: Cable.ClassifiedBy?
    var warnings: [String] = []
    /// First line of the body (paragraphs).
    var bodyStart: Int

    /// Past this many lines without any key the preamble is taken to be absent.
    static let searchLines = 80

    init(text: CableText, lines: Range<Int>, cableYear: String) {
        self.text = text
        self.lines = lines
        self.cableYear = cableYear
        self.bodyStart = lines.lowerBound
    }

    enum Key: CaseIterable {
        case executiveOrder, tags, subject, reference, classifiedBy, declassifyOn

        /// Spellings at a line start, upper case; the value begins after the spelling.
        var spellings: [StaticString] {
            switch self {
            case .executiveOrder: return ["E.O.", "E. O.", "E.O ", "EO ", "E.0.", "EO:", "E.O:"]
            case .tags: return ["TAGS:", "TAGS :", "TAGS ", "TAGS\t", "TAS:", "TAGS"]
            case .subject: return ["SUBJECT:", "SUBJECT :", "SUBJ:", "SUBJECT -", "SUBJECT "]
            case .reference: return ["REFS:", "REF:", "REFERENCES:", "REFERENCE:", "REF ", "REFTEL:"]
            case .classifiedBy: return ["CLASSIFIED BY:", "CLASSIFIED BY ", "CLASSIFIED BY"]
            case .declassifyOn: return ["DECLASSIFY ON:"]
            }
        }

        /// Spellings that may also appear inside a line after another field.
        var inlineSpellings: [StaticString] {
            switch self {
            case .tags: return ["TAGS:", "TAGS "]
            case .subject: return ["SUBJECT:", "SUBJ:"]
            case .reference: return ["REF:"]
            case .classifiedBy: return ["CLASSIFIED BY:"]
            default: return []
            }
        }
    }

    /// Finds a key at the start of `range`, returning the key and where its value begins.
    func key(at line: Range<Int>) -> (Key, Int)? {
        var range = line
        // `(U) Classified by …`: a portion-marked key line.
        if ByteScan.hasPrefix(text.bytes, range, "(U) ") { range = (range.lowerBound + 4)..<range.upperBound }
        for key in Key.allCases {
            for spelling in key.spellings where ByteScan.hasPrefix(text.bytes, range, spelling) {
                let end = range.lowerBound + spelling.utf8CodeUnitCount
                // `TAGS` must stand alone: `TAGSTAFF` is body text.
                if key == .tags, spelling.utf8CodeUnitCount == 4, end < range.upperBound,
                   !ByteScan.isBlank(text.bytes[end]), text.bytes[end] != UInt8(ascii: ":") { continue }
                let endsInBlank = spelling.withUTF8Buffer { $0.last == UInt8(ascii: " ") }
                if key == .subject || key == .reference, endsInBlank, !isUpperCase(range) { continue }
                return (key, end)
            }
        }
        return nil
    }

    /// `SUBJECT ` / `REF ` without a colon only count in upper-case lines (`Subject to …` is prose).
    private func isUpperCase(_ range: Range<Int>) -> Bool {
        let probe = range.lowerBound..<min(range.upperBound, range.lowerBound + 12)
        return !text.bytes[probe].contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
    }
}
