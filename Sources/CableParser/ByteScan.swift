/// Small byte-level helpers shared by the field parsers.
enum ByteScan {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    @inline(__always) static func upper(_ byte: UInt8) -> UInt8 { isLetter(byte) ? byte & 0xDF : byte }

    static func trim(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) || isNBSP(bytes, lower, upper) {
            lower += isBlank(bytes[lower]) ? 1 : 2
        }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// U+00A0 (C2 A0), which copied web pages put where a space was.
    @inline(__always) static func isNBSP(_ bytes: [UInt8], _ index: Int, _ end: Int) -> Bool {
        index + 1 < end && bytes[index] == 0xC2 && bytes[index + 1] == 0xA0
    }

    /// Case-insensitive ASCII prefix test; `prefix` must be upper case.
    static func hasPrefix(_ bytes: [UInt8], _ range: Range<Int>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard range.count >= count else { return false }
        return prefix.withUTF8Buffer { pattern in
            for offset in 0..<count where upper(bytes[range.lowerBound + offset]) != pattern[offset] {
                return false
            }
            return true
        }
    }

    /// Index of the first case-insensitive occurrence of `needle` (upper case) in `range`.
    /// Needles of four bytes or more use Horspool's skip table, so long texts are crossed in strides.
    static func find(_ bytes: [UInt8], _ range: Range<Int>, _ needle: StaticString) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0, range.count >= count else { return nil }
        if count >= 4, range.count >= 64 { return findSkipping(bytes, range, needle) }
        return needle.withUTF8Buffer { pattern -> Int? in
            bytes.withUnsafeBufferPointer { buffer -> Int? in
                // Compare the first byte in both cases without a branch per letter test.
                let first = pattern[0]
                let firstLower = isLetter(first) ? first | 0x20 : first
                var index = range.lowerBound
                let last = range.upperBound - count
                while index <= last {
                    let byte = buffer[index]
                    if byte == first || byte == firstLower {
                        var offset = 1
                        while offset < count, upper(buffer[index + offset]) == pattern[offset] { offset += 1 }
                        if offset == count { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }

    private static func findSkipping(_ bytes: [UInt8], _ range: Range<Int>, _ needle: StaticString) -> Int? {
        let count = needle.utf8CodeUnitCount
        return needle.withUTF8Buffer { pattern -> Int? in
            var skip = [Int](repeating: count, count: 256)
            for offset in 0..<(count - 1) {
                let byte = pattern[offset]
                skip[Int(byte)] = count - 1 - offset
                if isLetter(byte) { skip[Int(byte | 0x20)] = count - 1 - offset }
            }
            return bytes.withUnsafeBufferPointer { buffer -> Int? in
                var index = range.lowerBound
                let last = range.upperBound - count
                let tail = pattern[count - 1]
                while index <= last {
                    let byte = buffer[index + count - 1]
                    if upper(byte) == tail {
                        var offset = 0
                        while offset < count - 1, upper(buffer[index + offset]) == pattern[offset] { offset += 1 }
                        if offset == count - 1 { return index }
                    }
                    index += skip[Int(byte)]
                }
                return nil
            }
        }
    }

    /// Parses the decimal digits in `range` (at most 9 digits, so it cannot overflow).
    static func integer(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var value = 0
        for index in range {
            guard isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] &- 0x30)
        }
        return value
    }

    /// The bytes as a string with every run of blanks and line breaks turned into one space and
    /// the ends trimmed: one pass, no intermediate strings.
    static func squeezed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                if byte == space || byte == tab || byte == 0x0A || byte == 0x0D {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        output[count] = space
                        count += 1
                        pendingSpace = false
                    }
                    output[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    /// Splits `range` into blank-separated words.
    static func words(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            while index < range.upperBound, isBlank(bytes[index]) { index += 1 }
            let start = index
            while index < range.upperBound, !isBlank(bytes[index]) { index += 1 }
            if index > start { result.append(start..<index) }
        }
        return result
    }
}
