import Foundation

/// A cable's entity mentions packed into one blob: the `packed` column of `cable_mentions` (schema v5).
///
/// One row per cable instead of one per mention: the import writer's largest cost with entities on
/// was inserting ~120 mention rows per cable into a B-tree (Docs/benchmarks.md, "Round 6"). Nothing
/// queries single mentions; the paragraph endpoints read a cable's mentions whole, in order.
///
/// Layout, format 1. `u` is an unsigned LEB128 varint (7 bits a byte, low bits first, at most 10
/// bytes), `z` a signed one (zigzag, then LEB128):
///
///     u8  format (1)
///     u   E, the entity count; then E × u entity pk              (entities.pk)
///     u   S, the surface count; then S × (u byte count, UTF-8)   (distinct surfaces, byte for byte)
///     u   M, the mention count; then M × (z paragraph, z start, z end − start, u entity index < E,
///                                         u surface index < S)
///
/// Mentions are in the extractor's order, which is the order the API returns them in. Surfaces are
/// deduplicated by their bytes, not by `String` equality, so a precomposed and a decomposed "é" stay
/// two surfaces and every mention reads back exactly as written. The entity pks come first because
/// only the writer knows them: the parse workers encode everything from `S` on (`EntityRows`), and
/// the writer puts the header and pks in front.
enum PackedMentions {
    static let format: UInt8 = 1

    /// One decoded mention; `entity` and `surface` index the blob's tables.
    struct Mention: Equatable {
        var paragraph: Int
        var start: Int
        var end: Int
        var entity: Int
        var surface: Int
    }

    /// A decoded blob.
    struct Decoded: Equatable {
        var entityPKs: [Int64] = []
        var surfaces: [String] = []
        var mentions: [Mention] = []
    }

    // MARK: - Encoding

