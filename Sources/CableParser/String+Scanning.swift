extension String {
    /// Range of the first case-insensitive ASCII match of `needle` (upper case), without Foundation.
    func asciiRange(of needle: StaticString) -> Range<String.Index>? {
        var copy = self
        guard let offset = copy.withUTF8({ buffer in
            ByteScan.find(Array(buffer), 0..<buffer.count, needle)
        }) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.utf8CodeUnitCount)
    }

    /// The text with every `target` byte sequence replaced by spaces of the same length.
    func blanking(_ target: StaticString) -> String {
        var bytes = Array(utf8)
        var index = 0
        while let hit = ByteScan.find(bytes, index..<bytes.count, target) {
            for position in hit..<(hit + target.utf8CodeUnitCount) { bytes[position] = ByteScan.space }
            index = hit + target.utf8CodeUnitCount
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    /// The text without leading and trailing blanks (spaces, tabs, no-break spaces).
    func trimmingBlanks() -> String {
        // On scalars, not `Character`s: no grapheme breaking for a blank test.
        let scalars = unicodeScalars
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\r" || $0 == "\n" }
        guard let start = scalars.firstIndex(where: { !isBlank($0) }),
              let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[start..<scalars.index(after: last)])
    }
}

extension StringProtocol {
    /// The text without trailing characters from `characters`.
    func trimmingTrailing(_ characters: String) -> String {
        var value = String(self)
        while let last = value.last, characters.contains(last) { value.removeLast() }
        return value
    }

}
