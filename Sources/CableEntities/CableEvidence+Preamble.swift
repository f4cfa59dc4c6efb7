/// The addressee lines of the telegram's head (`SCA/CEN FOR M. O'MARA`), read from its bytes.
extension CableEvidence {
    /// The reading state over the head's lines: before the banner, in the preamble, in a block of `FOR`
    /// lines, or waiting for the continuation of a `PASS TO` line.
    private struct PreambleReader {
        var out: [String] = []
        var inPreamble = false
        var forBlock = false
        var pending: String? = nil

        /// Reads one line given as a `String` (untrimmed); false once the preamble has ended.
        mutating func read(_ raw: String) -> Bool {
            let line = CableEvidence.trim(raw)
            let upper = CableEvidence.uppercased(line)
            if !inPreamble {
                // The banner: "C O N F I D E N T I A L ASTANA 003153", "SECRET STATE 040423", "UNCLAS ...".
                guard let first = upper.utf8.first, first == 0x43 || first == 0x53 || first == 0x55 || first == 0x4C,
                      line.utf8.count < 90 else { return true }
                let squeezed = String(upper.unicodeScalars.filter { $0 != " " })
                if ["CONFIDENTIAL", "SECRET", "UNCLAS", "LIMITEDOFFICIALUSE"].contains(where: { squeezed.hasPrefix($0) }) {
                    inPreamble = true
                }
                return true
            }
            if upper.hasPrefix("E.O.") || upper.hasPrefix("EO ") || upper.hasPrefix("E.O ") || upper.hasPrefix("TAGS")
                || upper.hasPrefix("SUBJECT") || upper.hasPrefix("CLASSIFIED BY") || upper.hasPrefix("REF") { return false }
            if let open = pending {
                // "PASS TO MARC FREY, DAVE GORDNER, KIKO CORTI, MIKE" continues on the next line.
                out.append(open + " " + line)
                pending = nil
                return true
            }
            if upper.hasPrefix("PASS TO ") {
                let names = "X FOR " + line.dropFirst(8)
                if line.hasSuffix(",") || line.split(separator: " ").last.map({ $0.count <= 6 }) == true { pending = names } else { out.append(names) }
                return true
            }
            if let range = CableEvidence.range(of: " FOR ", in: upper), upper[..<range.lowerBound].split(separator: " ").count <= 4 {
                out.append(line)
                forBlock = true
            } else if forBlock, !line.isEmpty, CableEvidence.range(of: ",", in: line) != nil
                        || CableEvidence.range(of: " AND ", in: upper) != nil {
                // "DEPARTMENT FOR JUAN GONZALEZ, WHA" goes on: "BILL MCILHENNY, WHA/PPC".
                out.append("X FOR " + line)
            } else {
                forBlock = false
            }
            return true
        }

        /// `read` for a line of ASCII bytes, with the same rules answered from the bytes (where a byte is a
        /// Character and upper-casing is per byte): a `String` is made only for a line kept.
        mutating func read(ascii raw: UnsafeBufferPointer<UInt8>) -> Bool {
            var start = 0, end = raw.count
            while start < end, raw[start] == 0x20 || raw[start] == 0x09 || raw[start] == 0x0D { start += 1 }
            while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 || raw[end - 1] == 0x0D { end -= 1 }
            let line = UnsafeBufferPointer(rebasing: raw[start..<end])
            if !inPreamble {
                guard let first = line.first.map(Self.upper), first == 0x43 || first == 0x53 || first == 0x55 || first == 0x4C,
                      line.count < 90 else { return true }
                if Self.squeezedHasPrefix(line, "CONFIDENTIAL") || Self.squeezedHasPrefix(line, "SECRET")
                    || Self.squeezedHasPrefix(line, "UNCLAS") || Self.squeezedHasPrefix(line, "LIMITEDOFFICIALUSE") {
                    inPreamble = true
                }
                return true
            }
            if Self.hasPrefix(line, "E.O.") || Self.hasPrefix(line, "EO ") || Self.hasPrefix(line, "E.O ") || Self.hasPrefix(line, "TAGS")
                || Self.hasPrefix(line, "SUBJECT") || Self.hasPrefix(line, "CLASSIFIED BY") || Self.hasPrefix(line, "REF") { return false }
            if let open = pending {
                out.append(open + " " + Self.string(line))
                pending = nil
                return true
            }
            if Self.hasPrefix(line, "PASS TO ") {
                let names = "X FOR " + Self.string(UnsafeBufferPointer(rebasing: line[8...]))
                if line.last == 0x2C || Self.lastWordCount(line) <= 6 { pending = names } else { out.append(names) }
                return true
            }
            if let at = Self.find(" FOR ", in: line), Self.wordCount(UnsafeBufferPointer(rebasing: line[..<at])) <= 4 {
                out.append(Self.string(line))
                forBlock = true
            } else if forBlock, !line.isEmpty, line.contains(0x2C) || Self.find(" AND ", in: line) != nil {
                out.append("X FOR " + Self.string(line))
            } else {
                forBlock = false
            }
            return true
        }

