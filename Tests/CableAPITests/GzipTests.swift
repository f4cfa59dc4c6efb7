import Testing
@testable import CableAPI

@Suite("gzip request bodies")
struct GzipTests {
    @Test("round trip through the system gzip, concatenated members, truncation, limit")
    func inflate() throws {
        let text = Array(String(repeating: "C O N F I D E N T I A L ASTANA 003153\n", count: 500).utf8)
        let gz = try gzip(text)
        #expect(try Gzip.inflate(gz, limit: 1 << 20) == text)
        #expect(try Gzip.inflate(gz + gz, limit: 1 << 20) == text + text)
        #expect(throws: Gzip.Failure.tooLarge) { try Gzip.inflate(gz, limit: text.count - 1) }
        #expect(throws: Gzip.Failure.self) { try Gzip.inflate(Array(gz.dropLast(12)), limit: 1 << 20) }
        #expect(throws: Gzip.Failure.self) { try Gzip.inflate([0x1F, 0x8B, 0x08, 0x00, 0x00], limit: 1 << 20) }
        #expect(throws: Gzip.Failure.self) { try Gzip.inflate(gz + [0x41], limit: 1 << 20) }
    }
}
