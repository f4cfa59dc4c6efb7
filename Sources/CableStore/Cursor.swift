import Foundation

/// Opaque keyset cursors: base64url (no padding) of a kind tag and the last row's sort key.
///
/// The kind tag stops a cursor issued for one sort order or endpoint from being replayed against
/// another; anything that does not decode to the expected kind and field count is `invalidCursor`.
enum Cursor {
    private static let separator: Character = "\u{1F}"

    static func encode(kind: String, _ fields: [String]) -> String {
        let text = ([kind] + fields).joined(separator: String(separator))
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String, kind: String, fieldCount: Int) throws(StoreError) -> [String] {
        guard cursor.utf8.count <= 4096 else { throw .invalidCursor("too long") }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { throw .invalidCursor("not base64url") }
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw .invalidCursor("not base64url")
        }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.first == kind else { throw .invalidCursor("issued for another listing or sort order") }
        guard parts.count == fieldCount + 1 else { throw .invalidCursor("malformed") }
        return Array(parts.dropFirst())
    }

    /// A Double written so it decodes to the same bits (scores are compared exactly).
    static func encode(_ value: Double) -> String { String(value.bitPattern, radix: 16) }

    static func decodeDouble(_ text: String) throws(StoreError) -> Double {
        guard let bits = UInt64(text, radix: 16) else { throw .invalidCursor("malformed score") }
        return Double(bitPattern: bits)
    }
}