        @inline(__always)
        private static func upper(_ b: UInt8) -> UInt8 { b &- 0x61 < 26 ? b - 0x20 : b }

        private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

        /// The line in capitals starts with `prefix` (capitals).
        private static func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
            let n = prefix.utf8CodeUnitCount, p = prefix.utf8Start
            guard line.count >= n else { return false }
            for k in 0..<n where (line[k] &- 0x61 < 26 ? line[k] - 0x20 : line[k]) != p[k] { return false }
            return true
        }

        /// The line in capitals, without its spaces, starts with `prefix`.
        private static func squeezedHasPrefix(_ line: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
            let n = prefix.utf8CodeUnitCount, p = prefix.utf8Start
            var k = 0
            for b in line where b != 0x20 {
                guard k < n else { return true }
                if (b &- 0x61 < 26 ? b - 0x20 : b) != p[k] { return false }
                k += 1
            }
            return k == n
        }

        /// Where the line in capitals first holds `needle` (capitals).
        private static func find(_ needle: StaticString, in line: UnsafeBufferPointer<UInt8>) -> Int? {
            let n = needle.utf8CodeUnitCount, p = needle.utf8Start
            guard line.count >= n else { return nil }
            for start in 0...(line.count - n) {
                var k = 0
                while k < n, (line[start + k] &- 0x61 < 26 ? line[start + k] - 0x20 : line[start + k]) == p[k] { k += 1 }
                if k == n { return start }
            }
            return nil
        }

        /// `split(separator: " ").count`.
        private static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var count = 0, inWord = false
            for b in bytes {
                if b == 0x20 { inWord = false } else if !inWord { inWord = true; count += 1 }
            }
            return count
        }

        /// The length of `split(separator: " ").last` (0 when there is no word).
        private static func lastWordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
            var start = end
            while start > 0, bytes[start - 1] != 0x20 { start -= 1 }
            return end - start
        }
    }

    /// `SCA/CEN FOR M. O'MARA`, `NSC FOR CBARTON`, `PASS TO MARC FREY, DAVE GORDNER`: addressee lines
    /// between the classification banner and the `E.O.`/`TAGS` line of the raw telegram.
    static func preambleForLines(_ raw: String) -> [String] {
        var raw = raw
        return raw.withUTF8 { preambleForLines(bytes: $0) }
    }

    /// `preambleForLines` over the telegram's UTF-8: only its first 80 lines matter (lines of 400 bytes or
    /// more are skipped); before the banner most lines are rejected by their first letter, and an ASCII
    /// line is read from its bytes (a `String` is made only for a line with other bytes, or a line kept).
    /// (`bytePath: false` reads every line as a `String`, the rules the byte path must agree with.)
    static func preambleForLines(bytes: UnsafeBufferPointer<UInt8>, bytePath: Bool = true) -> [String] {
        var reader = PreambleReader()
        var start = 0, lines = 0
        var more = true
        while more, lines < 80 {
            let (end, ascii) = Self.lineEnd(bytes, from: start)
            let lineBytes = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if end < bytes.count { start = end + 1 } else { more = false }
            lines += 1
            guard lineBytes.count < 400 else { continue }
            // Before the banner, most lines (routing header) are rejected by their first letter alone.
            if !reader.inPreamble, let first = lineBytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }), first < 0x80,
               !Self.isBannerInitial(first) { continue }
            let goesOn = ascii && bytePath ? reader.read(ascii: lineBytes) : reader.read(String(decoding: lineBytes, as: UTF8.self))
            if !goesOn { break }
        }
        if let open = reader.pending { reader.out.append(open) }
        return reader.out
    }

    /// Where the line starting at `start` ends (its `\n`, or the end of the bytes), and whether its bytes
    /// are all ASCII: read eight bytes at a time (a byte-by-byte scan cost five instructions a byte).
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, ascii: Bool) {
        let raw = UnsafeRawBufferPointer(bytes)
        var k = start, high: UInt64 = 0
        while k + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            // Bit 7 of each zero byte of `word ^ "\n\n\n\n\n\n\n\n"` (the lowest one exact: borrows only
            // run upwards), that is of each line feed.
            let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
            let feeds = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            if feeds != 0 {
                let n = feeds.trailingZeroBitCount / 8
                if n > 0 { high |= word & (UInt64.max >> (64 - 8 * n)) }
                return (k + n, high & 0x8080_8080_8080_8080 == 0)
            }
            high |= word
            k += 8
        }
        var ascii = high & 0x8080_8080_8080_8080 == 0
        while k < bytes.count, bytes[k] != 0x0A {
            if bytes[k] >= 0x80 { ascii = false }
            k += 1
        }
        return (k, ascii)
    }
}
