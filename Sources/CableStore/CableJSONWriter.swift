import CableParser

/// Writes a `Cable` as the exact bytes `Cable.makeJSONEncoder()` produces (compact, sorted snake_case
/// keys, nil values left out, slashes unescaped), without going through `Encodable`.
///
/// Why: Foundation's `JSONEncoder` builds a tree of boxed values and converts every key to snake
/// case on every call; for the importer that was a large share of the per-cable worker CPU. This
/// writer appends straight into one byte buffer. `CableJSONWriterTests` compares its output with
/// `JSONEncoder`'s byte for byte on the fixture cables (and the dev corpus when present); a field
/// added to `Cable` must be added here too, and that test fails until it is.
struct CableJSONWriter {
    private(set) var bytes: [UInt8] = []

    /// The JSON of `cable`.
    static func encode(_ cable: Cable) -> [UInt8] {
        var writer = CableJSONWriter()
        writer.bytes.reserveCapacity(4096 + cable.paragraphs.reduce(0) { $0 + $1.text.utf8.count } * 11 / 10)
        writer.write(cable)
        return writer.bytes
    }

    // Keys in byte order, which is the order `.sortedKeys` gives these ASCII names.
    private mutating func write(_ cable: Cable) {
        var object = ObjectState()
        key("caveats", &object); array(cable.caveats) { $0.string($1) }
        if let value = cable.classification { key("classification", &object); string(value) }
        if let value = cable.classifiedBy { key("classified_by", &object); write(value) }
        key("comments", &object); array(cable.comments) { $0.string($1) }
        key("corrected", &object); bool(cable.corrected)
        if let value = cable.date { key("date", &object); string(value) }
        if let value = cable.declassifyOn { key("declassify_on", &object); string(value) }
        key("entities", &object); array(cable.entities) { $0.write($1) }
        if let value = cable.executiveOrder { key("executive_order", &object); string(value) }
        key("header", &object); write(cable.header)
        key("id", &object); string(cable.id)
        if let value = cable.origin { key("origin", &object); string(value) }
        key("paragraphs", &object); array(cable.paragraphs) { $0.write($1) }
        key("partial", &object); bool(cable.partial)
        key("references", &object); array(cable.references) { $0.write($1) }
        if let value = cable.section { key("section", &object); write(value) }
        key("serial", &object); int(cable.serial)
        if let value = cable.signature { key("signature", &object); string(value) }
        key("station", &object); string(cable.station)
        if let value = cable.subject { key("subject", &object); string(value) }
        if let value = cable.summary { key("summary", &object); string(value) }
        key("tags", &object); array(cable.tags) { $0.write($1) }
        key("warnings", &object); array(cable.warnings) { $0.string($1) }
        key("word_count", &object); int(cable.wordCount)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ header: Cable.Header) {
        var object = ObjectState()
        if let value = header.approvedBy { key("approved_by", &object); string(value) }
        if let value = header.distribution { key("distribution", &object); string(value) }
        if let value = header.draftedBy { key("drafted_by", &object); string(value) }
        if let value = header.dtg { key("dtg", &object); string(value) }
        if let value = header.from { key("from", &object); write(value) }
        key("info", &object); array(header.info) { $0.write($1) }
        if let value = header.precedence { key("precedence", &object); string(value) }
        if let value = header.routingIndicator { key("routing_indicator", &object); string(value) }
        if let value = header.sequence { key("sequence", &object); string(value) }
        if let value = header.source { key("source", &object); string(value) }
        if let value = header.stationId { key("station_id", &object); string(value) }
        key("to", &object); array(header.to) { $0.write($1) }
        if let value = header.transmissionId { key("transmission_id", &object); string(value) }
        key("xmt", &object); array(header.xmt) { $0.write($1) }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ recipient: Cable.Recipient) {
        var object = ObjectState()
        if let value = recipient.mcn { key("mcn", &object); string(value) }
        key("name", &object); string(recipient.name)
        if let value = recipient.precedence { key("precedence", &object); string(value) }
        if let value = recipient.routing { key("routing", &object); string(value) }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ section: Cable.Section) {
        var object = ObjectState()
        key("number", &object); int(section.number)
        key("of", &object); int(section.of)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ tag: Cable.Tag) {
        var object = ObjectState()
        key("code", &object); string(tag.code)
        if let value = tag.kind { key("kind", &object); string(value) }
        if let value = tag.meaning { key("meaning", &object); string(value) }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ reference: Cable.Reference) {
        var object = ObjectState()
        if let value = reference.id { key("id", &object); string(value) }
        if let value = reference.label { key("label", &object); string(value) }
        key("text", &object); string(reference.text)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ classifiedBy: Cable.ClassifiedBy) {
        var object = ObjectState()
        if let value = classifiedBy.name { key("name", &object); string(value) }
        if let value = classifiedBy.office { key("office", &object); string(value) }
        key("reasons", &object); array(classifiedBy.reasons) { $0.string($1) }
        key("text", &object); string(classifiedBy.text)
        if let value = classifiedBy.title { key("title", &object); string(value) }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ paragraph: Cable.Paragraph) {
        var object = ObjectState()
        if let value = paragraph.classification { key("classification", &object); string(value) }
        key("entities", &object); array(paragraph.entities) { $0.write($1) }
        key("number", &object); int(paragraph.number)
        key("text", &object); string(paragraph.text)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ mention: Cable.EntityMention) {
        var object = ObjectState()
        key("end", &object); int(mention.end)
        key("id", &object); string(mention.id)
        key("start", &object); int(mention.start)
        key("surface", &object); string(mention.surface)
        key("type", &object); string(mention.type)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ summary: Cable.EntitySummary) {
        var object = ObjectState()
        key("id", &object); string(summary.id)
        key("mentions", &object); int(summary.mentions)
        key("name", &object); string(summary.name)
        key("type", &object); string(summary.type)
        bytes.append(UInt8(ascii: "}"))
    }
}

// MARK: - Primitives

extension CableJSONWriter {
    /// Whether an object has its opening brace and first member yet.
    fileprivate struct ObjectState { var started = false }

    /// `{"name":` for the first member, `,"name":` after it. Names are fixed ASCII without escapes.
    fileprivate mutating func key(_ name: StaticString, _ object: inout ObjectState) {
        bytes.append(object.started ? UInt8(ascii: ",") : UInt8(ascii: "{"))
        object.started = true
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    fileprivate mutating func array<T>(_ items: [T], _ element: (inout CableJSONWriter, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    fileprivate mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    fileprivate mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string as `JSONEncoder` writes it: `"` and `\` escaped, control characters as `\b \f
    /// \n \r \t` or `\u00XX`, everything else (`/`, non-ASCII) as its UTF-8 bytes. Runs of plain
    /// bytes are copied in one go.
    fileprivate mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var copy = value
        copy.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0x0F)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
