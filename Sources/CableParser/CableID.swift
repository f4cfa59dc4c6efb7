/// Canonical Cablegate reference ids: two-digit year, station letters, serial without leading zeros.
///
/// Ids are written many ways in the wild (`07astana003153`, `07 ASTANA 3153`, `07SECSTATE1234`,
/// `09 USUN NEW YORK 12`); all of them name one cable, so every module compares canonical forms only.
public enum CableID {
    /// Canonical id for `text`, or `nil` when it is not `YY` + station + serial.
    ///
    /// `"07astana003153"` → `"07ASTANA3153"`; `"07 SECSTATE 0012"` → `"07STATE12"`.
    public static func canonicalize(_ text: String) -> String? {
        var letters: [UInt8] = []
        var digitsBefore: [UInt8] = []
        var serial: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if letters.isEmpty {
                    digitsBefore.append(byte)
                } else {
                    serial.append(byte)
                }
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                guard serial.isEmpty else { return nil }
                letters.append(byte & 0xDF)
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                continue
            default:
                return nil
            }
        }
        guard digitsBefore.count == 2, !letters.isEmpty, !serial.isEmpty, serial.count <= 9 else { return nil }
        let station = canonicalStation(String(decoding: letters, as: UTF8.self))
        guard let number = Int(String(decoding: serial, as: UTF8.self)) else { return nil }
        return make(year: String(decoding: digitsBefore, as: UTF8.self), station: station, serial: number)
    }

    /// Builds an id from parts already known to be clean.
    public static func make(year: String, station: String, serial: Int) -> String {
        year + station + String(serial)
    }

    /// Canonical station for a station name as written in a banner or reference
    /// (`SECSTATE` → `STATE`, `USUN NEW YORK` → `USUNNEWYORK`, `rio de janeiro` → `RIODEJANEIRO`).
    public static func canonicalStation(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var letters: [UInt8] = []
            letters.reserveCapacity(name.utf8.count)
            for byte in name.utf8 where ByteScan.isLetter(byte) { letters.append(byte & 0xDF) }
            let compact = String(decoding: letters, as: UTF8.self)
            return stationAliases[compact] ?? compact
        }
        var compact = ""
        compact.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars where scalar.properties.isAlphabetic {
            compact.unicodeScalars.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars)
        }
        return stationAliases[compact] ?? compact
    }

    /// Names that differ between the routing text and WikiLeaks' ids.
    static let stationAliases: [String: String] = [
        "SECSTATE": "STATE",
        "SECSTATEWASHDC": "STATE",
        "USUN": "USUNNEWYORK",
        "USMISSIONUSUNNEWYORK": "USUNNEWYORK",
        "USMISSIONUSNATO": "USNATO",
        "USMISSIONGENEVA": "GENEVA",
        "UNVIE": "UNVIEVIENNA",
        "USMISSIONUNVIEVIENNA": "UNVIEVIENNA",
    ]
}
