/// Turns the raw text of one US diplomatic cable into a `Cable`.
///
/// The parser is a stateless value: share one instance or make many, and call it from any number of
/// threads at once. It scans UTF-8 bytes line by line, uses no regular expressions, and runs in time
/// linear in the input. Input that cannot be a cable throws `CableParseError`; anything it notices but
/// cannot resolve lands in `Cable.warnings`.
public struct CableParser: Sendable {
    /// Inputs larger than this are refused: the longest real cable is well under 1 MB.
    public static let maximumInputBytes = 64 << 20

    public init() {}

    /// Parses raw text. `knownID` is the id the caller already knows (file name, CSV column); when the
    /// text disagrees with it the text wins and a warning names both.
    public func parse(_ text: String, knownID: String? = nil) throws(CableParseError) -> Cable {
        try parseUTF8(Array(text.utf8), knownID: knownID)
    }

    /// Parses raw bytes: UTF-8, or Windows-1252 when they are not valid UTF-8; CRLF or LF line ends.
    public func parse(bytes: [UInt8], knownID: String? = nil) throws(CableParseError) -> Cable {
        guard bytes.count <= Self.maximumInputBytes else {
            throw CableParseError(.tooLarge, line: 1, "input is \(bytes.count) bytes; the limit is \(Self.maximumInputBytes)")
        }
        return try parseUTF8(TextDecoding.utf8Bytes(bytes), knownID: knownID)
    }

    private func parseUTF8(_ bytes: [UInt8], knownID: String?) throws(CableParseError) -> Cable {
        guard bytes.count <= Self.maximumInputBytes else {
            throw CableParseError(.tooLarge, line: 1, "input is \(bytes.count) bytes; the limit is \(Self.maximumInputBytes)")
        }
        let text = CableText(bytes: bytes)
        try Self.checkIsText(text)
        var reader = CableReader(text: text, knownID: knownID.flatMap(CableID.canonicalize))
        if let knownID, CableID.canonicalize(knownID) == nil {
            reader.warnings.append("id given \"\(knownID)\" is not a cable id; ignored")
        }
        return try reader.read()
    }

    /// Refuses empty input and binary data before any field is read.
    private static func checkIsText(_ text: CableText) throws(CableParseError) {
        if text.nulCount > 0 {
            throw CableParseError(.notText, line: 1, "input contains NUL bytes: binary data, not a cable")
        }
        guard text.bytes.count > text.blankCount else {
            throw CableParseError(.empty, line: 1, "input is empty: no cable text")
        }
        if text.controlCount * 50 > text.bytes.count {
            throw CableParseError(.notText, line: 1, "input is mostly control characters: binary data, not a cable")
        }
    }
}
