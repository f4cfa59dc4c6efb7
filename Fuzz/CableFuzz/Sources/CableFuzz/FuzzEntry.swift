// Feeds arbitrary bytes to the cable parser and, when it accepts them, to the entity extractor, then
// checks what the extractor promises: every mention's offsets (Unicode scalars) lie inside its
// paragraph and select exactly its surface text; every id is `type:slug`, one path segment of
// lower-case letters (ASCII for Latin names, other scripts kept), digits and inner hyphens, composed,
// with a summary in the cable; the paragraphs'
// text is untouched; and a second run (with the name cache now warm) gives the same result.
// A refusal by the parser (a typed error) is fine. Any trap, sanitizer report or broken promise
// is a finding.
import CableEntities
import CableParser
import Foundation

private let extractor = EntityExtractor()
private let types: Set<String> = ["person", "organization", "location"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let cable = try? CableParser().parse(bytes: bytes) else { return 0 }
    let raw = String(decoding: bytes, as: UTF8.self)
    var annotated = cable
    extractor.annotate(&annotated, rawText: raw)

    guard annotated.paragraphs.map(\.text) == cable.paragraphs.map(\.text) else { fail("paragraph text changed") }
    let summaries = Set(annotated.entities.map(\.id))
    for summary in annotated.entities {
        check(id: summary.id, type: summary.type)
        if summary.name.isEmpty { fail("empty name for \(summary.id)") }
    }
    for paragraph in annotated.paragraphs {
        let scalars = Array(paragraph.text.unicodeScalars)
        for mention in paragraph.entities {
            guard 0 <= mention.start, mention.start < mention.end, mention.end <= scalars.count else {
                fail("mention \(mention) outside paragraph \(paragraph.number) of \(scalars.count) scalars")
            }
            var selected = String.UnicodeScalarView()
            selected.append(contentsOf: scalars[mention.start..<mention.end])
            guard String(selected) == mention.surface else {
                fail("mention \(mention) selects \(String(selected).debugDescription), not its surface")
            }
            check(id: mention.id, type: mention.type)
            guard summaries.contains(mention.id) else { fail("mention \(mention.id) has no summary") }
        }
    }

    var again = cable
    extractor.annotate(&again, rawText: raw)
    guard again == annotated else { fail("a second run with a warm name cache gave another result") }
    return 0
}

/// A slug (Docs/entities.md, "Ids"): lower-case letters and digits in runs joined by single hyphens; ASCII
/// ones for Latin names, letters of other scripts kept (with the marks their lower-casing brings), composed.
private func check(id: String, type: String) {
    guard types.contains(type), id.hasPrefix(type + ":") else { fail("id \(id) does not start with its type \(type)") }
    let slug = String(id.dropFirst(type.count + 1))
    let allowed = slug.unicodeScalars.allSatisfy { scalar in
        let v = scalar.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || v == 0x2D }
        let p = scalar.properties
        return (p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark) && !p.isUppercase
    }
    guard !slug.isEmpty, allowed, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--"),
          slug.unicodeScalars.elementsEqual(slug.precomposedStringWithCanonicalMapping.unicodeScalars)
    else { fail("id \(id) is not type:slug") }
}

private func fail(_ message: String) -> Never {
    fatalError("CableFuzz: \(message)")
}
