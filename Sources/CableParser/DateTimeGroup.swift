/// A military date-time group (`191204Z NOV 07`): the moment a cable was released, always UTC.
struct DateTimeGroup: Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    /// The group as written in the text.
    var text: String

    /// `2007-11-19T12:04:00Z`.
    var iso8601: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):00Z"
    }

    /// Two-digit year as used in cable ids (`07`).
    var shortYear: String { pad(year % 100, 2) }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Two-digit years 66-99 are the 1900s: the archive starts in 1966 and ends in 2010.
    static func expandYear(_ twoDigits: Int) -> Int { twoDigits >= 66 ? 1900 + twoDigits : 2000 + twoDigits }

    private static let months: [(StaticString, Int)] = [
        ("JAN", 1), ("FEB", 2), ("MAR", 3), ("APR", 4), ("MAY", 5), ("JUN", 6),
        ("JUL", 7), ("AUG", 8), ("SEP", 9), ("OCT", 10), ("NOV", 11), ("DEC", 12),
    ]

    /// Finds the first `DDHHMMZ MON YY` (or `YYYY`, any letter case, blanks optional) in `range`.
    static func find(in bytes: [UInt8], _ range: Range<Int>) -> DateTimeGroup? {
        var index = range.lowerBound
        while index + 7 <= range.upperBound {
            // Cheap anchor: a 'Z' preceded by six digits.
            if bytes[index + 6] | 0x20 == UInt8(ascii: "z"),
               index == range.lowerBound || !ByteScan.isDigit(bytes[index - 1]),
               let group = parse(bytes, at: index, end: range.upperBound) {
                return group
            }
            index += 1
        }
        return nil
    }

    private static func parse(_ bytes: [UInt8], at start: Int, end: Int) -> DateTimeGroup? {
        guard let day = ByteScan.integer(bytes, start..<(start + 2)),
              let hour = ByteScan.integer(bytes, (start + 2)..<(start + 4)),
              let minute = ByteScan.integer(bytes, (start + 4)..<(start + 6)),
              (1...31).contains(day), hour < 24, minute < 60 else { return nil }
        var index = start + 7
        while index < end, ByteScan.isBlank(bytes[index]) { index += 1 }
        guard index + 3 <= end else { return nil }
        var month = 0
        for (name, number) in months where ByteScan.hasPrefix(bytes, index..<end, name) {
            month = number
            break
        }
        guard month > 0 else { return nil }
        index += 3
        while index < end, ByteScan.isBlank(bytes[index]) { index += 1 }
        let yearStart = index
        while index < end, ByteScan.isDigit(bytes[index]), index - yearStart < 5 { index += 1 }
        let year: Int
        switch index - yearStart {
        case 2: year = expandYear(ByteScan.integer(bytes, yearStart..<index) ?? 0)
        case 4: year = ByteScan.integer(bytes, yearStart..<index) ?? 0
        default: return nil
        }
        guard (1900...2099).contains(year) else { return nil }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return DateTimeGroup(year: year, month: month, day: day, hour: hour, minute: minute, text: text)
    }
}
