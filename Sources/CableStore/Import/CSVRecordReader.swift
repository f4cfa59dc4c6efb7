/// Reads the Cablegate `cables.csv` dialect: 8 quoted fields per record (id, date, refid, origin,
/// classification, references, header, content), `\` escaping the next character (so `\"` is a
/// quote), literal newlines inside fields, no header row.
///
/// The record's text is header + blank line + content, and its known id is `refid`. A record with a
/// broken structure ends the input with one failure: after a lost quote no later boundary is certain.
public struct CSVRecordReader: RecordReader {
    private var stream: ByteStream
    private let name: String
    private var record = 0
    private var broken = false
    static let fieldCount = 8

    /// Reads from `source`; `name` labels errors.
    public init(_ source: any ByteSource, name: String) {
        stream = ByteStream(source)
        self.name = name
    }

    public var consumed: Int { stream.consumed }

    public mutating func next() throws -> RecordResult? {
        guard !broken else { return nil }
        // Skip blank lines between records (and a trailing newline at the end).
        var first = try stream.next()
        while first == UInt8(ascii: "\n") || first == UInt8(ascii: "\r") { first = try stream.next() }
        guard let firstByte = first else { return nil }
        record += 1
        var fields: [[UInt8]] = []
        fields.reserveCapacity(Self.fieldCount)
        var byte: UInt8? = firstByte
        while true {
            guard byte == UInt8(ascii: "\"") else { return fail("field \(fields.count + 1) does not start with a quote") }
            var field: [UInt8] = []
            // Inside quotes: copy runs up to the next quote or backslash.
            while true {
                guard let stop = try stream.copy(until: UInt8(ascii: "\""), UInt8(ascii: "\\"), into: &field) else {
                    return fail("field \(fields.count + 1) has no closing quote before the end of the input")
                }
                if stop == UInt8(ascii: "\"") { break }
                guard let escaped = try stream.next() else { return fail("the input ends after a backslash") }
                field.append(escaped)
            }
            fields.append(field)
            let after = try stream.next()
            if after == UInt8(ascii: ",") {
                byte = try stream.next()
                continue
            }
            if after == UInt8(ascii: "\r"), try stream.peek() == UInt8(ascii: "\n") { _ = try stream.next() }
            guard after == nil || after == UInt8(ascii: "\n") || after == UInt8(ascii: "\r") else {
                return fail("unexpected character after the closing quote of field \(fields.count)")
            }
            break
        }
        guard fields.count == Self.fieldCount else {
            // The line ended cleanly, so the next record can still be read.
            return .failure("\(name): record \(record) has \(fields.count) fields, expected \(Self.fieldCount)")
        }
        var text = fields[6]
        text.append(contentsOf: [10, 10])
        text.append(contentsOf: fields[7])
        let refid = String(decoding: fields[2], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return .record(bytes: text, knownID: refid.isEmpty ? nil : refid)
    }

    private mutating func fail(_ reason: String) -> RecordResult {
        broken = true
        return .failure("\(name): record \(record): malformed CSV: \(reason); the rest of this input is skipped")
    }
}
