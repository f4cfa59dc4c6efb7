import Foundation

extension Preamble {
    /// `12958: DECL: 11/17/2017`, `12356: DECL: OADR`, `12958: N/A`, `12958 DECL: 2019/12/17`.
    mutating func readExecutiveOrder(_ value: String) {
        var rest = Substring(value)
        let digits = rest.drop(while: { !$0.isNumber }).prefix(while: \.isNumber)
        if digits.count == 5 {
            executiveOrder = String(digits)
            rest = rest[digits.endIndex...]
        }
        rest = rest.drop(while: { $0 == ":" || $0 == " " || $0 == "," || $0 == ";" })
        let restText = String(rest)
        if let decl = restText.asciiRange(of: "DECL") {
            rest = restText[decl.upperBound...].drop(while: { $0 == ":" || $0 == " " || $0 == "." })
        }
        let marker = Self.squeeze(String(rest))
        guard !marker.isEmpty else { return }
        declassifyOn = Self.isoDate(marker) ?? marker
    }

    /// `11/17/2017` → `2017-11-17`, `2019/12/17` → `2019-12-17`, `6/3/08` → `2008-06-03`.
    static func isoDate(_ text: String) -> String? {
        let trimmed = text.hasSuffix(".") ? String(text.dropLast()) : text
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
              let first = Int(parts[0]), let second = Int(parts[1]), let third = Int(parts[2]) else { return nil }
        let year: Int, month: Int, day: Int
        if parts[0].count == 4 {
            (year, month, day) = (first, second, third)
        } else {
            (month, day) = (first, second)
            switch parts[2].count {
            case 2: year = DateTimeGroup.expandYear(third)
            case 4: year = third
            default: return nil
            }
        }
        guard (1...12).contains(month), (1...31).contains(day), (1900...2100).contains(year) else { return nil }
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}