    static func appendUnsigned(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    static func appendSigned(_ value: Int, to bytes: inout [UInt8]) {
        let wide = Int64(value)
        appendUnsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)), to: &bytes)
    }

    /// The whole blob: header and entity pks (in the order `body` indexes them) before `body`.
    static func blob(entityPKs: [Int64], body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 + entityPKs.count * 3 + body.count)
        bytes.append(format)
        appendUnsigned(UInt64(entityPKs.count), to: &bytes)
        for pk in entityPKs { appendUnsigned(UInt64(bitPattern: pk), to: &bytes) }
        bytes.append(contentsOf: body)
        return bytes
    }

    /// Encodes the part of a blob from the surface table on, mention by mention.
    struct BodyWriter {
        private var surfaces: [ExactText: Int] = [:]
        private var surfaceTable: [UInt8] = []
        private var mentionBytes: [UInt8] = []
        private(set) var mentionCount = 0

        /// Appends one mention; `entity` indexes the entity pks the blob will carry.
        mutating func add(paragraph: Int, start: Int, end: Int, entity: Int, surface: String) {
            let exact = ExactText(text: surface)
            let surfaceIndex: Int
            if let known = surfaces[exact] {
                surfaceIndex = known
            } else {
                surfaceIndex = surfaces.count
                surfaces[exact] = surfaceIndex
                appendUnsigned(UInt64(surface.utf8.count), to: &surfaceTable)
                surfaceTable.append(contentsOf: surface.utf8)
            }
            appendSigned(paragraph, to: &mentionBytes)
            appendSigned(start, to: &mentionBytes)
            appendSigned(end &- start, to: &mentionBytes)
            appendUnsigned(UInt64(entity), to: &mentionBytes)
            appendUnsigned(UInt64(surfaceIndex), to: &mentionBytes)
            mentionCount += 1
        }

        /// The surface table and the mentions, counts in front.
        func body() -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(surfaceTable.count + mentionBytes.count + 6)
            appendUnsigned(UInt64(surfaces.count), to: &bytes)
            bytes.append(contentsOf: surfaceTable)
            appendUnsigned(UInt64(mentionCount), to: &bytes)
            bytes.append(contentsOf: mentionBytes)
            return bytes
        }
    }

    // MARK: - Decoding

    /// Decodes a blob, checking every count, index and length against the bytes there are: damaged
    /// bytes give `StoreError.corrupt` naming `cableID` and the offset, never a trap or a huge allocation.
    static func decode(_ bytes: UnsafeRawBufferPointer, cableID: String) throws(StoreError) -> Decoded {
        var reader = ByteReader(bytes: bytes, cableID: cableID)
        let version = try reader.byte()
        guard version == format else { throw reader.corrupt("unknown format \(version)") }
        var decoded = Decoded()
        let entities = try reader.count(minimumBytesEach: 1)
        decoded.entityPKs.reserveCapacity(entities)
        for _ in 0..<entities { decoded.entityPKs.append(Int64(bitPattern: try reader.unsigned())) }
        let surfaces = try reader.count(minimumBytesEach: 1)
        decoded.surfaces.reserveCapacity(surfaces)
        for _ in 0..<surfaces { decoded.surfaces.append(try reader.text()) }
        let mentions = try reader.count(minimumBytesEach: 5)
        decoded.mentions.reserveCapacity(mentions)
        for _ in 0..<mentions {
            let paragraph = try reader.signed(), start = try reader.signed(), length = try reader.signed()
            let entity = try reader.index(below: entities, of: "entity")
            let surface = try reader.index(below: surfaces, of: "surface")
            // Wrapping, as the writer subtracted: any end comes back exactly.
            decoded.mentions.append(Mention(paragraph: paragraph, start: start, end: start &+ length, entity: entity,
                                            surface: surface))
        }
        guard reader.isAtEnd else { throw reader.corrupt("\(bytes.count - reader.offset) bytes after the last mention") }
        return decoded
    }

    /// Reads varints and strings off a blob, refusing to read past its end.
    private struct ByteReader {
        let bytes: UnsafeRawBufferPointer
        let cableID: String
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        func corrupt(_ what: String) -> StoreError {
            .corrupt("packed mentions of cable \(cableID): \(what) (byte \(offset) of \(bytes.count))")
        }

        mutating func byte() throws(StoreError) -> UInt8 {
            guard offset < bytes.count else { throw corrupt("truncated") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func unsigned() throws(StoreError) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                // The tenth byte may only carry the 64th bit.
                guard shift < 63 || next <= 1 else { throw corrupt("varint longer than 64 bits") }
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value }
                shift += 7
            }
        }

        mutating func signed() throws(StoreError) -> Int {
            let raw = try unsigned()
            return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        }

        /// A count of items taking at least `minimumBytesEach` bytes: more than the bytes left can hold is corrupt.
        mutating func count(minimumBytesEach: Int) throws(StoreError) -> Int {
            let value = try unsigned()
            guard value <= UInt64((bytes.count - offset) / minimumBytesEach) else {
                throw corrupt("count \(value) larger than the bytes left")
            }
            return Int(value)
        }

        mutating func index(below limit: Int, of what: String) throws(StoreError) -> Int {
            let value = try unsigned()
            guard value < UInt64(limit) else { throw corrupt("\(what) index \(value) not below \(limit)") }
            return Int(value)
        }

        mutating func text() throws(StoreError) -> String {
            let length = try count(minimumBytesEach: 1)
            defer { offset += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        }
    }
}

/// A string compared by its UTF-8 bytes, as SQLite's BINARY collation compares text.
///
/// `String`'s own equality is canonical equivalence ("é" precomposed equals "e" + combining accent);
/// SQLite keys, and mention surfaces that must read back exactly, need byte equality. The hash is
/// `String`'s (byte-equal strings are canonically equal, so it stays consistent with `==`): for ASCII
/// and NFC text it hashes the bytes directly, where hashing them through `Hasher.combine(bytes:)` made
/// the writer's cache lookups several times dearer.
struct ExactText: Hashable {
    var text: String

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        var left = lhs.text, right = rhs.text
        return left.withUTF8 { a in
            right.withUTF8 { b in
                a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(text)
    }
}
