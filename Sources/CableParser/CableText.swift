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
