/// A minimal JSON writer for the server's own small documents (problem details). Escapes strings
/// per RFC 8259 so a detail quoting client input can never break the document.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    mutating func object(_ body: (inout ObjectWriter) -> Void) {
        var writer = ObjectWriter()
        writer.bytes = bytes
        writer.bytes.append(UInt8(ascii: "{"))
        body(&writer)
        writer.bytes.append(UInt8(ascii: "}"))
        bytes = writer.bytes
    }

    struct ObjectWriter {
        fileprivate var bytes: [UInt8] = []
        private var first = true

        mutating func field(_ name: String, _ value: String) {
            key(name)
            JSONBytes.appendString(value, to: &bytes)
        }

        mutating func field(_ name: String, _ value: Int) {
            key(name)
            bytes.append(contentsOf: String(value).utf8)
        }

        private mutating func key(_ name: String) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            JSONBytes.appendString(name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    static func appendString(_ string: String, to bytes: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
