import Foundation

/// Strictly parsed query parameters: unknown, repeated single-valued, badly encoded or out-of-range
/// parameters are a `Problem.badParameter` naming the parameter (the contract's pinned rule).
public struct QueryParameters: Sendable {
    private var values: [String: [String]] = [:]

    /// Parses `rawQuery` and checks every name against `allowed`; only names in `repeatable` may repeat.
    public init(_ rawQuery: String, allowed: Set<String>, repeatable: Set<String> = []) throws(Problem) {
        guard !rawQuery.isEmpty else { return }
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(parts[0])
            guard let name = Self.decode(rawName) else {
                throw .badParameter(rawName, "query parameter name \(rawName) has bad percent-encoding")
            }
            guard let value = Self.decode(parts.count > 1 ? String(parts[1]) : "") else {
                throw .badParameter(name, "parameter \(name) has bad percent-encoding")
            }
            guard allowed.contains(name) else {
                let list = allowed.sorted().joined(separator: ", ")
                throw .badParameter(name, "unknown query parameter \(name); this endpoint takes \(list.isEmpty ? "none" : list)")
            }
            if values[name] != nil && !repeatable.contains(name) {
                throw .badParameter(name, "parameter \(name) may appear only once")
            }
            values[name, default: []].append(value)
        }
    }

    /// Form-style decoding: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
    static func decode(_ text: String) -> String? {
        guard text.contains("%") || text.contains("+") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// True when the parameter was given at all.
    public func has(_ name: String) -> Bool { values[name] != nil }

    /// A single-valued text parameter; empty values count as absent unless `allowEmpty`.
    public func string(_ name: String, allowEmpty: Bool = false) throws(Problem) -> String? {
        guard let value = values[name]?.first else { return nil }
        if value.isEmpty && !allowEmpty { throw .badParameter(name, "parameter \(name) is empty") }
        if value.utf8.count > 1024 { throw .badParameter(name, "parameter \(name) is longer than 1024 bytes") }
        return value
    }

    /// Every value of a repeatable parameter (also comma-separated lists: `tag=PGOV,PREL`).
    public func list(_ name: String) throws(Problem) -> [String] {
        var out: [String] = []
        for value in values[name] ?? [] {
            for item in value.split(separator: ",") {
                let trimmed = item.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { out.append(trimmed) }
            }
        }
        if has(name) && out.isEmpty { throw .badParameter(name, "parameter \(name) is empty") }
        return out
    }

    /// An integer in `range`.
    public func int(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(Problem) -> Int {
        guard let text = values[name]?.first else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw .badParameter(name, "parameter \(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
        }
        return value
    }

    /// One of a fixed set of words.
    public func choice(_ name: String, _ allowed: [String], default fallback: String? = nil) throws(Problem) -> String? {
        guard let text = values[name]?.first else { return fallback }
        guard allowed.contains(text) else {
            throw .badParameter(name, "parameter \(name) must be one of \(allowed.joined(separator: ", ")), got \"\(text)\"")
        }
        return text
    }

    /// Several words from a fixed set (`facets=classification,year`).
    public func choices(_ name: String, _ allowed: [String]) throws(Problem) -> [String] {
        let items = try list(name)
        for item in items where !allowed.contains(item) {
            throw .badParameter(name, "parameter \(name) takes \(allowed.joined(separator: ", ")), got \"\(item)\"")
        }
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// An ISO date `YYYY-MM-DD` (or a full ISO 8601 date-time, whose date part is used).
    public func date(_ name: String) throws(Problem) -> String? {
        guard let text = values[name]?.first else { return nil }
        let datePart = String(text.prefix(10))
        let bytes = Array(datePart.utf8)
        let shapeOK = bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
            && bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }
        let month = Int(datePart.dropFirst(5).prefix(2)) ?? 0
        let day = Int(datePart.dropFirst(8).prefix(2)) ?? 0
        let restOK = text.count == 10 || (text.count > 11 && text.dropFirst(10).first == "T")
        guard shapeOK, restOK, (1...12).contains(month), (1...31).contains(day) else {
            throw .badParameter(name, "parameter \(name) must be an ISO date like 2007-11-19, got \"\(text)\"")
        }
        return datePart
    }

    /// A boolean written `true`/`false`/`1`/`0`.
    public func bool(_ name: String, default fallback: Bool) throws(Problem) -> Bool {
        guard let text = values[name]?.first else { return fallback }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .badParameter(name, "parameter \(name) must be true or false, got \"\(text)\"")
        }
    }
}
