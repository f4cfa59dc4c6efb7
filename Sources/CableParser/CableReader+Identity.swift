/// The cable's id, assembled from the banner (station, serial), the DTG (year) and, where the text
/// is silent or redacted, the routing header or the id the caller already knows.
struct CableIdentity {
    var id: String
    var year: String
    var station: String
    var serial: Int
}

extension CableReader {
    mutating func identify(
        banner: Banner?, routing: RoutingHeader, dtg: DateTimeGroup?, headerEnd: Int
    ) throws(CableParseError) -> CableIdentity {
        let known = knownID.flatMap(Self.split)
        let fromStation = routing.header.from.flatMap { Self.station(fromAddressee: $0.name) }
        let deSerial = routing.header.stationId.flatMap { Int($0) }

        let textYear = dtg?.shortYear
        let textStation = banner?.station ?? fromStation
        let textSerial = banner?.serial ?? deSerial

        if let known {
            if let textYear, textYear != known.year {
                warnings.append("DTG year \(textYear) disagrees with id given \(knownID ?? "")")
            }
            if let textStation, textStation != known.station {
                warnings.append("banner station \(textStation) disagrees with id given \(knownID ?? "")")
            }
            if let textSerial, textSerial != known.serial {
                warnings.append("banner serial \(textSerial) disagrees with id given \(knownID ?? "")")
            }
        }
        if let textStation, let fromStation, textStation != fromStation {
            warnings.append("banner station \(textStation) disagrees with FM line station \(fromStation)")
        }
        // The caller's id names the record; the text's parts fill in only what it lacks.
        guard let year = known?.year ?? textYear else {
            throw CableParseError(
                .missingIdentifier, line: max(1, headerEnd),
                "no date-time group (like 191204Z NOV 07) in the routing header: the id's year is unknown"
            )
        }
        guard let station = known?.station ?? textStation, let serial = known?.serial ?? textSerial else {
            throw CableParseError(
                .missingIdentifier, line: max(1, headerEnd),
                "no classification banner (like C O N F I D E N T I A L ASTANA 003153) naming station and serial"
            )
        }
        if banner == nil {
            warnings.append("no classification banner: id built from the routing header")
        } else if banner?.station == nil {
            warnings.append("banner station redacted: station taken from \(fromStation != nil ? "the FM line" : "the id given")")
        }
        return CableIdentity(id: CableID.make(year: year, station: station, serial: serial), year: year, station: station, serial: serial)
    }

    /// `07ASTANA3153` → ("07", "ASTANA", 3153); the input is already canonical.
    static func split(_ id: String) -> (year: String, station: String, serial: Int)? {
        let scalars = Array(id.utf8)
        guard scalars.count > 3 else { return nil }
        var end = scalars.count
        while end > 2, ByteScan.isDigit(scalars[end - 1]) { end -= 1 }
        guard end > 2, end < scalars.count, let serial = Int(String(decoding: scalars[end...], as: UTF8.self)) else {
            return nil
        }
        return (String(decoding: scalars[..<2], as: UTF8.self), String(decoding: scalars[2..<end], as: UTF8.self), serial)
    }

    /// Station of the sending post from the `FM` line (`AMEMBASSY ASTANA` → `ASTANA`).
    static func station(fromAddressee name: String) -> String? {
        var words = name.uppercased().split(separator: " ").map(String.init)
        if let parenthesis = words.firstIndex(where: { $0.hasPrefix("(") }) { words = Array(words[..<parenthesis]) }
        guard let first = words.first else { return nil }
        switch first {
        case "AMEMBASSY", "AMCONSUL", "USMISSION", "AMEMBASSYCONSULATE":
            words.removeFirst()
        case "SECSTATE":
            return "STATE"
        case "IRAN":
            words.removeFirst()
        case "USINT":
            // The US Interests Section files its cables under the city (`HAVANA`).
            words.removeFirst()
        default:
            break
        }
        // USEU Brussels files its cables under the BRUSSELS station.
        if first == "USEU" { return "BRUSSELS" }
        guard !words.isEmpty else { return nil }
        return CableID.canonicalStation(words.joined(separator: " "))
    }
}
