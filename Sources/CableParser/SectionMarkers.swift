/// Positions of the words `SUMMARY` and `COMMENT` (any letter case) in a text, found in one pass.
///
/// Both words carry `MM` at offset 2, and `mm` is rare in English, so the scan looks eight bytes at a
/// time for an `m` and checks the word only around `mm` pairs: far fewer probes than searching for
/// each word separately.
struct SectionMarkers {
    private(set) var summary: [Int] = []
    private(set) var comment: [Int] = []

    init(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var index = 0
            while index + 8 <= count {
                // Setting bit 5 folds `M` onto `m`; a zero byte in `word ^ m…` marks an `m`.
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) | 0x2020_2020_2020_2020
                let probe = word ^ 0x6D6D_6D6D_6D6D_6D6D
                // Exact zero-byte mask: the high bit of each byte that was zero in `probe`.
                var zeros = ~(((probe & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | probe) & 0x8080_8080_8080_8080
                while zeros != 0 {
                    check(buffer, index + zeros.trailingZeroBitCount / 8)
                    zeros &= zeros &- 1
                }
                index += 8
            }
            while index < count {
                check(buffer, index)
                index += 1
            }
        }
    }

    /// At an `m` followed by `m`: is it the `MM` of `SUMMARY` or `COMMENT`?
    private mutating func check(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) {
        guard index >= 2, index + 5 <= buffer.count, buffer[index] | 0x20 == 0x6D, buffer[index + 1] | 0x20 == 0x6D else {
            return
        }
        let start = index - 2
        if matches(buffer, start, "SUMMARY") {
            summary.append(start)
        } else if matches(buffer, start, "COMMENT") {
            comment.append(start)
        }
    }

    private func matches(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard start + length <= buffer.count else { return false }
        return word.withUTF8Buffer { pattern in
            for offset in 0..<length where ByteScan.upper(buffer[start + offset]) != pattern[offset] { return false }
            return true
        }
    }
}
