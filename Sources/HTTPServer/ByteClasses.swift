/// Byte classes of RFC 9110/9112 grammar, as branch-only functions: no table lookups that would
/// pay a lazy-global check per byte.
enum ByteClass {
    /// `tchar` of RFC 9110 §5.6.2: the bytes of a method or a field name.
    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// A byte allowed inside a field value: VCHAR, obs-text, SP and HTAB. Excludes NUL, CR, LF
    /// and the other controls, any of which is a smuggling or injection vector.
    @inline(__always)
    static func isFieldValue(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == 0x09
    }

    /// A byte allowed in a request target: visible ASCII (no space, no controls, no obs-text).
    @inline(__always)
    static func isTarget(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}

extension UnsafeRawBufferPointer {
    /// Case-insensitive comparison with an ASCII literal that is already lower-case.
    @inline(__always)
    func equalsLowercased(_ lower: StaticString, from start: Int, to end: Int) -> Bool {
        guard end - start == lower.utf8CodeUnitCount else { return false }
        let literal = lower.utf8Start
        for offset in 0..<(end - start) where ByteClass.lower(self[start + offset]) != literal[offset] {
            return false
        }
        return true
    }
}
