/// Turns raw cable bytes into text: UTF-8 when the bytes are valid UTF-8, Windows-1252 otherwise.
///
/// Cables travel as UTF-8 exports, but older dumps and hand-saved files are Latin-1 / Windows-1252;
/// those bytes are never valid UTF-8 beyond ASCII, so trying UTF-8 first and falling back is unambiguous.
public enum TextDecoding {
    /// Decodes `bytes` as UTF-8, or as Windows-1252 when they are not valid UTF-8. A UTF-8 BOM is dropped.
    public static func decode(_ bytes: [UInt8]) -> String {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        if let text = String(validating: slice, as: UTF8.self) { return text }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(slice.count)
        for byte in slice { scalars.append(windows1252Scalar(byte)) }
        return String(scalars)
    }

    /// UTF-8 bytes of `bytes` interpreted by the same rule as `decode`, without building a `String`
    /// when the input is already UTF-8 (the common case on the parser's hot path).
    static func utf8Bytes(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if isValidUTF8(bytes, from: start) {
            return start == 0 ? bytes : Array(bytes[start...])
        }
        return Array(decode(bytes).utf8)
    }

    private static func isValidUTF8(_ bytes: [UInt8], from start: Int) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            isValidUTF8(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF) without
    /// building a `String`.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight ASCII bytes at a time: no high bit set in the word.
            if index + 8 <= count, let base = bytes.baseAddress,
               UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            @inline(__always) func continuation(_ offset: Int) -> UInt8? {
                guard index + offset < count else { return nil }
                let byte = bytes[index + offset]
                return byte & 0xC0 == 0x80 ? byte : nil
            }
            switch lead {
            case 0xC2...0xDF:
                guard continuation(1) != nil else { return false }
                index += 2
            case 0xE0...0xEF:
                guard let second = continuation(1), continuation(2) != nil else { return false }
                if lead == 0xE0, second < 0xA0 { return false }
                if lead == 0xED, second >= 0xA0 { return false }
                index += 3
            case 0xF0...0xF4:
                guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil else { return false }
                if lead == 0xF0, second < 0x90 { return false }
                if lead == 0xF4, second >= 0x90 { return false }
                index += 4
            default:
                return false
            }
        }
        return true
    }

    /// Windows-1252 differs from Latin-1 only in 0x80...0x9F; the five undefined slots map to
    /// their C1 control code points, as the WHATWG encoding standard does.
    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte < 0x80 || byte >= 0xA0 { return Unicode.Scalar(byte) }
        let value = cp1252High[Int(byte - 0x80)]
        return Unicode.Scalar(value) ?? Unicode.Scalar(byte)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
