#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cable as UTF-8 bytes split into lines; every parsed field is a slice of it.
///
/// Working on byte ranges keeps the parser free of regex engines and intermediate `String`s:
/// a line is only turned into a `String` when it becomes part of the result.
struct CableText {
    let bytes: [UInt8]
    /// Byte range of each line, without its `\n` and any trailing `\r`.
    let lines: [Range<Int>]
    /// Counts to tell text from binary data: NUL bytes, other control characters, and blanks
    /// (exact when control characters occur; otherwise `blankCount < bytes.count` iff anything is printable).
    let nulCount: Int
    let controlCount: Int
    let blankCount: Int

    /// Byte classes for the exact text check: 0 printable, 1 blank, 2 control, 3 NUL.
    private static let byteClass: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0: return 3
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20: return 1
        case 0x01..<0x20, 0x7F: return 2
        default: return 0
        }
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 48 + 1)
        var counts = (blank: 0, control: 0, nul: 0)
        bytes.withUnsafeBufferPointer { buffer in
            counts = Self.classify(buffer)
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var start = 0
            // memchr finds line ends with vector instructions; a cable has a line every ~60 bytes.
            while start < count, let found = memchr(base + start, 0x0A, count - start) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                var end = index
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                lines.append(start..<end)
                start = index + 1
            }
            if start < count {
                var end = count
                if buffer[end - 1] == 0x0D { end -= 1 }
                lines.append(start..<end)
            }
        }
        self.lines = lines
        self.blankCount = counts.blank
        self.controlCount = counts.control
        self.nulCount = counts.nul
    }

    /// Counts blanks, control characters and NULs. A word-at-a-time pass looks for bytes below
    /// space other than line feed; only when some exist (tabs, CRs, controls) is each byte classified. `blank` is exact only in that slow case; the fast case reports whether
    /// anything printable exists by returning `blank < count`.
    private static func classify(_ buffer: UnsafeBufferPointer<UInt8>) -> (blank: Int, control: Int, nul: Int) {
        guard let base = buffer.baseAddress else { return (0, 0, 0) }
        let count = buffer.count
        var unusual = false
        var index = 0
        // Eight bytes at a time: the word has a byte below 0x20 iff (x - 0x20…) & ~x & 0x80… is non-zero.
        // Only such words (about one in eight: the line feeds) are looked at byte by byte.
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 {
                for offset in 0..<8 {
                    let byte = buffer[index + offset]
                    if byte < 0x20, byte != 0x0A {
                        unusual = true
                        break
                    }
                }
                if unusual { break }
            }
            index += 8
        }
        if !unusual {
            while index < count {
                let byte = buffer[index]
                if byte < 0x21, byte != 0x20, byte != 0x0A {
                    unusual = true
                    break
                }
                index += 1
            }
        }
        if !unusual {
            // Only spaces and line feeds below `!`: report the text as non-blank when any other byte exists.
            let printable = buffer.contains { $0 > 0x20 }
            return (printable ? 0 : count, 0, 0)
        }
        var counts = (blank: 0, control: 0, nul: 0)
        byteClass.withUnsafeBufferPointer { table in
            for byte in buffer {
                switch table[Int(byte)] {
                case 0: continue
                case 1: counts.blank += 1
                case 2: counts.control += 1
                default: counts.nul += 1
                }
            }
        }
        return counts
    }

    var lineCount: Int { lines.count }

    /// The line's bytes with leading and trailing blanks removed.
    func trimmed(_ line: Int) -> Range<Int> {
        ByteScan.trim(bytes, lines[line])
    }

    func isBlank(_ line: Int) -> Bool { trimmed(line).isEmpty }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Trimmed text of one line.
    func lineString(_ line: Int) -> String { string(trimmed(line)) }
}

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
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == space || byte == tab || byte == 0x0A || byte == 0x0D {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(space) }
                pendingSpace = false
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
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
